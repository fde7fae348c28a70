"""A small per-process store of recently used values, each kept a limited time: this process's own copy of
something whose reference lives elsewhere (the shared cache, the database).

Only for values whose key says everything they depend on, a version counter of the shared cache included
(``core.versions``): a change moves the counter, the key changes, and the copy is never found again. The time limit
bounds how long a copy outlives a change no counter saw; beyond ``size`` the least recently used go first.
"""

import threading
import time
from collections import OrderedDict
from typing import Any, Hashable


class LocalCopies:
    def __init__(self, size: int, seconds: float):
        self.size, self.seconds = size, seconds
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[0] <= time.monotonic():
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return item[1]

    def set(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = (time.monotonic() + self.seconds, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
