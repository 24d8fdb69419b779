"""The extras: read from the installed metadata, checked where a feature is first used."""

from __future__ import annotations

import importlib.metadata

import pytest
from jobresults import _extras


def test_each_extra_lists_what_its_feature_imports() -> None:
    assert set(_extras.distributions("validate")) == {"jsonschema-rs", "pyyaml"}
    assert {"pydantic"} <= set(_extras.distributions("schemas"))
    assert {"starlette", "uvicorn", "jsonschema-rs", "pyyaml"} <= set(_extras.distributions("mock"))
    assert {"typer", "rich", "starlette", "uvicorn"} <= set(_extras.distributions("cli"))
    assert {"schemathesis", "jsonschema-rs"} <= set(_extras.distributions("contract"))
    every = set(_extras.distributions("all"))
    for extra in ("validate", "schemas", "mock", "cli", "contract"):
        assert set(_extras.distributions(extra)) <= every
    with pytest.raises(ValueError, match="no extra 'servers'"):
        _extras.distributions("servers")


def test_a_missing_distribution_is_an_import_error_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.metadata.distribution

    def without_uvicorn(name: str) -> importlib.metadata.Distribution:
        if name == "uvicorn":
            raise importlib.metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(importlib.metadata, "distribution", without_uvicorn)
    _extras._missing.cache_clear()
    try:
        assert not _extras.installed("mock")
        assert _extras.installed("validate")
        with pytest.raises(ImportError) as raised:
            _extras.require("mock", "the mock server")
        assert isinstance(raised.value, _extras.MissingExtraError)
        assert raised.value.extra == "mock"
        assert raised.value.name == "uvicorn"
        assert str(raised.value) == (
            "the mock server: the 'mock' extra is not installed (missing: uvicorn);"
            " pip install 'jobresults[mock]'"
        )
        _extras.require("validate", "validation")  # complete: no error
    finally:
        _extras._missing.cache_clear()
