"""Virtual environments holding the services' official SDKs, made by the tests that run them.

Neither SDK is in the lock (requirements/dev.txt): each goes in a virtual environment of its
own, made on first use with the machine's pip configuration and cached under `.venvs/` beside
this file (one folder per SDK, version and Python), so that later runs start at once. A folder
whose install did not finish is made again. Where the package registry cannot be reached the
tests that need the SDK are skipped, saying so; any other failure to install fails them.
"""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys
import tempfile
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


def sdk_python(distribution: str, version: str) -> Path:
    """A Python that can import `distribution==version`: this one if it has it, else that of
    the SDK's cached virtual environment (made now if missing). Skips the calling test when the
    registry is unreachable."""
    if installed_here(distribution, version):
        return Path(sys.executable)
    home = folder(distribution, version)
    python = home / "bin" / "python"
    if (home / _COMPLETE).is_file() and python.exists():
        return python
    shutil.rmtree(home, ignore_errors=True)
    home.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True, capture_output=True)
    requirement = f"{distribution}=={version}"
    install = _pip(python, "install", "--quiet", requirement)
    if install.returncode != 0:
        _skip_if_unreachable(python, requirement, install)
        pytest.fail(f"pip could not install {requirement}:\n{install.stdout}{install.stderr}")
    (home / _COMPLETE).write_text(requirement + "\n", encoding="utf-8")
    return python


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
