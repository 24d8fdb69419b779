"""The stateful layers the mock adds over the generic one: every `_api_<service>` module of this
package, each registering its `StatefulService` when imported. A service without one is served
from its spec alone; adding one is adding its module (nothing here lists them)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

from ._handlers import STATEFUL

LAYERS: tuple[ModuleType, ...] = tuple(
    importlib.import_module(f"{__package__}.{found.name}")
    for found in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name)
    if found.name.startswith("_api_")
)
"""The modules that registered the layers in `STATEFUL`."""

__all__ = ["LAYERS", "STATEFUL"]
