"""`ResponseValidationError`: what a `ValidatingTransport` in mode "raise" raises."""

from __future__ import annotations

import httpx

from ..errors import JobResultsError
from ._report import ValidationReport

SHOWN_VIOLATIONS = 5
"""How many violations the error's message lists (the report keeps all of them)."""


class ResponseValidationError(JobResultsError):
    """A response breaks its spec. `.report` lists every violation; `.response` is the
    response, its body still readable."""

    def __init__(self, report: ValidationReport, response: httpx.Response) -> None:
        self.report = report
        self.response = response
        lines = [report.summary()]
        lines.extend(f"  {v.message}" for v in report.violations[:SHOWN_VIOLATIONS])
        hidden = len(report.violations) - SHOWN_VIOLATIONS
        if hidden > 0:
            lines.append(f"  ... and {hidden} more")
        super().__init__("\n".join(lines))
