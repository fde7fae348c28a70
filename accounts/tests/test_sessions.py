"""Session renewal at most once per SESSION_RENEW_SECONDS (accounts.middleware.SessionRenewalMiddleware), and the
session store: Django's database store, which keeps working when Redis does not and never leaves a logged-out
session usable."""

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
from testbed.factories import PASSWORD

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


# --- the session store: Django's database store, with or without Redis ---------------------------------------------

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


@pytest.mark.parametrize("env", [{}, {"REDIS_URL": "redis://127.0.0.1:6379/15"}], ids=["embedded", "redis"])
def test_sessions_live_in_the_database_with_either_cache(env):
    """Django's cached_db store fails a request when Redis is unreachable (its load() writes the copy back without
    a guard): sessions stay in the database, where a logout in one process ends the session for all of them."""
    probe = _settings_with(**env)
    assert probe["engine"] == "django.contrib.sessions.backends.db"
    assert ("Redis" in probe["cache"]) == bool(env)


# A real Redis cache whose server is not there (nothing listens on port 9 of loopback).
DOWN = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}


def test_with_the_cache_down_sessions_come_from_the_database(client, official, settings):
    settings.CACHES = DOWN
    response = client.post(reverse("login"), {"username": "official", "password": PASSWORD})
    assert response.status_code == 302, "logging in must not depend on Redis"
    assert _home(client).status_code == 200
    assert client.get(reverse("dashboards:index")).status_code in (200, 302)


def test_with_the_cache_down_logout_still_ends_the_session_in_the_database(client, official, settings):
    settings.CACHES = DOWN
    client.raise_request_exception = False
    client.force_login(official)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert _home(client).status_code == 302  # logged out: sent to the login page
