"""Writes of the reports app, and the one function that builds the annual report's data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import scope
from organizations.models import Organization, OrganizationKind

from . import formatting, selectors
from .models import ExportJob, ExportStatus, Problem, ProblemStatus, ReportText, SignOff
from .types import (
    AnnualReport,
    ChannelLine,
    CommentLine,
    Heading,
    OrganizationLine,
    PolicyLine,
    SignOffInfo,
    TargetLine,
    report_from_dict,
    report_to_dict,
)

logger = logging.getLogger(__name__)

SCHEME = (
    "Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng "
    "văn bản quy phạm pháp luật giai đoạn 2022-2027"
)
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
_PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "TP. ", "TP ")


# --- the report data ----------------------------------------------------------------------------------------------


def build_annual_report(*, organization: Organization, year: int, signoff: SignOff | None = None) -> AnnualReport:
    """The annual report of ``organization`` for ``year``: from a sign-off's frozen copy, or from current data."""
    if signoff is not None:
        if signoff.organization_id != organization.pk or signoff.year != year:
            raise ValueError("The sign-off belongs to another report.")
        report = report_from_dict(signoff.data)
        report.signoff = SignOffInfo(signoff.version, str(signoff.signed_by), signoff.signed_at)
        return report

    from counting.selectors import coverage_for, coverage_for_each

    # The document is Vietnamese; the engine's reasons follow the active language, so fix it for the build.
    with translation.override("vi"):
        figures = coverage_for(organization, year)
        children = list(_children_in_year(organization, year))
        each = coverage_for_each(children, year)
        comments = _comment_lines(organization, children, year)
        children = [_organization_line(child, each[child.pk]) for child in children]
    text = selectors.report_text_for(organization, year)
    return AnnualReport(
        organization_code=organization.code,
        organization_name=organization.name,
        year=year,
        heading=_heading(organization, year),
        denominator=figures.denominator,
        numerator=figures.numerator,
        percent=figures.percent,
        in_progress=figures.in_progress,
        at_risk=figures.at_risk,
        missed=figures.missed,
        targets=[
            TargetLine(t.directive_code, t.directive_title, t.target_percent, t.met) for t in figures.targets
        ],
        organizations=children,
        policies=[_policy_line(row) for row in figures.policies],
        in_progress_policies=[_policy_line(row) for row in figures.in_progress_policies],
        channels=_channels(organization, year),
        tasks=selectors.task_lines(organization, year),
        comments=comments,
        funding_vnd=_funding(organization, year),
        difficulties=text["difficulties"],
        recommendations=text["recommendations"],
        recipients=_recipients(organization),
        signer_title="THỦ TRƯỞNG CƠ QUAN",
        signer_name="",
        computed_at=figures.computed_at or timezone.now(),
    )


def _children_in_year(organization, year):
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        organization.children.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .order_by("code")
    )


def _comment_lines(organization, children, year) -> list[CommentLine]:
    """The comment figures of the organization's subtree, then of each child's (one query for all)."""
    from consultation.figures import comment_figures

    organizations = [organization, *children]
    figures = comment_figures(organizations, [year])
    return [
        CommentLine(o.code, o.name, **dataclasses.asdict(figures[(o.pk, year)])) for o in organizations
    ]


def _organization_line(child, figures) -> OrganizationLine:
    strictest = figures.strictest_target
    target_percent = strictest.target_percent if strictest else None
    return OrganizationLine(
        code=child.code,
        name=child.name,
        denominator=figures.denominator,
        numerator=figures.numerator,
        percent=figures.percent,
        target_percent=target_percent,
        met=figures.meets(target_percent) if target_percent is not None else None,
        gap=figures.policies_needed(target_percent),
    )


def _policy_line(row) -> PolicyLine:
    return PolicyLine(
        policy_id=row.policy_id,
        draft_id=row.draft_id,
        title=row.policy_title,
        draft_title=row.draft_title,
        organization_code=row.organization_code,
        status=row.status,
        reason=str(row.reason),
    )


def _channels(organization, year) -> list[ChannelLine]:
    from campaigns.models import Activity, ActivityStatus, Channel

    rows = (
        Activity.objects.filter(draft__drafting_organization__path__startswith=organization.path, date__year=year)
        .values("channel")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=ActivityStatus.DONE)))
    )
    counts = {row["channel"]: row for row in rows}
    return [
        ChannelLine(
            channel,
            formatting.CHANNEL_LABELS.get(channel, str(label)),
            counts.get(channel, {}).get("total", 0),
            counts.get(channel, {}).get("done", 0),
        )
        for channel, label in Channel.choices
    ]


def _funding(organization, year) -> int:
    """Campaign budgets of the subtree's drafts, for campaigns whose period starts in the year."""
    from campaigns.models import Campaign

    total = Campaign.objects.filter(
        draft__drafting_organization__path__startswith=organization.path, period_start__year=year
    ).aggregate(total=Sum("budget_vnd"))["total"]
    return int(total or 0)


def _place(organization) -> str:
    ancestors = list(organization.ancestors())
    province = next((o for o in ancestors if o.kind == OrganizationKind.PROVINCE), None)
    if province is None:
        return "Hà Nội"
    name = province.name
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


# Organizations whose documents are issued by their People's Committee (Ủy ban nhân dân): a province, a commune or
# a historic district is, as an addressee or an issuer, its People's Committee (docs/reports.md, "Decree 30").
_PEOPLES_COMMITTEE_KINDS = (OrganizationKind.PROVINCE, OrganizationKind.COMMUNE, OrganizationKind.DISTRICT)
_ABBREVIATION_SKIP = {"và", "của", "các"}


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def body_name(organization, *, short=False) -> str:
    """The body as a document names it: "Sở Giáo dục và Đào tạo", "Ủy ban nhân dân thành phố Hải Phòng" (with
    ``short``, "UBND thành phố Hải Phòng") for the organization "Thành phố Hải Phòng"."""
    if organization.kind in _PEOPLES_COMMITTEE_KINDS:
        return f"{'UBND' if short else 'Ủy ban nhân dân'} {_lower_first(organization.name)}"
    return organization.name


def abbreviation(organization) -> str:
    """The issuer's abbreviation in the number line ("Số: ……/BC-SGDĐT", Decree 30/2020, Appendix VI).

    The Organization model holds a code ("HP-SGDDT": the parent's code, a dash, the organization's own part); the
    abbreviation is that own part ("SGDDT"), written with its Vietnamese letters when the initials of the name spell
    it ("Sở Giáo dục và Đào tạo" → "SGDĐT"). A People's Committee signs as "UBND"."""
    if organization.kind in _PEOPLES_COMMITTEE_KINDS:
        return "UBND"
    code = organization.code
    parent = organization.parent if organization.parent_id else None
    if parent is not None and code.startswith(parent.code + "-"):
        code = code[len(parent.code) + 1 :]
    initials = "".join(
        word if word.isupper() and len(word) > 1 else word[0].upper()
        for word in organization.name.split()
        if word.lower() not in _ABBREVIATION_SKIP and word[0].isalpha()
    )
    if initials.replace("Đ", "D").upper() == code.upper():
        return initials
    return code


def _heading(organization, year) -> Heading:
    parent = organization.parent
    return Heading(
        parent_body=body_name(parent, short=True).upper() if parent else "",
        issuing_body=body_name(organization).upper(),
        nation=NATION,
        motto=MOTTO,
        number=f"Số: ……/BC-{abbreviation(organization)}",
        place_date=f"{_place(organization)}, ngày … tháng … năm …",
        title="BÁO CÁO",
        subtitle=f"Kết quả thực hiện Đề án “{SCHEME}” năm {year}",
    )


def _recipients(organization) -> list[str]:
    lines = []
    if organization.parent_id:
        parent = organization.parent
        lines.append(f"{body_name(parent, short=True)} (để báo cáo);")
        inspectorate = _lower_first(parent.name) if parent.kind in _PEOPLES_COMMITTEE_KINDS else parent.name
        lines.append(f"Thanh tra {inspectorate} (để theo dõi);")
    lines.append("Lưu: VT.")
    return lines


# --- the head's text ----------------------------------------------------------------------------------------------


@transaction.atomic
def report_text_save(*, organization, year, actor, difficulties, recommendations) -> ReportText:
    if not scope.can_sign_off(actor, organization):
        raise PermissionDenied
    text, _created = ReportText.objects.get_or_create(organization=organization, year=year)
    text.difficulties = difficulties
    text.recommendations = recommendations
    text.updated_by = actor
    text.full_clean()
    text.save()
    return text


# --- sign-off -----------------------------------------------------------------------------------------------------


@transaction.atomic
def signoff_create(*, organization, year, actor) -> SignOff:
    """Freeze the current report as a new version. Earlier versions stay as they were."""
    if not scope.can_sign_off(actor, organization):
        raise PermissionDenied
    # Serialise concurrent sign-offs of the same organization so version numbers never collide.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    report = build_annual_report(organization=organization, year=year)
    report.signer_name = str(actor)
    last = SignOff.objects.for_report(organization, year).order_by("-version").values_list("version", flat=True).first()
    signoff = SignOff(
        organization=organization,
        year=year,
        version=(last or 0) + 1,
        data=report_to_dict(report),
        signed_by=actor,
    )
    signoff.full_clean()
    signoff.save()
    return signoff


# --- exports ------------------------------------------------------------------------------------------------------


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



# --- problems reported to the Inspectorate ------------------------------------------------------------------------


def can_answer_problem(user, problem) -> bool:
    from accounts.models import Role

    return scope.covers(user, problem.organization, (Role.INSPECTOR,))


@transaction.atomic
def problem_create(
    *, organization, actor, title, description, location="", directive=None, attachments=()
) -> Problem:
    from campaigns.services import check_upload, store_upload

    if not scope.can_edit(actor, organization):
        raise PermissionDenied
    problem = Problem(
        organization=organization,
        directive=directive,
        title=title,
        description=description,
        location=location,
        created_by=actor,
    )
    problem.full_clean()
    attachments = list(attachments)
    for uploaded in attachments:  # refuse a bad file before anything is written
        check_upload(uploaded)
    problem.save()
    problem.attachments.set([store_upload(uploaded=uploaded, actor=actor) for uploaded in attachments])
    return problem


@transaction.atomic
def problem_answer(*, problem: Problem, actor, answer: str) -> Problem:
    if not can_answer_problem(actor, problem):
        raise PermissionDenied
    if problem.status == ProblemStatus.CLOSED:
        raise ValidationError(_("This problem is closed; it can no longer be answered."))
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write the answer before sending it.")})
    problem.answer = answer.strip()
    problem.status = ProblemStatus.ANSWERED
    problem.answered_by = actor
    problem.answered_at = timezone.now()
    problem.full_clean()
    problem.save()
    transaction.on_commit(lambda: notify_problem_filer(problem=problem))
    return problem


@transaction.atomic
def problem_close(*, problem: Problem, actor) -> Problem:
    if not can_answer_problem(actor, problem):
        raise PermissionDenied
    if problem.status == ProblemStatus.CLOSED:
        return problem
    problem.status = ProblemStatus.CLOSED
    problem.closed_at = timezone.now()
    problem.full_clean()
    problem.save()
    transaction.on_commit(lambda: notify_problem_filer(problem=problem))
    return problem


def notify_problem_filer(*, problem: Problem) -> None:
    """E-mail the official who filed the problem that it was answered or closed (in Vietnamese)."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    recipient = problem.created_by.email
    if not recipient:
        return
    with translation.override("vi"):
        context = {"problem": problem}
        subject = " ".join(render_to_string("reports/email/problem_subject.txt", context).split())
        body = render_to_string("reports/email/problem_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=True)
