"""The errors every jobresults client raises.

    JobResultsError
    ├── APIError                      something went wrong talking to a service
    │   ├── APIConnectionError        no usable connection (refused, reset, DNS, TLS)
    │   │   └── APITimeoutError       connect, read, write or pool timeout
    │   ├── APIStatusError            the service answered with a 4xx or 5xx status
    │   │   ├── BadRequestError           400
    │   │   ├── AuthenticationError       401
    │   │   ├── PermissionDeniedError     403
    │   │   ├── NotFoundError             404
    │   │   ├── ConflictError             409
    │   │   ├── UnprocessableEntityError  422
    │   │   ├── RateLimitError            429 (`.retry_after`)
    │   │   └── InternalServerError       5xx
    │   ├── ResponseParseError        a 2xx body that is not JSON or not the documented shape,
    │   │                             too large, nested too deep or not as its encoding says
    │   └── PaginationError           the pages of a listing contradict each other
    ├── ResultsError                  a job reports that one of its items failed
    ├── ItemFormatError               an item's fields are not what the spec documents
    ├── WaitTimeoutError              a job did not finish in time (`.last` is the last result)
    └── JobFailedError                a waited-for job ended without a result: failed,
                                      cancelled or timed out at the service (`.job`, `.error`:
                                      the service's text on why)

Every error built from a response keeps it in `.response` (status, headers, raw body). Messages
name the method and URL, never a header, and a key the server echoes in its error body is
masked in them: API keys do not appear in messages, logs or the command line's output. An
error that ends an iterator over pages says in `.resume_page` which page to start again from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from ._violation import Violation

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "ItemFormatError",
    "JobFailedError",
    "JobResultsError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseParseError",
    "ResultsError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
]


class JobResultsError(Exception):
    """The base of every error this package raises on purpose.

    Errors pickle (a `ProcessPoolExecutor` worker can raise them) without the API key: the
    request's auth headers are masked and the key is scrubbed from the response body kept.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        from ._auth import without_secrets

        return (_rebuilt, (type(self), self.args, without_secrets(self.__dict__)))


def _rebuilt(cls: type[JobResultsError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    """An unpickled error: its arguments and attributes as pickled (no constructor call, whose
    keyword-only arguments the pickled arguments do not hold)."""
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class APIError(JobResultsError):
    """A request to a service failed; `.request` and, when there was one, `.response` say how.

    `.resume_page` is set when the error ended an iterator over pages: every item before that
    page was yielded, none after; start again from it (e.g. `iter_results(..., start_page=n)`).
    """

    resume_page: int | None = None
    deadline: float | None = None
    """The whole-call deadline, in seconds, that ended the call (None if none did): it passed,
    or a retry would have come after it (a note on the error says which)."""

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request = request if request is not None or response is None else response.request
        self.response = response

    @property
    def body(self) -> bytes | None:
        """The raw response body, exactly as received (None without a response)."""
        return None if self.response is None else self.response.content


class APIConnectionError(APIError):
    """The service could not be reached, or the connection broke before a full response."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or waiting for a pooled connection)."""


class APIStatusError(APIError):
    """The service answered with an error status.

    `.code`, `.details` and `.error_message` carry the parts of the service's error body that it
    documents (Wickson's envelope: `code`, `message`, `details`; others: `detail` or `message`).
    """

    response: httpx.Response

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        code: str | None = None,
        error_message: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, response=response)
        self.status_code = response.status_code
        self.code = code
        self.error_message = error_message
        self.details = details


class BadRequestError(APIStatusError):
    """400: a parameter is not valid."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or not valid."""


class PermissionDeniedError(APIStatusError):
    """403: the API key may not do this."""


class NotFoundError(APIStatusError):
    """404: no such job, batch or result (yet)."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the resource's state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request is well formed but its values are not accepted."""


class RateLimitError(APIStatusError):
    """429: too many requests; `.retry_after` is the seconds the service asked to wait, if any."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        retry_after: float | None = None,
        code: str | None = None,
        error_message: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            message, response=response, code=code, error_message=error_message, details=details
        )
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """5xx: the service failed."""


class ResponseParseError(APIError):
    """A successful response whose body is not JSON, or not the shape the spec documents.

    Also raised, before any parsing, for a body over `max_response_bytes` (reason "body too
    large"; `.body` holds what arrived until then), one nesting deeper than `max_json_depth`,
    and one that is not what its Content-Encoding says (`.body` holds the bytes as received).
    `.reason` says what was wrong in one line; `.violations()` lists every deviation from the
    spec, found by validating the raw body with `check` (a callable the raising code gives:
    `jobresults._deviations.BodyCheck`, so that this module needs no validator).
    """

    response: httpx.Response

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        reason: str,
        service: str | None = None,
        operation_id: str | None = None,
        check: Callable[[httpx.Response], list[Violation]] | None = None,
    ) -> None:
        super().__init__(message, response=response)
        self.reason = reason
        self.service = service
        self.operation_id = operation_id
        self.check = check

    def violations(self) -> list[Violation]:
        """The spec violations of the body (validated on this call, by the `check` the error
        was raised with; none without one). Needs the `validate` extra."""
        return [] if self.check is None else self.check(self.response)


class PaginationError(APIError):
    """The pages of a listing contradict each other (e.g. a page came back short while others
    announced more pages, even when fetched again): items would be lost or repeated.

    `.resume_page` is the page that could not be read consistently; `.response` is its response.
    """

    def __init__(self, message: str, *, response: httpx.Response, resume_page: int) -> None:
        super().__init__(message, response=response)
        self.resume_page = resume_page


class ResultsError(JobResultsError):
    """A job reports that an input item failed; `.error` is the model's error for it."""

    def __init__(self, message: str, *, source: str, error: Any) -> None:
        super().__init__(message)
        self.source = source
        self.error = error


class ItemFormatError(JobResultsError):
    """A helper of a typed result could not read one of its items: a field the spec types
    (a time, a count, the votes) holds something else. Lenient decoding keeps such items as
    they came; `.source` names the item, `.reason` says what was wrong."""

    def __init__(self, message: str, *, source: str, reason: str) -> None:
        super().__init__(message)
        self.source = source
        self.reason = reason


class WaitTimeoutError(JobResultsError):
    """A job did not finish within the wait's timeout; `.last` is the last result seen."""

    def __init__(self, message: str, *, last: Any, elapsed: float) -> None:
        super().__init__(message)
        self.last = last
        self.elapsed = elapsed


class JobFailedError(JobResultsError):
    """A job that was waited for ended without a result: the service says it failed, was
    cancelled or timed out. `.job` is the job as last seen (the service's typed object),
    `.status` its status as the service wrote it (e.g. "ERROR", "CANCELLED"), `.state` the
    normalized one ("failed", "cancelled", "timed_out"), `.error` the service's text on why
    (None if it gave none). It pickles with all of them."""

    def __init__(
        self,
        message: str,
        *,
        job: Any = None,
        status: str | None = None,
        state: str = "failed",
        error: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.job = job
        self.status = status
        self.state = state
        self.error = error

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled with its attributes (the constructor's arguments are keyword-only).
        return (type(self), (self.message,), self.__dict__)
