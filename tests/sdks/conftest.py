"""The SDKs' virtual environments are made while the rest of the suite runs: their installs
start once collection is done (on the core the suite leaves idle), and the tests that need them
wait for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._venvs import prepare
from .test_official_sdks import SDKS

HERE = Path(__file__).resolve().parent


def pytest_collection_finish(session: pytest.Session) -> None:
    if any(HERE in Path(item.path).parents for item in session.items):
        for distribution, version in SDKS.items():
            prepare(distribution, version)
