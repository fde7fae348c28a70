"""Export jobs: the annual report or a draft's summary-and-response report rendered to a file by a Celery task
(``tasks.export_job_run``), with status and progress on the job; and the shell's way to the same rendering."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope

from .builder import build_annual_report
from .models import ExportJob, ExportStatus

logger = logging.getLogger(__name__)


def _enqueue(job):
    from .tasks import export_job_run

    export_job_run.delay_on_commit(job.pk)


@transaction.atomic
def export_job_create(*, organization, year, format, actor, signoff=None) -> ExportJob:
    if not scope.can_export(actor, organization):
        raise PermissionDenied
    if signoff is not None and (signoff.organization_id != organization.pk or signoff.year != year):
        raise ValidationError(_("That signed-off version belongs to another report."))
    job = ExportJob(organization=organization, year=year, format=format, signoff=signoff, requested_by=actor)
    job.full_clean()
    job.save()
    _enqueue(job)
    return job


@transaction.atomic
def consultation_export_create(*, draft, phase, format, actor) -> ExportJob:
    """An export job for the summary-and-response report of ``draft`` and ``phase`` (PDF or DOCX)."""
    from consultation.models import Phase

    if not scope.can_export(actor, draft.drafting_organization):
        raise PermissionDenied
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Unknown consultation phase.")})
    if format not in ("pdf", "docx"):
        raise ValidationError({"format": _("This report is exported as PDF or DOCX.")})
    job = ExportJob(
        organization=draft.drafting_organization,
        year=timezone.localdate().year,
        draft=draft,
        phase=phase,
        format=format,
        requested_by=actor,
    )
    job.full_clean()
    job.save()
    _enqueue(job)
    return job


def _job_content(job, progress) -> bytes:
    from .renderers import render, render_consultation

    if job.draft_id:
        from .consultation import build_consultation_report

        document = build_consultation_report(draft=job.draft, phase=job.phase)
        _set_progress(job, 40)
        return render_consultation(document, job.format, progress=progress)
    report = build_annual_report(organization=job.organization, year=job.year, signoff=job.signoff)
    _set_progress(job, 40)
    return render(report, job.format, progress=progress)


@transaction.atomic
def export_job_retry(*, job: ExportJob, actor) -> ExportJob:
    if not scope.can_export(actor, job.organization):
        raise PermissionDenied
    if job.status != ExportStatus.FAILED:
        raise ValidationError(_("Only a failed export can be retried."))
    job.status = ExportStatus.QUEUED
    job.progress = 0
    job.error = ""
    job.started_at = None
    job.finished_at = None
    job.full_clean()
    job.save()
    _enqueue(job)
    return job


def _set_progress(job, progress):
    ExportJob.objects.filter(pk=job.pk).update(progress=progress)
    job.progress = progress


def export_job_execute(*, job_id: int) -> ExportJob | None:
    """Build and store the file of one export. Safe to run twice: a finished job is left alone."""
    with transaction.atomic():
        job = (
            ExportJob.objects.select_for_update(of=("self",))
            .select_related("organization", "signoff", "draft", "draft__drafting_organization")
            .filter(pk=job_id)
            .first()
        )
        if job is None or job.is_finished:
            return job
        job.status = ExportStatus.RUNNING
        job.progress = 5
        job.attempts += 1
        job.started_at = timezone.now()
        job.save(update_fields=["status", "progress", "attempts", "started_at"])
    try:
        # The rendering's own steps (PDF: template, layout, drawing) move the bar from 40 to 90 while it runs.
        content = _job_content(job, lambda percent: _set_progress(job, 40 + percent // 2))
        _set_progress(job, 95)
        if job.file:
            job.file.delete(save=False)
        job.file.save(job.download_name, ContentFile(content), save=False)
        job.status = ExportStatus.DONE
        job.progress = 100
        job.error = ""
    except Exception as exc:  # the job records why; the user sees it and can retry
        logger.exception("export %s failed", job.pk)
        job.status = ExportStatus.FAILED
        job.error = str(exc) or exc.__class__.__name__
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "progress", "file", "error", "finished_at"])
    return job


def consultation_export_to_file(*, draft, phase, format, path) -> int:
    """``manage.py export_consultation_report``: the same rendering as the export job. Returns bytes written."""
    from .consultation import build_consultation_report
    from .renderers import render_consultation

    content = render_consultation(build_consultation_report(draft=draft, phase=phase), format)
    with open(path, "wb") as handle:
        handle.write(content)
    return len(content)


def export_to_file(*, organization, year, format, path, signoff=None) -> int:
    """The shell's way to the same rendering (``manage.py export_annual_report``). Returns bytes written."""
    from .renderers import render

    report = build_annual_report(organization=organization, year=year, signoff=signoff)
    content = render(report, format)
    with open(path, "wb") as handle:
        handle.write(content)
    return len(content)
