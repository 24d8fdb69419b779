"""Check that a server's responses are what the specs say: the library call, an httpx
transport, HAR files; the `jobresults validate` and `jobresults contract` commands and the
pytest plugin build on these.

    from jobresults.validate import validate_response
    report = validate_response("wickson", "getBatchResults", 200, body, headers)
    for violation in report.violations:
        print(violation.message)   # /data/job_results/3/status: "queued" is not one of ...

    transport = ValidatingTransport(httpx.HTTPTransport(), mode="collect")

Validation works from the shipped specs themselves: each response schema is compiled once
(jsonschema-rs, Draft 2020-12, formats checked) and cached. Names load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .._extras import require

require("validate", "validation against the specs (jobresults.validate)")

if TYPE_CHECKING:
    from ._errors import (
        UnknownOperationError,
        UnknownServiceError,
        UnknownSpecItemError,
        UnknownStatusError,
        ValidationWarning,
    )
    from ._exchange import validate_httpx_response
    from ._har import HarFormatError, HarValidation, validate_har
    from ._match import OperationMatcher, match_operation
    from ._report import ValidationReport, Violation, ViolationKind
    from ._transport import ValidatingTransport
    from ._validate import validate_response
    from ._validation_error import ResponseValidationError

_ATTRIBUTES = {
    "HarFormatError": "_har",
    "HarValidation": "_har",
    "OperationMatcher": "_match",
    "ResponseValidationError": "_validation_error",
    "UnknownOperationError": "_errors",
    "UnknownServiceError": "_errors",
    "UnknownSpecItemError": "_errors",
    "UnknownStatusError": "_errors",
    "ValidatingTransport": "_transport",
    "ValidationReport": "_report",
    "ValidationWarning": "_errors",
    "Violation": "_report",
    "ViolationKind": "_report",
    "match_operation": "_match",
    "validate_har": "_har",
    "validate_httpx_response": "_exchange",
    "validate_response": "_validate",
}

__all__ = [
    "HarFormatError",
    "HarValidation",
    "OperationMatcher",
    "ResponseValidationError",
    "UnknownOperationError",
    "UnknownServiceError",
    "UnknownSpecItemError",
    "UnknownStatusError",
    "ValidatingTransport",
    "ValidationReport",
    "ValidationWarning",
    "Violation",
    "ViolationKind",
    "match_operation",
    "validate_har",
    "validate_httpx_response",
    "validate_response",
]


def __getattr__(name: str) -> Any:
    if name in _ATTRIBUTES:
        module = importlib.import_module(f"{__name__}.{_ATTRIBUTES[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
