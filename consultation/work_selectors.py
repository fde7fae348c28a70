"""Reads for the officials' work on comments: the answer of a comment (its representative's), answered,
unanswered and overdue as query conditions, and the answering worklist of a draft.

A comment's answer is the decision and response of its representative: itself when ``group`` is null, else
``group``. Hidden comments need no answer: never unanswered (domain.md, "Public comments")."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from . import rules
from .models import Comment, Phase, Status


def answered_q() -> Q:
    return (Q(group__isnull=True) & ~Q(decision="")) | (Q(group__isnull=False) & ~Q(group__decision=""))


def unanswered_q() -> Q:
    return ~Q(status=Status.HIDDEN) & ~answered_q()


def decision_q(decision: str) -> Q:
    """Comments whose answer (their representative's) has this decision."""
    return Q(group__isnull=True, decision=decision) | Q(group__decision=decision)


def overdue_phases(draft, today=None) -> list[str]:
    today = today or timezone.localdate()
    grace = settings.CONSULTATION_GRACE_DAYS
    return [phase for phase in Phase.values if rules.is_overdue(draft, phase, today, grace)]


def overdue_q(draft, today=None) -> Q:
    """Unanswered comments of ``draft`` whose phase closed more than the grace days ago."""
    return unanswered_q() & Q(draft=draft, phase__in=overdue_phases(draft, today))


def answer_of(comment: Comment) -> Comment:
    return comment.group if comment.group_id else comment


def worklist(draft):
    """Every comment of the draft, with what the worklist shows."""
    return Comment.objects.filter(draft=draft).select_related("policy", "group", "activity")


def group_members(comment: Comment):
    return comment.members.order_by("received_at", "pk")
