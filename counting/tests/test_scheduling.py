"""Saves schedule a recompute after commit, coalesced; in eager mode figures are fresh when the save returns."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from campaigns.services import activity_create
from counting import services, tasks
from counting.models import DirtyDraft, PolicySnapshot
from counting.selectors import coverage_for
from drafts.services import draft_delete, draft_update, policy_create

from .helpers import S, draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_pending_lock")]


def _snapshot_inserts(queries):
    # The engine writes snapshots in one statement: an upsert (SQLite) or a WITH … INSERT (PostgreSQL).
    return sum(1 for q in queries if q["sql"].startswith("INSERT INTO \"coverage_policysnapshot\"")
               or "INSERT INTO coverage_policysnapshot" in q["sql"])


def test_a_save_is_counted_as_soon_as_it_returns(tree, official, django_capture_on_commit_callbacks):
    dr, (p,) = draft(tree["unit"], d=None)
    assert coverage_for(tree["city"], 2024).numerator == 0
    with django_capture_on_commit_callbacks(execute=True):
        activity_create(draft=dr, actor=official, channel="portal", date=S, status="done", title="Đăng tin")
    assert not DirtyDraft.objects.exists()  # the after-commit task did the work, not the read below
    figures = coverage_for(tree["city"], 2024)
    assert (figures.numerator, figures.denominator) == (1, 1)


def test_a_thousand_saves_in_one_transaction_schedule_one_recompute(tree, official, django_capture_on_commit_callbacks):
    dr, (p,) = draft(tree["unit"], d=None)
    with CaptureQueriesContext(connection) as ctx:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with transaction.atomic():
                for i in range(40):
                    activity_create(draft=dr, actor=official, channel="press", date=S, status="done", title=f"Bài {i}")
                    policy_create(draft=dr, actor=None, title=f"Chính sách {i}", high_impact=True)
    assert len(callbacks) == 1
    assert DirtyDraft.objects.count() == 0
    assert _snapshot_inserts(ctx.captured_queries) == 1
    assert coverage_for(tree["city"], 2024).numerator == 41


def test_a_rolled_back_savepoint_does_not_lose_the_schedule(tree, official, django_capture_on_commit_callbacks):
    dr, _ = draft(tree["unit"], d=None)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    activity_create(draft=dr, actor=official, channel="press", date=S, status="done", title="x")
                    raise RuntimeError
            except RuntimeError:
                pass
            activity_create(draft=dr, actor=official, channel="press", date=S, status="done", title="y")
    assert len(callbacks) == 1


def test_across_transactions_only_the_first_enqueues_until_the_task_starts(tree):
    from policycomms.celery import app

    app.conf.task_always_eager = False  # the message goes to the broker (memory, or Redis in CI); no worker runs it
    assert services.enqueue_recompute_dirty() is True
    assert services.enqueue_recompute_dirty() is False
    assert services.enqueue_recompute_dirty() is False
    tasks.recompute_dirty.run()  # what the worker does first: release the lock, then claim the dirty rows
    assert services.enqueue_recompute_dirty() is True


def test_moving_a_draft_to_another_year_and_organization_updates_both_old_and_new_figures(tree, official):
    dr, _ = draft(tree["unit"], d=None)
    assert coverage_for(tree["department"], 2024).denominator == 1
    draft_update(draft=dr, actor=official, adopted_on=dt.date(2025, 3, 1), drafting_organization=tree["other"])
    assert coverage_for(tree["department"], 2024).denominator == 0
    assert coverage_for(tree["city"], 2024).denominator == 0
    assert coverage_for(tree["other"], 2025).denominator == 1


def test_deleting_a_draft_removes_its_policies_from_the_figures(tree, django_user_model):
    dr, _ = draft(tree["unit"], d=None)
    assert coverage_for(tree["city"], 2024).denominator == 1
    # A counting draft is deleted only by an administrator's audited action (docs/operations.md).
    admin = django_user_model.objects.create_superuser("root", "root@example.gov.vn", "a-long-admin-passphrase-1")
    draft_delete(draft=dr, actor=admin, override_reason="Entered twice")
    assert coverage_for(tree["city"], 2024).denominator == 0
    assert not PolicySnapshot.objects.exists()


def test_withdrawing_a_draft_takes_it_out(tree, official):
    dr, _ = draft(tree["unit"], d=None)
    assert coverage_for(tree["unit"], 2024).denominator == 1
    draft_update(draft=dr, actor=official, status="withdrawn")
    assert coverage_for(tree["unit"], 2024).denominator == 0


def test_recompute_drafts_task_is_idempotent(tree):
    dr, _ = draft(tree["unit"], d=None)
    assert tasks.recompute_drafts.delay([dr.pk]).get() == 1
    assert tasks.recompute_drafts.delay([dr.pk]).get() == 1
    assert PolicySnapshot.objects.count() == 1
    assert tasks.recompute_year.delay(2024).get() == 1
