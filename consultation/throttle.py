"""Rate limits of the public comment form, kept in Django's cache (Redis in production).

Fixed windows: the counter of ``(scope, key)`` for the window that contains *now* is created with ``cache.add``
(atomic: only the first caller creates it, with the window's remaining life as its timeout) and raised with
``cache.incr`` (atomic INCR on Redis). Past the limit the caller is told how many seconds remain in the window,
which becomes the ``Retry-After`` header. The key is hashed: no e-mail address or IP is written to the cache.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.core.cache import cache

PREFIX = "consultation:rate"
logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The client's address as the login lockout (django-axes) sees it: its resolver, which falls back to
    REMOTE_ADDR (the TLS proxy in front of gunicorn must pass the client address; docs/deployment.md)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or "unknown"


def _key(scope: str, value: str, window: int, now: float) -> str:
    digest = hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()[:32]
    return f"{PREFIX}:{scope}:{digest}:{int(now // window)}"


def hit(scope: str, value: str, *, limit: int, window: int, now: float | None = None) -> int | None:
    """Count one attempt. None while within ``limit`` attempts per ``window`` seconds; otherwise the seconds
    until the window ends (at least 1)."""
    now = time.time() if now is None else now
    remaining = max(1, int(window - (now % window)))
    key = _key(scope, value.strip().lower(), window, now)
    try:
        cache.add(key, 0, timeout=remaining + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr: this attempt opens the next window
            cache.add(key, 1, timeout=remaining + 1)
            count = 1
    except Exception:  # the cache is optional (docs/operations.md): without Redis the form still takes comments
        logger.warning("consultation: rate limit not checked, the cache is unreachable", exc_info=True)
        return None
    return remaining if count > limit else None
