"""Typed clients, one module per service: a Client and an AsyncClient with a method per operation, over the jobresults HTTP core (scripts/templates/api/).

Written by `make generate` from openapi/; do not edit by hand."""
