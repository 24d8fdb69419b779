"""The package's logs on stderr: `JOBRESULTS_LOG=info` or `debug`, or `jobresults -v` / `-vv`.

Everything the package logs goes to the logger `jobresults` and its children
(`jobresults.validate`, ...): at INFO each request's method, URL and status, every retry
(with its pause and why) and a wait's changes of state; at DEBUG also a wait's pauses and each
validation report of a `ValidatingTransport`.
By default nothing is added to Python's logging, so an application's own configuration
decides what is shown (warnings reach stderr through Python's last-resort handler).

`JOBRESULTS_LOG`, read when `jobresults` is first imported, adds one handler to the
`jobresults` logger writing to the stderr of the moment (so that a redirected `sys.stderr`
gets the lines) and sets its level. Messages name methods and URLs, never headers; in case a
server puts a key where a message quotes it, the handler masks the values of the environment's
`*_API_KEY` variables.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Final, TextIO

VARIABLE: Final = "JOBRESULTS_LOG"
"""The environment variable that turns the package's logs on: `info` or `debug`."""

LEVELS: Final = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}

FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"

logger = logging.getLogger("jobresults")

_MASK = "****"
_SHORTEST_KEY = 8


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever `sys.stderr` is when a record is emitted, keys masked."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.setFormatter(logging.Formatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)

    def format(self, record: logging.LogRecord) -> str:
        return masked(super().format(record))


def _keys() -> list[str]:
    return sorted(
        (
            value
            for name, value in os.environ.items()
            if name.endswith("_API_KEY") and len(value) >= _SHORTEST_KEY
        ),
        key=len,
        reverse=True,
    )


def masked(text: str) -> str:
    """`text` with the values of the environment's `*_API_KEY` variables masked."""
    for key in _keys():
        text = text.replace(key, _MASK)
    return text


def handler() -> logging.Handler | None:
    """The handler this module added to the `jobresults` logger, if any."""
    return next((h for h in logger.handlers if isinstance(h, _StderrHandler)), None)


def enable(level: int | str) -> None:
    """Send the package's logs at `level` and above (`"info"`, `"debug"` or a logging level)
    to stderr; calling it again changes the level."""
    if isinstance(level, str):
        try:
            level = LEVELS[level.strip().lower()]
        except KeyError:
            raise ValueError(
                f"unknown log level {level!r}; use one of {', '.join(LEVELS)}"
            ) from None
    found = handler()
    if found is None:
        found = _StderrHandler()
        logger.addHandler(found)
    found.setLevel(level)
    logger.setLevel(level)


def disable() -> None:
    """Remove what `enable` added (the handler, the level)."""
    found = handler()
    if found is not None:
        logger.removeHandler(found)
    logger.setLevel(logging.NOTSET)


def enable_from_environment() -> None:
    """`enable` with the level `JOBRESULTS_LOG` names; nothing when it is unset or empty. A
    value that is not a level is said once, as a warning, and otherwise ignored."""
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return
    try:
        enable(value)
    except ValueError as error:
        logger.warning("%s=%s is ignored: %s", VARIABLE, value, error)
