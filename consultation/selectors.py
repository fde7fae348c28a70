"""Reads of public comments: the moderation queue (scoped), and what the public may see (published comments,
receipt states, answers once the phase's report is approved)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When

from .models import Comment, ConsultationReport, ReportStatus, Status


def moderation_queue(user, *, draft=None):
    """Comments the user may read (the drafting organization's scope), pending first, newest first."""
    queryset = Comment.objects.visible_to(user)
    if draft is not None:
        queryset = queryset.filter(draft=draft)
    return queryset.select_related("draft__drafting_organization", "policy", "moderated_by").annotate(
        pending_first=Case(When(status=Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField())
    )


def approved_phases(draft) -> set[str]:
    """The phases of ``draft`` whose summary-and-response report is approved: their answers are public."""
    return set(
        ConsultationReport.objects.filter(draft=draft, status=ReportStatus.APPROVED).values_list("phase", flat=True)
    )


@dataclass(frozen=True)
class PublicAnswer:
    decision: str
    decision_label: str
    response: str


def public_answer(comment: Comment, phases: set[str]) -> PublicAnswer | None:
    """The answer the public may read: the representative's (the group's, or the comment's own) decision and
    response, once the report of the comment's phase is approved; None otherwise."""
    if comment.status == Status.HIDDEN or comment.phase not in phases:
        return None
    representative = comment.group if comment.group_id else comment
    if not representative.decision:
        return None
    return PublicAnswer(
        representative.decision, representative.get_decision_display(), representative.response
    )


def published_comments(draft):
    """Published comments of ``draft``, policy by policy (the draft as a whole first), oldest first; only the
    fields the public page may show (no personal data but the name, which the template shows only with
    ``show_name``)."""
    return (
        Comment.objects.filter(draft=draft, status=Status.PUBLISHED)
        .select_related("policy", "group")
        .only(
            "pk", "text", "phase", "status", "received_at", "show_name", "submitter_name", "policy_id", "group_id",
            "decision", "response", "draft_id", "policy__title", "policy__position",
            "group__decision", "group__response",
        )
        .order_by(
            Case(When(policy__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "policy__position", "policy_id", "received_at", "pk",
        )
    )


RECEIVED, PUBLISHED, ANSWERED = "received", "published", "answered"


@dataclass(frozen=True)
class Receipt:
    code: str
    state: str
    draft_title: str
    draft_id: int | None
    received_on: object
    answer: PublicAnswer | None


def receipt(code: str) -> Receipt | None:
    """What the receipt code shows: the state (received — pending or hidden, never said which —, published,
    answered), the draft's title and the day received; the public answer when answered. Nothing personal."""
    code = (code or "").strip().upper()
    if not code or len(code) > 16 or not code.isascii() or not code.isalnum():
        return None  # never a receipt code (a slash, a NUL byte, anything but letters and digits): unknown
    comment = (
        Comment.objects.filter(receipt_code=code)
        .select_related("draft", "group")
        .first()
    )
    if comment is None:
        return None
    answer = public_answer(comment, approved_phases(comment.draft))
    if answer is not None:
        state = ANSWERED
    elif comment.status == Status.PUBLISHED:
        state = PUBLISHED
    else:
        state = RECEIVED
    from drafts.models import DraftStatus

    draft = comment.draft
    public = draft.published and draft.status != DraftStatus.WITHDRAWN
    return Receipt(comment.receipt_code, state, draft.title, draft.pk if public else None, comment.received_at, answer)
