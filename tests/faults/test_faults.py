"""Faults, each provoked for real: workers killed mid-task, Redis killed, Redis down, the database gone mid-save,
two officials on one activity.

The worker tests start their own ``redis-server`` (AOF on, free port) and real prefork Celery workers that use
the pytest test database, so they need PostgreSQL (CI sets ``DATABASE_URL``); this process publishes to the same
private Redis through ``testbed.faults_support.private_broker``. Helpers and the worker-side fault hook live in
``testbed/faults_support.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import connection
from django.db.models.signals import post_save
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from campaigns.models import Activity, StoredFile
from counting.models import CoverageSnapshot, DirtyDraft
from drafts.models import DraftStatus
from reports import exports
from reports.models import ExportJob, ExportStatus
from testbed import factories
from testbed.faults_support import (
    FAULT_DELAY_ENV,
    FAULT_JOURNAL_ENV,
    CeleryWorker,
    RedisServer,
    database_url,
    journal_read,
    private_broker,
    wait_for,
)

on_postgresql = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs a PostgreSQL DATABASE_URL (workers reach the test database; pg_terminate_backend); CI sets one",
)
XLSX_MAGIC = b"PK\x03\x04"
YEAR = 2024


# --- fixtures -------------------------------------------------------------------------------------------------------


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def broker(redis_server, settings):
    """This process publishes to the private Redis and caches in it, as a web machine of that deployment would."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_server.url}}
    with private_broker(redis_server.url) as app:
        yield app


@pytest.fixture
def start_worker(transactional_db, redis_server, tmp_path):
    """``start_worker(name, **extra_env)`` → a ready worker on the private Redis and the test database."""
    started: list[CeleryWorker] = []

    def start(name: str, **extra_env) -> CeleryWorker:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(connection.settings_dict),
            "REDIS_URL": redis_server.url,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "MEDIA_ROOT": settings.MEDIA_ROOT,
            **extra_env,
        }
        worker = CeleryWorker(name=name, env=env, log_path=tmp_path / f"worker-{name}.log", cwd=settings.BASE_DIR)
        started.append(worker.start())
        return worker.wait_ready()

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()


def _export_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "exports"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _adopted_draft(organization):
    draft = factories.DraftFactory(
        drafting_organization=organization,
        proposal_consultation_start=dt.date(YEAR, 2, 1),
        adopted_on=dt.date(YEAR, 9, 30),
        status=DraftStatus.ADOPTED,
    )
    factories.PolicyFactory(draft=draft)
    return draft


def _activity_form(**overrides):
    return {"title": "Đăng tải dự thảo trên cổng", "channel": "portal", "date": "10/02/2024", "status": "done", **overrides}


# --- a. a worker killed with kill -9 in the middle of an export -----------------------------------------------------


@pytest.mark.worker
@on_postgresql
def test_export_survives_its_worker_process_being_killed_and_finishes_exactly_once(
    tree, inspector, broker, start_worker, tmp_path
):
    journal = tmp_path / "export-journal"
    slow = {FAULT_DELAY_ENV: "2", FAULT_JOURNAL_ENV: str(journal)}
    first, second = start_worker("first", **slow), start_worker("second", **slow)

    job = exports.export_job_create(organization=tree["department"], year=YEAR, format="xlsx", actor=inspector)

    # The render has started (the job row says so) and is sleeping inside the pool process: kill -9 that process.
    (event, victim), = wait_for(lambda: journal_read(journal), timeout=30, message="the export to start")
    assert event == "start"
    job.refresh_from_db()
    assert job.status == ExportStatus.RUNNING and job.attempts == 1
    os.kill(victim, signal.SIGKILL)

    job = wait_for(
        lambda: ExportJob.objects.filter(pk=job.pk, status__in=[ExportStatus.DONE, ExportStatus.FAILED]).first(),
        timeout=60, message="the export to finish after the kill",
    )
    assert job.status == ExportStatus.DONE, job.error
    events = journal_read(journal)
    starts = [pid for event, pid in events if event == "start"]
    assert len(starts) == 2 and starts[0] == victim and starts[1] != victim, events
    assert [event for event, _ in events].count("rendered") == 1, events
    assert job.attempts == 2 and job.progress == 100
    # Exactly one file, the job's, and it is a real workbook.
    files = _export_files()
    assert [str(p.relative_to(settings.MEDIA_ROOT)) for p in files] == [job.file.name]
    assert files[0].read_bytes()[:4] == XLSX_MAGIC
    # The message was acknowledged once done: nothing waits or stays unacknowledged in Redis.
    client = broker.connection_for_write().default_channel.client
    assert client.llen("celery") == 0 and client.hlen("unacked") == 0
    # Both workers' main processes are still up: only the pool process died, and its worker replaced it.
    assert first.alive() and second.alive()
    assert "WorkerLostError" in first.log + second.log


# --- b. Redis killed with jobs queued ---------------------------------------------------------------------------------


@pytest.mark.worker
@on_postgresql
def test_queued_exports_survive_redis_being_killed_and_all_run_once(
    tree, inspector, redis_server, broker, start_worker
):
    jobs = [
        exports.export_job_create(organization=org, year=YEAR, format="xlsx", actor=inspector)
        for org in (tree["department"], tree["department"], tree["unit"], tree["unit"])
    ]
    assert redis_server.client().llen("celery") == len(jobs)  # queued, no worker yet

    redis_server.kill()
    assert redis_server.proc.returncode == -signal.SIGKILL
    redis_server.start()  # same port, same AOF directory
    assert redis_server.client().llen("celery") == len(jobs), "queued jobs were lost with Redis"

    start_worker("after-restart")
    wait_for(
        lambda: ExportJob.objects.filter(status=ExportStatus.DONE).count() == len(jobs),
        timeout=90, message="every queued export to be done",
    )
    done = ExportJob.objects.filter(pk__in=[j.pk for j in jobs])
    assert sorted(done.values_list("attempts", flat=True)) == [1] * len(jobs)
    assert len(_export_files()) == len(jobs)
    assert redis_server.client().llen("celery") == 0


# --- c. Redis down while an official saves an activity ----------------------------------------------------------------


@pytest.mark.worker
@on_postgresql
def test_activity_saved_while_redis_is_down_is_counted_once_redis_is_back(
    tree, official, redis_server, broker, start_worker, client
):
    draft = _adopted_draft(tree["department"])
    redis_server.kill()  # broker and cache are gone

    client.force_login(official)
    response = client.post(reverse("campaigns:activity_create", args=[draft.pk]), _activity_form())

    assert response.status_code == 302, "the save must not depend on Redis"
    activity = Activity.objects.get(draft=draft)
    assert DirtyDraft.objects.filter(draft_id=draft.pk).exists(), "the change must be remembered for the recompute"
    assert not CoverageSnapshot.objects.exists()

    # Redis comes back; the beat sweep's task (what beat sends every minute) reaches a worker.
    redis_server.start()
    start_worker("sweeper")
    broker.send_task(settings.CELERY_BEAT_SCHEDULE["coverage-sweep-dirty"]["task"])

    snapshot = wait_for(
        lambda: CoverageSnapshot.objects.filter(organization=tree["department"], year=YEAR).first(),
        timeout=60, message="the recompute after Redis came back",
    )
    assert (snapshot.numerator, snapshot.denominator) == (1, 1)
    assert not DirtyDraft.objects.exists()
    assert Activity.objects.filter(draft=draft).get() == activity


@pytest.mark.worker
@on_postgresql
def test_with_redis_stopped_a_save_fails_fast_and_logout_still_ends_the_session(tree, official, redis_server, settings):
    """Redis (cache and broker) stopped: the save answers in about a second, not 19 s (the result
    backend's retries, and no timeouts), and logout ends the session in the database instead of answering 500."""
    import time

    from django.contrib.sessions.models import Session

    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": redis_server.url}}
    draft = _adopted_draft(tree["department"])
    client = Client(raise_request_exception=False)
    with private_broker(redis_server.url):
        client.force_login(official)
        redis_server.stop()

        started = time.monotonic()
        response = client.post(reverse("campaigns:activity_create", args=[draft.pk]), _activity_form())
        elapsed = time.monotonic() - started
        assert response.status_code == 302, "the save must not depend on Redis"
        assert Activity.objects.filter(draft=draft).count() == 1
        assert DirtyDraft.objects.filter(draft_id=draft.pk).exists(), "the recompute is left to the beat sweep"
        assert elapsed < 5, f"a save with Redis stopped took {elapsed:.1f} s"

        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        assert client.post(reverse("logout")).status_code == 302
        assert not Session.objects.filter(session_key=key).exists()


# --- d. the database connection dropped during a save -----------------------------------------------------------------


@pytest.fixture
def drop_connection_after_evidence_row(transactional_db):
    """While a service call is running, terminate this process's database session from a second connection, right
    after the evidence row is written and before the rest of the save (the coverage bookkeeping) happens."""
    fired = []

    def terminate(sender, instance, created, **kwargs):
        if fired:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (pid,) = cursor.fetchone()
        killer = connection.get_new_connection(connection.get_connection_params())
        try:
            killer.autocommit = True
            with killer.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        finally:
            killer.close()
        fired.append(pid)

    post_save.connect(terminate, sender=StoredFile, weak=False)
    try:
        yield fired
    finally:
        post_save.disconnect(terminate, sender=StoredFile)
        connection.close()  # the next query reconnects


@on_postgresql
def test_database_dropped_during_a_save_shows_a_clean_error_page_and_saves_nothing(
    tree, official, drop_connection_after_evidence_row
):
    from campaigns.tests.samples import pdf_bytes, upload

    draft = _adopted_draft(tree["department"])
    browser = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(official)

    response = browser.post(
        reverse("campaigns:activity_create", args=[draft.pk]),
        _activity_form(evidence=[upload("bien-ban.pdf", pdf_bytes())]),
    )

    assert drop_connection_after_evidence_row, "the fault was not injected"
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "was not saved" in page
    assert "Traceback" not in page and "OperationalError" not in page
    connection.close()
    assert not Activity.objects.exists()
    assert not StoredFile.objects.exists()
    assert not DirtyDraft.objects.exists()


def test_500_page_renders_without_any_context():
    from django.template.loader import get_template
    from django.utils import translation

    with translation.override("en"):
        html = get_template("500.html").render()
    assert "Something went wrong on our side" in html
    assert 'style="' not in html and "<script" not in html  # strict CSP


# --- e. two officials editing the same activity -----------------------------------------------------------------------


@pytest.fixture
def colleague(tree):
    return factories.user_with_role(Role.OFFICIAL, tree["department"], username="official2")


@pytest.fixture
def shared_activity(tree):
    draft = _adopted_draft(tree["department"])
    return factories.ActivityFactory(draft=draft, title="Họp báo dự thảo", date=dt.date(YEAR, 2, 10))


def _login(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_second_official_is_told_and_no_update_is_lost(official, colleague, shared_activity):
    url = reverse("campaigns:activity_update", args=[shared_activity.pk])
    first, second = _login(official), _login(colleague)
    # Both open the form on the same version.
    opened = [browser.get(url).context["form"]["version"].value() for browser in (first, second)]
    assert opened[0] == opened[1]

    assert first.post(url, _activity_form(title=shared_activity.title, reach="900", version=opened[0])).status_code == 302

    response = second.post(url, _activity_form(title="Họp báo và đăng tải", version=opened[1]))
    assert response.status_code == 200
    assert response.context["form"].has_error(NON_FIELD_ERRORS, code="stale")
    assert "Họp báo và đăng tải" in response.content.decode()  # what they typed is still in the form
    shared_activity.refresh_from_db()
    assert (shared_activity.title, shared_activity.reach) == ("Họp báo dự thảo", 900)

    # Told, the second official reloads (seeing the first one's figure) and applies the change again.
    reloaded = second.get(url).context["form"]
    assert reloaded["reach"].value() == 900
    resent = _activity_form(title="Họp báo và đăng tải", reach="900", version=reloaded["version"].value())
    assert second.post(url, resent).status_code == 302
    shared_activity.refresh_from_db()
    assert (shared_activity.title, shared_activity.reach) == ("Họp báo và đăng tải", 900)
    assert shared_activity.version == opened[0] + 2


@on_postgresql
def test_simultaneous_saves_of_the_same_version_let_exactly_one_through(
    transactional_db, official, colleague, shared_activity
):
    url = reverse("campaigns:activity_update", args=[shared_activity.pk])
    version = shared_activity.version
    posts = {
        official: _activity_form(title=shared_activity.title, reach="111", version=version),
        colleague: _activity_form(title=shared_activity.title, reach="222", version=version),
    }
    barrier = threading.Barrier(len(posts))
    results = {}

    def save(user, data):
        try:
            browser = _login(user)
            barrier.wait(timeout=10)
            response = browser.post(url, data)
            results[user.username] = (response.status_code, response.context and response.context.get("form"))
        finally:
            connection.close()  # each thread has its own database connection

    threads = [threading.Thread(target=save, args=item) for item in posts.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(status for status, _ in results.values()) == [200, 302], results
    loser = next(form for status, form in results.values() if status == 200)
    assert loser.has_error(NON_FIELD_ERRORS, code="stale")
    winner = next(name for name, (status, _) in results.items() if status == 302)
    shared_activity.refresh_from_db()
    assert shared_activity.reach == {"official": 111, "official2": 222}[winner]
    assert shared_activity.version == version + 1
