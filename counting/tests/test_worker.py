"""A real Celery worker on the real Redis computes a snapshot (CI sets REDIS_URL and a PostgreSQL DATABASE_URL).

The worker is the suite's one worker start, ``worker_fixtures.live_worker``."""

import pytest

from counting.models import CoverageSnapshot
from testbed.faults_support import wait_for
from worker_fixtures import worker_ran

from .helpers import S, activity, draft

pytestmark = pytest.mark.worker


def test_a_real_worker_computes_the_snapshot(tree, live_worker):
    from counting import tasks

    dr, _ = draft(tree["unit"], d=None)
    activity(dr, S)
    CoverageSnapshot.objects.all().delete()  # whatever the save scheduled, the figure below is the task's
    tasks.recompute_year.delay(2024)

    def computed():
        if not live_worker.alive():
            pytest.fail(f"the worker exited:\n{live_worker.log}")
        return CoverageSnapshot.objects.filter(organization=tree["city"], year=2024).first()

    snapshot = wait_for(computed, timeout=60, interval=0.3, message="the worker's snapshot")
    assert (snapshot.numerator, snapshot.denominator) == (1, 1)
    assert worker_ran(live_worker, "coverage.recompute_year"), live_worker.log
