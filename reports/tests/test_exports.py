"""Export jobs (reports.exports): queued to done, failure and retry, who may export."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reports import exports
from reports.models import ExportJob, ExportStatus

pytestmark = pytest.mark.django_db


def test_export_job_lifecycle_queued_to_done(tree, inspector, report_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = exports.export_job_create(organization=tree["department"], year=2024, format="xlsx", actor=inspector)
    assert ExportJob.objects.get(pk=job.pk).status == ExportStatus.QUEUED  # nothing runs before the commit
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == (ExportStatus.DONE, 100, "")
    assert job.file.read(2) == b"PK" and job.finished_at is not None
    # Idempotent: a second delivery of the task leaves the finished job alone.
    name = job.file.name
    exports.export_job_execute(job_id=job.pk)
    job.refresh_from_db()
    assert job.file.name == name and job.attempts == 1


def test_export_failure_is_recorded_and_retry_works(tree, inspector, report_data, monkeypatch, django_capture_on_commit_callbacks):
    import reports.renderers as renderers

    real_render = renderers.render

    def broken(report, fmt, progress=None):
        raise RuntimeError("the PDF engine ran out of fonts")

    monkeypatch.setattr(renderers, "render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = exports.export_job_create(organization=tree["department"], year=2024, format="pdf", actor=inspector)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "ran out of fonts" in job.error and not job.file

    monkeypatch.setattr(renderers, "render", real_render)
    with django_capture_on_commit_callbacks(execute=True):
        exports.export_job_retry(job=job, actor=inspector)
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts) == (ExportStatus.DONE, "", 2)
    assert job.file.read(5) == b"%PDF-"


def test_only_failed_jobs_are_retried_and_officials_cannot_export(tree, inspector, official, report_data):
    with pytest.raises(PermissionDenied):
        exports.export_job_create(organization=tree["department"], year=2024, format="xlsx", actor=official)
    job = ExportJob.objects.create(organization=tree["department"], year=2024, format="xlsx", requested_by=inspector)
    with pytest.raises(ValidationError):
        exports.export_job_retry(job=job, actor=inspector)
