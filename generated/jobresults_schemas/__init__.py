"""pydantic v2 models of every schema, one module per service (datamodel-code-generator).

Written by `make generate` from openapi/; do not edit by hand."""

from jobresults._extras import require

require("schemas", "the pydantic models (jobresults_schemas)")
