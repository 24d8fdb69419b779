"""Virtual environments holding the services' official SDKs, made by the tests that run them.

An SDK not in the lock (requirements/dev.txt: llama-cloud is; modzy-sdk, with grpcio, boto3
and Google's API client behind it, is not) goes in a virtual environment of its own, made with
uv (pip where uv is missing) while the rest of the suite runs (`prepare`, from this folder's
conftest) and cached under `.venvs/` beside this file (one folder per SDK, version and Python),
so that later runs start at once. A folder whose install did not finish is made again. Where
the package registry cannot be reached, the tests that need the SDK are skipped,
saying so; any other failure to install fails them.
"""

from __future__ import annotations

import fcntl
import importlib.metadata
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

CACHE = Path(__file__).resolve().parent / ".venvs"
"""Where the SDKs' virtual environments are kept between runs (ignored by git)."""

INSTALL_TIMEOUT = 900.0
"""Seconds an install may take (a cold cache downloads a few dozen wheels)."""

_COMPLETE = ".complete"


def folder(distribution: str, version: str) -> Path:
    """The cache folder of one SDK version, for the Python running the tests."""
    python = f"py{sys.version_info.major}{sys.version_info.minor}"
    return CACHE / f"{distribution}-{version}-{python}"


def installed_here(distribution: str, version: str) -> bool:
    """Whether the interpreter running the tests already has this very version."""
    try:
        return importlib.metadata.version(distribution) == version
    except importlib.metadata.PackageNotFoundError:
        return False


_PREPARED: dict[tuple[str, str], tuple[threading.Thread, list[Path | BaseException]]] = {}


def prepare(distribution: str, version: str) -> None:
    """Start making the SDK's environment in the background, if it is not ready already."""
    key = (distribution, version)
    if key in _PREPARED or installed_here(distribution, version):
        return
    outcome: list[Path | BaseException] = []

    def make() -> None:
        try:
            outcome.append(_made(distribution, version))
        except BaseException as error:  # pytest's skip and fail outcomes included
            outcome.append(error)

    thread = threading.Thread(target=make, name=f"venv-{distribution}", daemon=True)
    _PREPARED[key] = (thread, outcome)
    thread.start()


def sdk_python(distribution: str, version: str) -> Path:
    """A Python that can import `distribution==version`: this one if it has it, else that of
    the SDK's cached virtual environment (made now if missing, or the one `prepare` started).
    Skips the calling test when the registry is unreachable."""
    if installed_here(distribution, version):
        return Path(sys.executable)
    prepared = _PREPARED.get((distribution, version))
    if prepared is None:
        return _made(distribution, version)
    thread, outcome = prepared
    thread.join(INSTALL_TIMEOUT)
    found = outcome[0] if outcome else TimeoutError(f"{distribution} took too long to install")
    if isinstance(found, BaseException):
        raise found
    return found


def _made(distribution: str, version: str) -> Path:
    """The SDK's cached virtual environment's Python, made now if missing.

    Test processes running side by side (pytest-xdist's workers) may each ask for it: a lock
    file lets one make it while the others wait, and then find it made."""
    home = folder(distribution, version)
    home.parent.mkdir(parents=True, exist_ok=True)
    with open(home.with_name(home.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _make(home, distribution, version)


def _make(home: Path, distribution: str, version: str) -> Path:
    python = home / "bin" / "python"
    if (home / _COMPLETE).is_file() and python.exists():
        return python
    shutil.rmtree(home, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True, capture_output=True)
    requirement = f"{distribution}=={version}"
    install = _install(python, requirement)
    if install.returncode != 0:
        _skip_if_unreachable(python, requirement, install)
        pytest.fail(f"pip could not install {requirement}:\n{install.stdout}{install.stderr}")
    (home / _COMPLETE).write_text(requirement + "\n", encoding="utf-8")
    return python


UV = Path(sys.executable).with_name("uv")
"""uv, which the development environment has (it installs in seconds what pip takes a minute
for); pip installs where it is missing."""


def _install(python: Path, requirement: str) -> subprocess.CompletedProcess[str]:
    if not UV.exists():
        return _pip(python, "install", "--quiet", requirement)
    command = [str(UV), "pip", "install", "--quiet", "--python", str(python), requirement]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
    )


def _pip(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
    )


def _skip_if_unreachable(
    python: Path, requirement: str, install: subprocess.CompletedProcess[str]
) -> None:
    """Skip when the registry cannot give even the SDK's own file (no network, no index)."""
    with tempfile.TemporaryDirectory() as scratch:
        probe = _pip(python, "download", "--no-deps", "--quiet", "--dest", scratch, requirement)
    if probe.returncode == 0:
        return  # the registry answers: the install failed for another reason
    lines = [line for line in (probe.stderr or probe.stdout).splitlines() if line.strip()]
    why = lines[-1] if lines else f"pip exited with {probe.returncode}"
    pytest.skip(f"the package registry is unreachable, so {requirement} cannot be installed: {why}")
