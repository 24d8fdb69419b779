"""A response must be about the job it was asked for.

A cache or proxy that mixes up responses, or a server bug, can answer a request for one job with
another job's result. Returned as the asked job, it would be silently wrong: the results of one
job reported as another's. Each service's result names its job (Modzy `job_identifier`,
Overmind `id`, Wickson `batch_summary.batch_id`), and it is checked against the request. A
LlamaCloud extraction result names its run and agent, not its job, so it cannot be checked.
"""

from __future__ import annotations

from typing import TypeVar

from ._deviations import body_error
from ._response import ApiResponse

T = TypeVar("T")

_SHOWN = 80


def _shown(value: object) -> str:
    text = repr(str(value))
    return text if len(text) <= _SHOWN else f"{text[:_SHOWN]}... ({len(text)} characters)"


def about_job(response: ApiResponse[T], *, asked: object, answered: object, what: str) -> T:
    """The typed result of `response` if it is about `asked`; otherwise `ResponseParseError`
    naming both ids (the response kept on it). `what` names the kind of id, e.g. "job"."""
    if answered == asked:
        return response.parsed
    request = response.http.request
    where = f"{request.method} {request.url.copy_with(query=None)}"
    raise body_error(
        f"{where}: asked for {what} {_shown(asked)}, the response is about {what}"
        f" {_shown(answered)}",
        response=response.http,
        reason=f"a response about another {what}",
        service=response.service,
        operation_id=response.operation_id,
    )
