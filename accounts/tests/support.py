"""Helpers for tests that age sessions by hand."""

from django.conf import settings
from django.contrib.sessions.models import Session


def end_session_now(session_key: str, expire_date) -> None:
    """Give a stored session another expiry, as time passing would: its row, and its copy in the cache when the
    session store keeps one (accounts/sessions.py; the copy never outlives the row)."""
    Session.objects.filter(session_key=session_key).update(expire_date=expire_date)
    if settings.SESSION_ENGINE == "accounts.sessions":
        from django.contrib.sessions.backends.cached_db import KEY_PREFIX
        from django.core.cache import caches

        caches[settings.SESSION_CACHE_ALIAS].delete(KEY_PREFIX + session_key)
