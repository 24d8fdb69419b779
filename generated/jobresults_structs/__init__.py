"""msgspec Structs of every schema, one module per service (datamodel-code-generator); the fast typed decoding behind the jobresults clients.

Written by `make generate` from openapi/; do not edit by hand."""
