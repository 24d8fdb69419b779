"""A small LRU cache of encoded response bodies, bounded by their total size."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

DEFAULT_BUDGET = 96 * 1024 * 1024


class BodyCache:
    """Encoded bodies by key; the least recently used go once they exceed `budget` bytes."""

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.budget = budget
        self._bodies: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The body cached under `key`, made (and cached) on a miss."""
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
                return body
        body = make()
        if len(body) > self.budget:
            return body
        with self._lock:
            if key not in self._bodies:
                self._bodies[key] = body
                self._size += len(body)
            while self._size > self.budget:
                _, evicted = self._bodies.popitem(last=False)
                self._size -= len(evicted)
        return body

    def __len__(self) -> int:
        return len(self._bodies)
