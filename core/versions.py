"""Version counters in the shared cache: whatever is cached under a key holding a counter's value is never found
again once the counter moves.

A write moves its counter at once (its own transaction's later reads miss) and once more after commit (a copy
another reader made from the old rows in between is never found). A counter that is missing or was evicted starts
again at the current time in nanoseconds, a value no earlier copy was keyed on. When the cache cannot be reached,
``get`` answers None: then nothing may be cached or served from a copy.

Within a request, every counter is read at once, by the request's first cache read that asks for them (``read``:
the session's, accounts/sessions.py) or its first ``get``: one round trip to Redis for all of them, and one
consistent set of values for the whole request. A bump made by the request itself is seen by its later reads.
Outside requests (jobs, commands) each ``get`` reads the cache.
"""

import logging
import threading
import time

from django.core.signals import request_finished, request_started
from django.db import connection, transaction

logger = logging.getLogger(__name__)

_counters: dict[str, "Counter"] = {}
_request = threading.local()  # .values: {counter key: value} read in this thread's current request, else None


def _start_request(**_kwargs):
    _request.values = {}


def _end_request(**_kwargs):
    _request.values = None


request_started.connect(_start_request, dispatch_uid="core-versions-start")
request_finished.connect(_end_request, dispatch_uid="core-versions-end")


def _request_values() -> dict | None:
    return getattr(_request, "values", None)


def read(cache, key):
    """``cache.get(key)``, reading every counter in the same round trip when this request has not read them yet
    and ``cache`` is the one they live in. Raises what the cache raises."""
    from django.core.cache import DEFAULT_CACHE_ALIAS, caches

    values = _request_values()
    if values is None or values or cache is not caches[DEFAULT_CACHE_ALIAS]:
        return cache.get(key)
    found = cache.get_many([key, *_counters])
    values.update((name, found.get(name)) for name in _counters)
    return found.get(key)


def on_commit_once(callback):
    """Run ``callback`` after the current transaction commits, registered once however many writes ask for it
    (at once outside a transaction)."""
    # Django drops the callbacks of a rolled-back savepoint from this list, so "already registered" stays true.
    # ``==``: a bound method is a new object each time it is looked up, but equal to the others.
    if connection.in_atomic_block and any(entry[1] == callback for entry in connection.run_on_commit):
        return
    transaction.on_commit(callback, robust=True)


class Counter:
    def __init__(self, key: str):
        self.key = key
        _counters[key] = self

    def get(self) -> int | None:
        from django.core.cache import cache

        values = _request_values()
        try:
            if values is not None and values.get(self.key) is not None:
                return values[self.key]
            if values is not None and not values:  # the request's first read: all of them at once
                found = cache.get_many(list(_counters))
                values.update((name, found.get(name)) for name in _counters)
                version = values[self.key]
            else:
                version = cache.get(self.key)
            if version is None:
                cache.add(self.key, time.time_ns(), timeout=None)
                version = cache.get(self.key)
        except Exception:
            logger.warning("versions: cache unavailable, %s unknown", self.key, exc_info=True)
            return None
        if values is not None:
            values[self.key] = version
        return version

    def bump(self) -> None:
        """Call with the write (inside its transaction or after it)."""
        self.bump_now()
        if connection.in_atomic_block:  # outside a transaction the bump above is already after the write
            on_commit_once(self.bump_now)

    def bump_now(self) -> None:
        from django.core.cache import cache

        values = _request_values()
        if values is not None:
            values[self.key] = None  # this request's later reads read it again
        try:
            try:
                cache.incr(self.key)
            except ValueError:  # missing or evicted: start over at a value no copy was keyed on
                if not cache.add(self.key, time.time_ns(), timeout=None):
                    cache.incr(self.key)
        except Exception:
            logger.warning("versions: cache unavailable, %s not moved", self.key, exc_info=True)


def forget_request_values():
    """Tests: values read by a request whose end was never signalled must not reach the next test."""
    _request.values = None
