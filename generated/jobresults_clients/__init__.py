"""httpx clients with attrs models, one subpackage per service (openapi-python-client).

Written by `make generate` from openapi/; do not edit by hand."""
