"""The summary-and-response report's approval and publication: the services (organizations consulted, approval), the
reads of approved reports that the public page and the feed use, and the one-time e-mail of the answers.

Answers are published all at once: nothing is copied on approval, the public reads a comment's decision and
response only once the ``ConsultationReport`` of its draft and phase is approved (``answers_are_public``)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import scope

from .models import Comment, ConsultationReport, Phase, ReportStatus, Status

logger = logging.getLogger(__name__)


# --- reads ---------------------------------------------------------------------------------------------------------


def report_for(draft, phase) -> ConsultationReport:
    """The report row of ``draft`` and ``phase``, or an unsaved one (nothing is written by a read)."""
    report = ConsultationReport.objects.filter(draft=draft, phase=phase).select_related("approved_by").first()
    return report or ConsultationReport(draft=draft, phase=phase)


def answers_are_public(draft, phase) -> bool:
    return ConsultationReport.objects.filter(draft=draft, phase=phase, status=ReportStatus.APPROVED).exists()


def unanswered_q() -> Q:
    """A comment whose answer (its own, or its group representative's) has no decision yet."""
    return Q(group__isnull=True, decision="") | Q(group__isnull=False, group__decision="")


def blocking_comments(draft, phase):
    """Comments that stand in the way of approval: every published comment and every portal comment of the phase
    that is not hidden and has no decision, and every comment still waiting for moderation (the report summarises
    published comments only, so each must be published or hidden first; docs/consultation.md)."""
    return (
        Comment.objects.filter(draft=draft, phase=phase)
        .exclude(status=Status.HIDDEN)
        .filter((Q(status=Status.PUBLISHED) | Q(source="portal")) & unanswered_q() | Q(status=Status.PENDING))
    )


def approved_reports(*, draft=None, drafts=None):
    """Approved reports, newest approval first; ``draft`` or a queryset of ``drafts`` to narrow them."""
    queryset = ConsultationReport.objects.filter(status=ReportStatus.APPROVED).select_related(
        "draft", "draft__drafting_organization"
    )
    if draft is not None:
        queryset = queryset.filter(draft=draft)
    if drafts is not None:
        queryset = queryset.filter(draft__in=drafts)
    return queryset.order_by("-approved_at", "-pk")


def latest_phase_with_comments(draft) -> str | None:
    phases = set(Comment.objects.filter(draft=draft).values_list("phase", flat=True).distinct())
    if Phase.DRAFT in phases:
        return Phase.DRAFT
    return Phase.PROPOSAL if Phase.PROPOSAL in phases else None


# --- writes --------------------------------------------------------------------------------------------------------


def _locked(report: ConsultationReport) -> ConsultationReport:
    """The report row, created if missing, locked for the rest of the transaction."""
    ConsultationReport.objects.get_or_create(draft=report.draft, phase=report.phase)
    return (
        ConsultationReport.objects.select_for_update()
        .select_related("draft", "draft__drafting_organization")
        .get(draft=report.draft, phase=report.phase)
    )


@transaction.atomic
def report_set_organizations_consulted(*, report: ConsultationReport, actor, organizations_consulted) -> ConsultationReport:
    """The number of organizations the drafting organization consulted (the report's opening sentence)."""
    if not scope.can_edit(actor, report.draft.drafting_organization):
        raise PermissionDenied
    report = _locked(report)
    if report.is_approved:
        raise ValidationError(_("This report is approved and published; it can no longer be changed."))
    report.organizations_consulted = organizations_consulted
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_approve(*, report: ConsultationReport, actor) -> ConsultationReport:
    """A head of the drafting organization approves the report: from then on the answers of that draft and phase
    are public, all at once, and each commenter with a confirmed e-mail receives the answer (after commit)."""
    draft = report.draft
    if not scope.can_sign_off(actor, draft.drafting_organization):
        raise PermissionDenied(_("Only a head of the drafting organization can approve this report."))
    report = _locked(report)
    if report.is_approved:
        raise ValidationError(_("This report was already approved and published."))
    waiting = blocking_comments(draft, report.phase).count()
    if waiting:
        raise ValidationError(
            ngettext(
                "%(count)d comment of this phase is still unanswered: give it a decision (or hide it, with a "
                "reason) before approving the report.",
                "%(count)d comments of this phase are still unanswered: give them a decision (or hide them, with a "
                "reason) before approving the report.",
                waiting,
            )
            % {"count": waiting}
        )
    report.status = ReportStatus.APPROVED
    report.approved_by = actor
    report.approved_at = timezone.now()
    report.full_clean()
    report.save()
    report_id = report.pk
    transaction.on_commit(lambda: send_answers.delay(report_id))
    return report


# --- the answers by e-mail -----------------------------------------------------------------------------------------


def _recipients(report):
    return (
        Comment.objects.filter(draft=report.draft, phase=report.phase, answer_sent_at__isnull=True)
        .exclude(status=Status.HIDDEN)
        .exclude(email="")
        .filter(email_confirmed_at__isnull=False)
    )


def _public_url(path: str) -> str:
    return getattr(settings, "PORTAL_BASE_URL", "http://localhost:8000").rstrip("/") + path


def send_answer(*, comment_id: int) -> bool:
    """E-mail one commenter the answer to their comment, once: the row is locked and stamped in the same
    transaction as the send, so a retry or a second worker sends nothing twice. Returns whether a mail went."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse

    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("draft", "group", "policy")
            .filter(pk=comment_id, answer_sent_at__isnull=True, email_confirmed_at__isnull=False)
            .exclude(email="")
            .first()
        )
        if comment is None or not answers_are_public(comment.draft, comment.phase):
            return False
        answer = comment.group if comment.group_id else comment
        if not answer.decision:
            return False
        with translation.override("vi"):
            context = {
                "comment": comment,
                "decision": answer.get_decision_display(),
                "response": answer.response,
                "url": _public_url(reverse("public:draft", args=[comment.draft_id])),
            }
            subject = " ".join(render_to_string("consultation/email/answer_subject.txt", context).split())
            body = render_to_string("consultation/email/answer_body.txt", context)
        Comment.objects.filter(pk=comment.pk).update(answer_sent_at=timezone.now())
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [comment.email])
    return True


def send_answers_for(*, report_id: int) -> int:
    report = ConsultationReport.objects.select_related("draft").filter(pk=report_id).first()
    if report is None or not report.is_approved:
        return 0
    sent = 0
    for comment_id in _recipients(report).order_by("pk").values_list("pk", flat=True):
        try:
            sent += send_answer(comment_id=comment_id)
        except Exception:  # one bad address must not stop the others; the unstamped row is retried
            logger.exception("answer e-mail for comment %s failed", comment_id)
    return sent


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def send_answers(report_id: int) -> None:
    """After approval: the answers to the commenters with a confirmed e-mail. Safe to run twice."""
    send_answers_for(report_id=report_id)
