"""A small per-process store of recently used values, each kept a limited time: this process's own copy of
something whose reference lives elsewhere (the shared cache, the database).

Only for values whose key says everything they depend on, a version counter of the shared cache included
(``core.versions``): a change moves the counter, the key changes, and the copy is never found again. The time limit
bounds how long a copy outlives a change no counter saw; beyond ``size`` values, or ``max_bytes`` of text and bytes
values (or lists of them) together, the least recently used go first.
"""

import threading
import time
from collections import OrderedDict
from typing import Any, Hashable


class LocalCopies:
    def __init__(self, size: int, seconds: float, max_bytes: int | None = None):
        self.size, self.seconds, self.max_bytes = size, seconds, max_bytes
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def _weight(value) -> int:
        """Text and bytes count their length; a list or tuple of them, the sum."""
        if isinstance(value, (bytes, str)):
            return len(value)
        if isinstance(value, (list, tuple)):
            return sum(len(v) for v in value if isinstance(v, (bytes, str)))
        return 0

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[0] <= time.monotonic():
                del self._items[key]
                self._bytes -= self._weight(item[1])
                return None
            self._items.move_to_end(key)
            return item[1]

    def set(self, key: Hashable, value: Any) -> None:
        with self._lock:
            previous = self._items.pop(key, None)
            if previous is not None:
                self._bytes -= self._weight(previous[1])
            self._items[key] = (time.monotonic() + self.seconds, value)
            self._bytes += self._weight(value)
            while len(self._items) > self.size or (
                self.max_bytes is not None and self._bytes > self.max_bytes and len(self._items) > 1
            ):
                _key, (_expiry, dropped) = self._items.popitem(last=False)
                self._bytes -= self._weight(dropped)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)
