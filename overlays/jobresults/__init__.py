"""Typed, fast, validated access to the job result endpoints of AI services, from their specs.

    >>> from jobresults import wickson
    >>> with wickson.Client() as client:                      # doctest: +SKIP
    ...     for item in client.batches.iter_results("batch-abc123"):
    ...         print(item.job_id, item.status)

Every service in the registry (`jobresults.specs.services()`) has a client:
`jobresults.client("wickson")`, or the service's package (`jobresults.wickson`). Submodules and
the names below load on first use, so `import jobresults` stays cheap.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

from ._logging import enable_from_environment

__version__ = "0.1.0"

enable_from_environment()  # JOBRESULTS_LOG=info|debug: the package's logs on stderr

if TYPE_CHECKING:
    from ._builtins import to_builtins
    from ._options import ClientOptions
    from ._retry import RetryPolicy
    from ._service_clients import async_client, client
    from ._snapshot import JobSnapshot, JobState, asnapshot, snapshot
    from ._unknown import is_unknown
    from ._wait_all import PollSchedule, await_all, wait_all

_ATTRIBUTES = {
    "ClientOptions": "_options",
    "RetryPolicy": "_retry",
    "client": "_service_clients",
    "async_client": "_service_clients",
    "JobState": "_snapshot",
    "JobSnapshot": "_snapshot",
    "snapshot": "_snapshot",
    "asnapshot": "_snapshot",
    "PollSchedule": "_wait_all",
    "wait_all": "_wait_all",
    "await_all": "_wait_all",
    "is_unknown": "_unknown",
    "to_builtins": "_builtins",
}

__all__ = [
    "ClientOptions",
    "JobSnapshot",
    "JobState",
    "PollSchedule",
    "RetryPolicy",
    "__version__",
    "asnapshot",
    "async_client",
    "await_all",
    "client",
    "is_unknown",
    "snapshot",
    "to_builtins",
    "wait_all",
]


def __getattr__(name: str) -> Any:
    if name in _ATTRIBUTES:
        module = importlib.import_module(f"{__name__}.{_ATTRIBUTES[name]}")
        return getattr(module, name)
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f"{__name__}.{name}")  # errors, specs, a service, ...
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
