"""Sessions in the database with a copy in the shared cache (Redis), safe when the cache fails.

Used as ``SESSION_ENGINE = "accounts.sessions"`` only when ``REDIS_URL`` is set (see settings): never with a
per-process cache, where a logout in one web process would leave the copy another process keeps usable.

Django's ``cached_db`` store reads the copy first and the database when there is none. Differences:

* Reading never fails on the cache: an unreachable cache means reading the database (Django's store fails the
  request when it cannot put the copy back), so pages and saves keep working with Redis down, as without this.
* A copy lives at most ``SESSION_CACHE_SECONDS`` (twice the renewal interval; renewals rewrite it), not the
  session's whole remaining life, so a copy that could not be deleted can outlive its session that long at most.
* Deleting a session (logout; a session ended because the password changed) deletes the database row first, then
  the copy. When the cache cannot be reached the logout still succeeds: the copy cannot be read while Redis is
  unreachable, and expires by itself within ``SESSION_CACHE_SECONDS`` once it is back. Likewise at login, the key
  that is replaced (``cycle_key``) is deleted from the database and its copy expires by itself; neither logging in
  nor logging out depends on Redis.

Only the synchronous methods are adapted (the portal runs under WSGI).
"""

import logging

from django.conf import settings
from django.contrib.sessions.backends import cached_db, db

from core import versions

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def _copy_seconds(self, expiry_age: int) -> int:
        return max(0, min(expiry_age, settings.SESSION_CACHE_SECONDS))

    def load(self):
        try:
            data = versions.read(self._cache, self.cache_key)  # the version counters come along (core.versions)
        except Exception:
            logger.warning("sessions: cache unavailable, reading the database", exc_info=True)
            return self._load_from_database(keep_copy=False)
        return self._load_from_database(keep_copy=True) if data is None else data

    def _load_from_database(self, keep_copy: bool):
        stored = self._get_session_from_db()
        if stored is None:
            return {}
        data = self.decode(stored.session_data)
        if keep_copy:
            try:
                seconds = self._copy_seconds(self.get_expiry_age(expiry=stored.expire_date))
                self._cache.set(self.cache_key, data, seconds)
            except Exception:
                logger.warning("sessions: cache unavailable, no copy kept", exc_info=True)
        return data

    def exists(self, session_key):
        try:
            if self.cache_key_prefix + session_key in self._cache:
                return True
        except Exception:
            logger.warning("sessions: cache unavailable, asking the database", exc_info=True)
        return db.SessionStore.exists(self, session_key)

    def save(self, must_create=False):
        db.SessionStore.save(self, must_create)
        try:
            self._cache.set(self.cache_key, self._session, self._copy_seconds(self.get_expiry_age()))
        except Exception:
            logger.exception("sessions: cache unavailable, no copy kept")

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        # The database first: logging out never depends on Redis. A copy that cannot be deleted now is unreadable
        # while Redis is unreachable and expires within SESSION_CACHE_SECONDS of its last renewal.
        db.SessionStore.delete(self, session_key)
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:
            logger.warning("sessions: cache unavailable, the ended session's copy expires by itself", exc_info=True)

    def cycle_key(self):
        data = self._session
        key = self.session_key
        self.create()
        self._session_cache = data
        if key:
            try:
                self._cache.delete(self.cache_key_prefix + key)
            except Exception:
                logger.warning("sessions: cache unavailable, the replaced key's copy expires by itself", exc_info=True)
            db.SessionStore.delete(self, key)
