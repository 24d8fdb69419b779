"""Typed, fast, validated access to the job result endpoints of four AI services.

    >>> from jobresults import wickson
    >>> with wickson.Client() as client:                      # doctest: +SKIP
    ...     for item in client.batches.iter_results("batch-abc123"):
    ...         print(item.job_id, item.status)

Submodules and the names below load on first use, so `import jobresults` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ._status import JobState, JobStatus, asnapshot, snapshot
    from ._unknown import is_unknown
    from ._wait_all import PollSchedule, await_all, wait_all

_SUBMODULES = frozenset(
    {"errors", "specs", "modzy", "llamacloud", "wickson", "overmind", "validate", "mock"}
)

_ATTRIBUTES = {
    "JobState": "_status",
    "JobStatus": "_status",
    "snapshot": "_status",
    "asnapshot": "_status",
    "PollSchedule": "_wait_all",
    "wait_all": "_wait_all",
    "await_all": "_wait_all",
    "is_unknown": "_unknown",
}

__all__ = [
    "JobState",
    "JobStatus",
    "PollSchedule",
    "__version__",
    "asnapshot",
    "await_all",
    "errors",
    "is_unknown",
    "llamacloud",
    "mock",
    "modzy",
    "overmind",
    "snapshot",
    "specs",
    "validate",
    "wait_all",
    "wickson",
]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _ATTRIBUTES:
        module = importlib.import_module(f"{__name__}.{_ATTRIBUTES[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
