# Every target sets up what it needs: .venv is created when missing and filled from the
# committed lock (requirements/dev.txt), then the package is installed in editable mode.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: help test lint typecheck pytest generate check-generated demo bench clean

help:
	@echo "make test             lint, type check and the test suite (it runs check-generated)"
	@echo "make demo             start the mock, run each service's flow against it, validate (<30 s)"
	@echo "make generate         regenerate generated/ from openapi/"
	@echo "make check-generated  fail with a diff if generated/ differs from what openapi/ produces"
	@echo "make lint             ruff check and ruff format --check"
	@echo "make bench            run the benchmarks and write BENCHMARKS.md"

# uv (pinned in the lock) installs the lock in seconds where pip takes a minute or more; where
# uv cannot be installed or cannot reach the registry, pip installs the same lock.
PIP := $(BIN)/python -m pip --disable-pip-version-check
UV_VERSION := $(shell sed -n 's/^uv==//p' requirements/dev.txt)

$(READY): requirements/dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@{ $(PIP) install --quiet uv==$(UV_VERSION) \
	  && $(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements/dev.txt; } \
	  || $(PIP) install --quiet -r requirements/dev.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	@touch $(READY)

# The suite checks generated/ against the specs itself (tests/foundation/test_generate.py runs
# `generate.py --check`), so check-generated is not run twice.
test: lint typecheck pytest

lint: $(READY)
	$(BIN)/ruff check overlays scripts tests
	$(BIN)/ruff format --check overlays scripts tests

typecheck: $(READY)
	$(BIN)/mypy --strict overlays/jobresults

# One test process per core (pytest-xdist); a test file's tests stay in one process, so that
# its module fixtures (a running mock, the quick benchmark run) are made once.
pytest: $(READY)
	$(BIN)/pytest -n auto --dist loadfile

generate: $(READY)
	$(BIN)/python scripts/generate.py

check-generated: $(READY)
	$(BIN)/python scripts/generate.py --check

# The mock server on a free loopback port, each service's main flow against it, wait_all over
# 100 new jobs, every response validated against the specs; exits 0 only if every step passed.
demo: $(READY)
	$(BIN)/jobresults demo

bench: $(READY)
	$(BIN)/python scripts/bench

clean:
	rm -rf $(VENV) build dist
