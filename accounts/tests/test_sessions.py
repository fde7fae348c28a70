"""Session renewal at most once per SESSION_RENEW_SECONDS (accounts.middleware.SessionRenewalMiddleware), and the
session store: a copy in Redis only when Redis is the cache (a per-process copy would survive a logout elsewhere),
which keeps working when Redis does not and never leaves a logged-out session usable (accounts/sessions.py)."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import middleware
from accounts.middleware import RENEWED_AT_KEY
from core.factories import PASSWORD

from .support import end_session_now

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]


def _home(client):
    return client.get(reverse("home"))


def _row(client):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def _session_writes(queries):
    return [q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]


@pytest.fixture
def clock(monkeypatch):
    """The middleware's clock, moved by hand (the database's expiry dates stay on the real clock)."""
    fake = SimpleNamespace(now=middleware.time.time())
    monkeypatch.setattr(middleware, "time", SimpleNamespace(time=lambda: fake.now))
    return fake


@pytest.fixture
def used_session(client, official, clock):
    """A logged-in session whose first request has just renewed (and stamped) it."""
    client.force_login(official)
    assert _home(client).status_code == 200
    assert _row(client).get_decoded()[RENEWED_AT_KEY] == int(clock.now)
    return client


def _shorten(client, seconds=30):
    """Make the stored expiry near, to see whether the next request moves it."""
    soon = timezone.now() + dt.timedelta(seconds=seconds)
    Session.objects.filter(session_key=_row(client).session_key).update(expire_date=soon)
    return soon


def test_a_request_within_the_interval_writes_nothing(used_session, clock):
    soon = _shorten(used_session)
    clock.now += settings.SESSION_RENEW_SECONDS - 1
    with CaptureQueriesContext(connection) as ctx:
        response = _home(used_session)
    assert response.status_code == 200
    assert _session_writes(ctx.captured_queries) == []
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # the cookie is not sent again either
    assert _row(used_session).expire_date == soon


def test_a_request_after_the_interval_renews_the_session(used_session, clock):
    soon = _shorten(used_session)
    clock.now += settings.SESSION_RENEW_SECONDS
    response = _home(used_session)
    assert response.status_code == 200
    row = _row(used_session)
    assert row.expire_date > soon + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE // 2)
    assert row.expire_date <= timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 5)
    assert row.get_decoded()[RENEWED_AT_KEY] == int(clock.now)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_stamp_from_the_future_renews(used_session, clock):
    """A clock that went back (another web server's, or this one's) never postpones a renewal."""
    soon = _shorten(used_session)
    clock.now -= 10
    _home(used_session)
    assert _row(used_session).expire_date > soon


def test_an_idle_session_expires(used_session, clock):
    """Idle longer than the limit since its last renewal: dead, however recent the stamp inside it says it is."""
    end_session_now(_row(used_session).session_key, timezone.now() - dt.timedelta(seconds=1))
    clock.now += 1  # within the interval: the throttle would not renew it anyway
    response = _home(used_session)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_logout_is_not_undone_by_the_renewal(used_session, clock):
    key = _row(used_session).session_key
    clock.now += settings.SESSION_RENEW_SECONDS  # a renewal would be due
    used_session.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    used_session.cookies[settings.SESSION_COOKIE_NAME] = key  # the old cookie, replayed
    response = _home(used_session)
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()


def test_visitors_without_a_session_get_none(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200 and settings.SESSION_COOKIE_NAME not in response.cookies
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32  # unknown or expired key
    response = client.get(reverse("login"))
    assert settings.SESSION_COOKIE_NAME not in response.cookies or not response.cookies[settings.SESSION_COOKIE_NAME].value
    assert not Session.objects.exists()


# --- which session store -----------------------------------------------------------------------------------------

PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({"engine": settings.SESSION_ENGINE, "cache": settings.CACHES["default"]["BACKEND"]}))
"""


def _settings_with(**env):
    base = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    base.update(DJANGO_SETTINGS_MODULE="policycomms.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=BASE_DIR, env=base, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sessions_are_cached_in_redis_when_redis_is_the_cache():
    probe = _settings_with(REDIS_URL="redis://127.0.0.1:6379/15")
    assert probe["engine"] == "accounts.sessions"
    assert "Redis" in probe["cache"]


def test_sessions_stay_in_the_database_with_a_per_process_cache():
    probe = _settings_with()
    assert probe["engine"] == "django.contrib.sessions.backends.db"
    assert probe["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_the_settings_in_force_never_cache_sessions_per_process():
    if settings.SESSION_ENGINE in ("accounts.sessions", *(f"django.contrib.sessions.backends.{n}" for n in ("cache", "cached_db"))):
        assert "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


# --- the cached store (accounts/sessions.py), on a shared cache and on one that is down ----------------------------

WORKING = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sessions-test"}}
# A real Redis cache whose server is not there (nothing listens on port 9 of loopback).
DOWN = {"default": {"BACKEND": "policycomms.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}


@pytest.fixture
def cached_store(settings):
    settings.SESSION_ENGINE = "accounts.sessions"
    settings.CACHES = WORKING
    from django.core.cache import caches

    caches["default"].clear()
    return caches["default"]


def _copy_key(client):
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX

    return KEY_PREFIX + client.cookies[settings.SESSION_COOKIE_NAME].value


def test_a_copy_is_kept_and_read_instead_of_the_database(client, official, cached_store):
    client.force_login(official)
    assert _home(client).status_code == 200
    assert cached_store.get(_copy_key(client)) is not None
    with CaptureQueriesContext(connection) as ctx:
        assert _home(client).status_code == 200
    assert not [q for q in ctx.captured_queries if "django_session" in q["sql"]]


def test_a_copy_lives_no_longer_than_session_cache_seconds(client, official, cached_store, monkeypatch):
    timeouts = []
    real_set = cached_store.set
    monkeypatch.setattr(cached_store, "set", lambda key, value, timeout=None, **kw: (
        timeouts.append(timeout), real_set(key, value, timeout, **kw))[1])
    client.force_login(official)
    cached_store.delete(_copy_key(client))
    _home(client)  # read from the database, copy kept
    assert timeouts and all(0 < t <= settings.SESSION_CACHE_SECONDS for t in timeouts)
    assert settings.SESSION_CACHE_SECONDS < settings.SESSION_COOKIE_AGE


def test_logout_removes_the_copy_and_the_row(client, official, cached_store):
    client.force_login(official)
    _home(client)
    key, copy = client.cookies[settings.SESSION_COOKIE_NAME].value, _copy_key(client)
    client.post(reverse("logout"))
    assert cached_store.get(copy) is None and not Session.objects.filter(session_key=key).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert _home(client).status_code == 302


def test_with_the_cache_down_sessions_come_from_the_database(client, official, settings):
    settings.SESSION_ENGINE = "accounts.sessions"
    settings.CACHES = DOWN
    response = client.post(reverse("login"), {"username": "official", "password": PASSWORD})
    assert response.status_code == 302, "logging in must not depend on Redis"
    assert _home(client).status_code == 200
    assert client.get(reverse("dashboards:index")).status_code in (200, 302)


def test_with_the_cache_down_logout_still_ends_the_session_in_the_database(client, official, settings):
    """Logging out never depends on Redis: the row goes, and the copy (unreadable while Redis is down) expires by
    itself within SESSION_CACHE_SECONDS (test_a_copy_lives_no_longer_than_session_cache_seconds)."""
    settings.SESSION_ENGINE = "accounts.sessions"
    settings.CACHES = DOWN
    client.raise_request_exception = False
    client.force_login(official)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert _home(client).status_code == 302  # logged out: sent to the login page
