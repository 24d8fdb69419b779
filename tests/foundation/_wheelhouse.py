"""Wheels of the distributions installed here, for installing into a fresh environment offline.

`pip install --no-index --find-links HOUSE` needs wheel files; a machine that ran `make` has the
distributions installed but perhaps no wheels cached. `repack` writes an installed
distribution back into a wheel (its files as RECORD lists them, its own WHEEL tags, a new
RECORD; scripts are left out, since pip makes them again from entry_points.txt).
`closure` follows `Requires-Dist` from a set of requirements through what is installed here,
evaluating markers as pip would for an install without extras.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import zipfile
from collections.abc import Iterable
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

_LEFT_OUT = {"INSTALLER", "REQUESTED", "RECORD", "direct_url.json"}


def closure(requirements: Iterable[str]) -> set[str]:
    """The canonical names of the installed distributions that `requirements` pull in."""
    found: set[str] = set()
    pending = [Requirement(line) for line in requirements]
    while pending:
        requirement = pending.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found.add(name)
        distribution = importlib.metadata.distribution(name)
        pending.extend(Requirement(line) for line in distribution.requires or [])
    return found


def _tags(wheel_file: str) -> str:
    tags = [
        line.split(":", 1)[1].strip() for line in wheel_file.splitlines() if line.startswith("Tag:")
    ]
    parts = [sorted({tag.split("-")[index] for tag in tags}) for index in range(3)]
    return "-".join(".".join(part) for part in parts)


def repack(name: str, house: Path) -> Path:
    """The installed distribution `name` as a wheel in `house`."""
    distribution = importlib.metadata.distribution(name)
    files = [
        file
        for file in distribution.files or []
        if not str(file).startswith("..")
        and "__pycache__" not in file.parts
        and file.name not in _LEFT_OUT
    ]
    info = next(file.parts[0] for file in files if file.parts[0].endswith(".dist-info"))
    stem = info.removesuffix(".dist-info")
    wheel = house / f"{stem}-{_tags(distribution.read_text('WHEEL') or '')}.whl"
    records: list[str] = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            data = Path(str(file.locate())).read_bytes()
            archive.writestr(str(file), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            records.append(f"{file},sha256={digest.decode()},{len(data)}")
        records.append(f"{info}/RECORD,,")
        archive.writestr(f"{info}/RECORD", "\n".join(records) + "\n")
    return wheel
