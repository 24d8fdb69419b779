"""Stateful handlers over the generic layer, keyed by (service, operationId).

The generic layer routes every operation of every spec, checks the key and the parameters, and
answers from the spec's examples. A service whose jobs the mock keeps (jobs that progress,
large batches, a history) registers a `StatefulService`: a store of its jobs, made per app from
the seed, and handlers for some of its operations. A registered handler answers its operation
instead of the examples (unless the request's `Prefer` asks for a response of the spec); the
other operations still answer from the examples.

    async def get_job(call: Call, jobs: AcmeJobs) -> ASGIApp: ...
    register(StatefulService("acme", "jobs", AcmeJobs, {"getJob": get_job}))

A handler gets the request already checked, and the app's store of the service's jobs:
`call.values` holds the raw path values, `call.query` the query values converted (defaults of the
spec filled in). Its errors come from the spec:
`call.error(404)` is the spec's 404 example naming the id asked for, `call.error(404, message)`
the same with its message replaced.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from starlette.types import ASGIApp, Receive, Scope

from ._responses import Reply

if TYPE_CHECKING:
    from ._operations import ServedOperation
    from ._progress import Progress
    from ._state import MockState

StoreT = TypeVar("StoreT", bound="JobStore")


class JobStore(Protocol):
    """The jobs of one service in one app: those seeded and those created through `/_mock/`."""

    def seeded_ids(self) -> list[str]:
        """The seeded jobs worth naming (`jobresults mock --list`)."""
        ...

    def create(self, number: int, progress: Progress) -> str:
        """Add the `number`th created job (progressing as `progress` says); return its id."""
        ...

    def remove(self, job_id: str) -> None:
        """Forget a created job."""
        ...


@dataclass(slots=True)
class Call:
    """One checked request to an operation that has a handler."""

    scope: Scope
    receive: Receive
    state: MockState
    operation: ServedOperation
    values: tuple[str, ...]
    query: dict[str, Any]

    def error(self, status: int, message: str | None = None) -> Reply:
        """The spec's answer `status` for this request (its message replaced if given)."""
        identifier = self.values[0] if len(self.values) == 1 else None
        return self.operation.errors.reply(status, message=message, identifier=identifier)


Handler = Callable[[Call, StoreT], Awaitable[ASGIApp]]


Helper = Callable[[StoreT], ASGIApp]


@dataclass(frozen=True, slots=True)
class StatefulService(Generic[StoreT]):
    """What the mock adds to one service: its job store (made per app from the seed) and its
    operations' handlers. `ids_label` names the seeded ids in the listing (`jobs`, `batches`).

    `helpers` answers GET requests to paths the spec does not have, by their path under the
    base URL: undocumented routes an official SDK calls on the side (Modzy's `ApiClient()`
    reads `/models` on construction), with the key checked as for the spec's paths.
    """

    service: str
    ids_label: str
    store: Callable[[int], StoreT]
    handlers: Mapping[str, Handler[StoreT]]
    helpers: Mapping[str, Helper[StoreT]] = field(default_factory=dict)


STATEFUL: dict[str, StatefulService[Any]] = {}
"""Every registered stateful service, by service name."""


def register(stateful: StatefulService[StoreT]) -> StatefulService[StoreT]:
    """Register `stateful` (replacing what was registered for its service)."""
    STATEFUL[stateful.service] = stateful
    return stateful
