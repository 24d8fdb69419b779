"""How a response's deviations from its spec are found later, on demand: `BodyCheck`, which a
`ResponseParseError` carries so that its `violations()` can validate the body without
`jobresults.errors` importing the validator (which needs the `validate` extra)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from . import errors
from ._violation import Violation


@dataclass(frozen=True)
class BodyCheck:
    """Validates a response of one operation against its spec when called (lenient)."""

    service: str
    operation_id: str

    def __call__(self, response: httpx.Response) -> list[Violation]:
        from .validate import validate_response

        report = validate_response(
            self.service,
            self.operation_id,
            response.status_code,
            response.content,
            response.headers,
            strict=False,
        )
        return list(report.violations)


def body_error(
    message: str, *, response: httpx.Response, reason: str, service: str, operation_id: str
) -> errors.ResponseParseError:
    """A `ResponseParseError` for a response of `operation_id`, able to list its violations."""
    return errors.ResponseParseError(
        message,
        response=response,
        reason=reason,
        service=service,
        operation_id=operation_id,
        check=BodyCheck(service, operation_id),
    )
