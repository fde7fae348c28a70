"""A real Celery worker on the real Redis computes a snapshot (CI sets REDIS_URL and a PostgreSQL DATABASE_URL)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from coverage.models import CoverageSnapshot

from .helpers import S, activity, draft

WORKER_REDIS_URL = "redis://127.0.0.1:6379/7"

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not settings.REDIS_URL or settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs REDIS_URL and a PostgreSQL DATABASE_URL (the worker must reach the test database)",
    ),
]


def _database_url():
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db):
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": WORKER_REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    celery = Path(sys.executable).with_name("celery")
    proc = subprocess.Popen(
        [str(celery), "-A", "policycomms", "worker", "--pool=solo", "--loglevel=warning", "--without-gossip",
         "--without-mingle", "--without-heartbeat"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    yield proc
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_a_real_worker_computes_the_snapshot(tree, worker):
    from coverage import tasks
    from policycomms.celery import app

    app.conf.task_always_eager = False  # the autouse fixture restores it
    dr, _ = draft(tree["unit"], d=None)
    activity(dr, S)
    assert not CoverageSnapshot.objects.exists()
    with app.connection_for_write(WORKER_REDIS_URL) as broker:  # the worker's Redis db, whatever REDIS_URL says
        tasks.recompute_year.apply_async(args=[2024], connection=broker)

    deadline = time.monotonic() + 60
    snapshot = None
    while time.monotonic() < deadline and snapshot is None:
        if worker.poll() is not None:
            pytest.fail(f"the worker exited: {worker.stdout.read().decode(errors='replace')}")
        snapshot = CoverageSnapshot.objects.filter(organization=tree["city"], year=2024).first()
        time.sleep(0.3)
    assert snapshot is not None, "no snapshot within 60 s"
    assert (snapshot.numerator, snapshot.denominator) == (1, 1)
