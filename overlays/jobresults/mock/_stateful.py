"""The stateful layers the mock adds over the generic one, one module each (each registers its
`StatefulService` when imported). A service without one is served from its spec alone."""

from __future__ import annotations

from . import _api_llamacloud, _api_modzy, _api_overmind, _api_wickson
from ._handlers import STATEFUL

LAYERS = (_api_llamacloud, _api_modzy, _api_overmind, _api_wickson)
"""The modules that registered the layers in `STATEFUL`."""

__all__ = ["LAYERS", "STATEFUL"]
