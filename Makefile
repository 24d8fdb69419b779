# Every target sets up what it needs: .venv is created when missing and filled from the
# committed lock (requirements/dev.txt), then the package is installed in editable mode.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: help test lint typecheck pytest generate check-generated demo bench clean

help:
	@echo "make test             lint, type check, check-generated and the test suite"
	@echo "make demo             the demo (for now: the operations of the shipped specs)"
	@echo "make generate         regenerate generated/ from openapi/"
	@echo "make check-generated  fail with a diff if generated/ differs from what openapi/ produces"
	@echo "make lint             ruff check and ruff format --check"
	@echo "make bench            run the benchmarks and write BENCHMARKS.md"

$(READY): requirements/dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(READY)

test: lint typecheck check-generated pytest

lint: $(READY)
	$(BIN)/ruff check overlays scripts tests
	$(BIN)/ruff format --check overlays scripts tests

typecheck: $(READY)
	$(BIN)/mypy --strict overlays/jobresults

pytest: $(READY)
	$(BIN)/pytest

generate: $(READY)
	$(BIN)/python scripts/generate.py

check-generated: $(READY)
	$(BIN)/python scripts/generate.py --check

# Until the end-to-end demo lands, the demo lists the operations the shipped specs describe.
demo: $(READY)
	$(BIN)/jobresults operations

bench: $(READY)
	$(BIN)/python scripts/bench

clean:
	rm -rf $(VENV) build dist
