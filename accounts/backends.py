"""Django's ModelBackend, serving each request a per-process copy of the user loaded earlier.

Every logged-in request needs the user (``AuthenticationMiddleware``, permission checks) and their memberships
(``accounts.scope``): two queries, a large part of a cheap page's cost. This backend keeps, per web process, the
user as loaded from the database with their memberships, under the **access version** (``ACCESS_VERSION``, a
counter in the shared cache) read before loading it. Every save or delete of a user, a membership or an
organization moves the counter (``accounts.apps``), so the next request of every process loads the user again;
a copy is also dropped after ``USER_COPY_SECONDS`` whatever happens, which bounds how long a change no signal saw
(a bulk ``update()``, a change in a database shell) can go unseen.

Each request gets its own shallow copy of the kept user: what a request sets on its user (permission caches, a
scope it recomputed) never reaches another request. Django still checks the session against the user's password
hash on every request; a changed password moves the counter, so the check sees it at once.

Only with a shared cache (``USER_COPY_SECONDS`` is 0 without ``REDIS_URL``: a per-process cache cannot tell
another process that a user changed), and only while the counter can be read: without it every request loads the
user from the database, as Django does.
"""

import copy

from django.conf import settings
from django.contrib.auth import backends

from core.localcopies import LocalCopies
from core.versions import Counter

from . import scope

ACCESS_VERSION = Counter("accounts:access-version")
USER_COPIES = 1000  # users kept per process

_copies = LocalCopies(USER_COPIES, 60)


def bump_access_version(**_kwargs):
    ACCESS_VERSION.bump()


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        seconds = settings.USER_COPY_SECONDS
        version = ACCESS_VERSION.get() if seconds else None
        if version is None:
            return super().get_user(user_id)
        _copies.seconds = seconds
        key = (user_id, version)
        kept = _copies.get(key)
        if kept is None:
            kept = super().get_user(user_id)
            if kept is None:
                return None
            scope.preload(kept)
            kept.access_version = version
            _copies.set(key, kept)
        return _own_copy(kept)


def _own_copy(user):
    """A copy of ``user`` that shares nothing a request may change: its attributes, its model state."""
    own = copy.copy(user)
    own._state = copy.copy(user._state)
    own._state.fields_cache = {}
    return own


def forget_copies():
    """Drop this process's copies (tests: a test's database is gone with it, the process's copies are not)."""
    _copies.clear()
