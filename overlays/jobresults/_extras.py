"""The optional parts of the package and the extra that installs each.

`pip install jobresults` gives the clients alone (httpx, msgspec, orjson, attrs). Everything
else comes with an extra, declared once, in the distribution's metadata (pyproject.toml's
`[project.optional-dependencies]`):

    validate   validation against the specs, `strict=True`, `.deviations()`, reading YAML specs
    schemas    the pydantic models of `jobresults_schemas`
    mock       the mock server and the validating proxy (uvicorn, starlette, httptools)
    cli        the `jobresults` command and its commands' needs; progress bars (rich)
    contract   `jobresults contract` (schemathesis)
    aiohttp    the async clients send on httpx-aiohttp's transport (less CPU per request)
    all        every one of them

A feature checks its extra when it is first used (`require`); a missing distribution of the
extra is a `MissingExtraError`, an ImportError whose message names the command that installs
it, e.g. `pip install 'jobresults[mock]'`. The check reads the metadata, so an extra's list is
never repeated here; where the package runs without its metadata (from a source tree that was
not installed), imports fail as they would.
"""

from __future__ import annotations

import functools
import re
from typing import Final

DISTRIBUTION: Final = "jobresults"

_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?([^;]*)(?:;(.*))?")
_EXTRA_MARKER = re.compile(r"""extra\s*==\s*['"]([^'"]+)['"]""")


class MissingExtraError(ImportError):
    """A feature was used whose extra is not installed; `.extra` names it, and the message
    says how to install it."""

    def __init__(self, feature: str, extra: str, missing: tuple[str, ...]) -> None:
        super().__init__(
            f"{feature}: the {extra!r} extra is not installed (missing: {', '.join(missing)});"
            f" pip install 'jobresults[{extra}]'",
            name=missing[0] if missing else None,
        )
        self.feature = feature
        self.extra = extra
        self.missing = missing


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@functools.cache
def _requirements() -> dict[str | None, tuple[tuple[str, tuple[str, ...]], ...]] | None:
    """`{extra or None: ((distribution, its extras), ...)}` from the installed metadata, or
    None when the package's metadata is not installed."""
    import importlib.metadata

    try:
        listed = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        return None
    found: dict[str | None, list[tuple[str, tuple[str, ...]]]] = {}
    for line in listed:
        match = _REQUIREMENT.fullmatch(line)
        if match is None:
            continue
        name, extras, _, marker = match.groups()
        extra = _EXTRA_MARKER.search(marker or "")
        wanted = tuple(part.strip() for part in (extras or "").split(",") if part.strip())
        found.setdefault(extra.group(1) if extra else None, []).append((name, wanted))
    return {key: tuple(value) for key, value in found.items()}


def distributions(extra: str) -> tuple[str, ...]:
    """The distributions `extra` installs beyond the clients (those of the extras it includes
    too), as the metadata lists them; () without metadata."""
    requirements = _requirements()
    if requirements is None:
        return ()
    if extra not in requirements:
        raise ValueError(f"jobresults has no extra {extra!r}")
    seen: list[str] = []
    pending = [extra]
    done: set[str] = set()
    while pending:
        current = pending.pop()
        if current in done:
            continue
        done.add(current)
        for name, extras in requirements.get(current, ()):
            if _normalized(name) == DISTRIBUTION:
                pending.extend(extras)
            elif _normalized(name) not in seen:
                seen.append(_normalized(name))
    return tuple(seen)


@functools.cache
def _missing(extra: str) -> tuple[str, ...]:
    import importlib.metadata

    missing: list[str] = []
    for name in distributions(extra):
        try:
            importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    return tuple(missing)


def installed(extra: str) -> bool:
    """Whether every distribution of `extra` is installed."""
    return not _missing(extra)


def require(extra: str, feature: str) -> None:
    """Raise `MissingExtraError` if `extra`, which `feature` needs, is not fully installed."""
    missing = _missing(extra)
    if missing:
        raise MissingExtraError(feature, extra, missing)
