"""Typed, fast, validated access to the job result endpoints of four AI services.

    >>> from jobresults import wickson
    >>> with wickson.Client() as client:                      # doctest: +SKIP
    ...     for item in client.batches.iter_results("batch-abc123"):
    ...         print(item.job_id, item.status)

Submodules load on first use, so `import jobresults` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_SUBMODULES = frozenset(
    {"errors", "specs", "modzy", "llamacloud", "wickson", "overmind", "validate", "mock"}
)

__all__ = ["__version__", *sorted(_SUBMODULES)]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
