"""The pytest plugin that jobresults registers (fixtures for the mock server and validation)."""
