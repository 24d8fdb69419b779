"""`pip install jobresults` without extras, into a fresh virtual environment, offline.

`environment(folder)` builds the wheel, then installs it into a new virtual environment with
pip, from no index: the wheels of its dependencies come from the distributions installed in
the running environment (which `make` filled from the lock). The wheel test and the import
benchmark use it; it takes a few seconds.

`pip install --no-index --find-links HOUSE` needs wheel files; a machine that ran `make` has the
distributions installed but perhaps no wheels cached. `repack` writes an installed
distribution back into a wheel (its files as RECORD lists them, its own WHEEL tags, a new
RECORD; scripts are left out, since pip makes them again from entry_points.txt).
`closure` follows `Requires-Dist` from a set of requirements through what is installed here,
evaluating markers as pip would for an install without extras.
"""

from __future__ import annotations

import base64
import email.parser
import hashlib
import importlib.metadata
import subprocess
import sys
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


ROOT = Path(__file__).resolve().parents[1]


def _has_pip() -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--version"], capture_output=True, check=False, timeout=60
    )
    return done.returncode == 0


def build_wheel(out: Path) -> Path:
    """The jobresults wheel, built from this source tree into `out`."""
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"building the wheel failed:\n{done.stdout}{done.stderr}")
    (built,) = out.glob("jobresults-*.whl")
    return built


def core_requirements(wheel: Path) -> list[str]:
    """The wheel's `Requires-Dist` entries that no extra conditions."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.parser.Parser().parsestr(archive.read(name).decode())
    return [line for line in metadata.get_all("Requires-Dist") or [] if "extra ==" not in line]


def environment(folder: Path, wheel: Path | None = None, also: Iterable[str] = ()) -> Path:
    """The Python of a new virtual environment in `folder` holding `wheel` (built when not
    given) and its dependencies, no extras (and the requirements `also` names, e.g. pytest,
    installed beside it); raises RuntimeError if pip fails."""
    folder.mkdir(parents=True, exist_ok=True)
    if wheel is None:
        wheel = build_wheel(folder / "dist")
    house = folder / "wheels"
    house.mkdir(exist_ok=True)
    also = list(also)
    for name in closure([*core_requirements(wheel), *also]):
        repack(name, house)
    env = folder / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    offline = ["--no-index", "--find-links", str(house), str(wheel), *also]
    if _has_pip():
        command = [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "--disable-pip-version-check",
            "install",
            "--quiet",
            "--no-compile",  # bytecode is written by the first import instead: faster here
            "--no-cache-dir",
            *offline,
        ]
    else:  # an environment made by uv has no pip: its uv installs the same way
        uv = Path(sys.executable).with_name("uv")
        command = [str(uv), "pip", "install", "--quiet", "--python", str(python), "--offline"]
        command += ["--no-cache", *offline]
    install = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if install.returncode != 0:
        raise RuntimeError(f"installing the wheel failed:\n{install.stdout}{install.stderr}")
    return python
