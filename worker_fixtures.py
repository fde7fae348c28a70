"""A real Celery worker for end-to-end tests: ``live_worker`` starts ``celery -A policycomms worker`` on the
pytest test database and a dedicated Redis db, and points this process's Celery app (eager off) at that broker.

Registered from the root ``conftest.py`` (``pytest_plugins``). The worker needs PostgreSQL (it reaches the test
database from another process) and Redis. Without them the test is skipped, unless ``PLAYWRIGHT_REQUIRED=1`` and
``CI=true``, where a missing service is an error: CI has both, so the journeys must run there.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

# Journeys publish and cache here; the db index keeps them away from other tests' workers (db 7) and development.
JOURNEY_REDIS_DB = 9
WORKER_READY_TIMEOUT = 45


def journey_redis_url(redis_url: str) -> str:
    """The same Redis server as ``redis_url``, on the journeys' own db index."""
    parts = urlsplit(redis_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{JOURNEY_REDIS_DB}", "", ""))


def _services_required() -> bool:
    return os.environ.get("PLAYWRIGHT_REQUIRED") == "1" and os.environ.get("CI", "").lower() == "true"


def _missing_services(settings) -> str:
    missing = []
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        missing.append("a PostgreSQL DATABASE_URL (the worker must reach the test database)")
    if not settings.REDIS_URL:
        missing.append("REDIS_URL (the broker)")
    return " and ".join(missing)


@pytest.fixture
def worker_services(settings):
    """Skip (or, in CI, fail) unless PostgreSQL and Redis are configured; the journey Redis URL otherwise."""
    missing = _missing_services(settings)
    if missing:
        if _services_required():
            pytest.fail(f"needs {missing}; PLAYWRIGHT_REQUIRED=1 and CI=true: the worker journeys must run here.",
                        pytrace=False)
        pytest.skip(f"needs {missing}")
    return journey_redis_url(settings.REDIS_URL)


@pytest.fixture
def live_worker(worker_services, transactional_db, settings, tmp_path):
    """A ready ``celery -A policycomms worker`` (prefork, concurrency 1) that this process publishes to.

    The worker gets the test database, the journey Redis (broker, result backend and cache), eager off and this
    test's ``MEDIA_ROOT``, so files it writes are the ones the live server serves. This process caches in the same
    Redis db, so the coverage engine's "recompute pending" lock is shared as in production. Yields the
    ``testbed.faults_support.CeleryWorker``; its ``log`` (level info) names every task it ran.
    """
    import redis
    from django.core.cache import cache
    from django.db import connection

    from testbed.faults_support import CeleryWorker, database_url, private_broker

    url = worker_services
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.flushdb()  # messages and locks a killed earlier run may have left behind
    except redis.RedisError as error:
        pytest.fail(f"Redis at {url} does not answer: {error}", pytrace=False)
    finally:
        client.close()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    cache.clear()

    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    worker = CeleryWorker(name="journeys", env=env, log_path=tmp_path / "worker.log", cwd=settings.BASE_DIR)
    try:
        worker.start().wait_ready(timeout=WORKER_READY_TIMEOUT)
        # Eager off and publishing to the worker's broker, after the autouse ``_eager_celery`` turned eager on;
        # ``private_broker`` empties kombu's pool registry on the way in and out.
        with private_broker(url):
            yield worker
    finally:
        worker.stop()


def worker_ran(worker, task_name: str) -> bool:
    """Whether the worker's log records ``task_name`` as succeeded (what proves the worker, not eager, ran it)."""
    return any(f"Task {task_name}[" in line and " succeeded in " in line for line in worker.log.splitlines())


def until(worker, predicate, what: str, timeout: float = 30):
    """Poll ``predicate`` for up to ``timeout`` seconds; on timeout, fail with the end of the worker's log."""
    from testbed.faults_support import wait_for

    try:
        return wait_for(predicate, timeout=timeout, interval=0.5, message=what)
    except AssertionError as error:
        raise AssertionError(f"{error}\n--- worker log ---\n{worker.log[-4000:]}") from None
