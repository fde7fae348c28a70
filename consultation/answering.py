"""The officials' work on comments: linking them to a policy, provision or activity, answering them, grouping
near-duplicates under one representative, and refusing a near-duplicate suggestion.

Every function is keyword-only, runs in one transaction, validates with ``full_clean`` and records the actor.
Who may call them is the views' and the API's job (``Comment.objects.editable_by(user)``). Once the
summary-and-response report of a draft and phase is approved its comments and answers are final: every write here
is refused on them (docs/consultation.md).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import full_clean

from .models import Comment, ConsultationReport, Decision, GroupingRejection, ReportStatus, Source, Status
from .services import _check_relations, clean_text

# What an official may change on any comment, and in addition on one that did not come through the portal (a
# portal comment's text and submitter are the citizen's own words and data).
LINK_FIELDS = {"policy", "provision", "activity"}
RECORDED_FIELDS = {"text", "source", "submitter_name", "submitter_organization", "email"}
TEXT_FIELDS = ("text", "provision", "submitter_name", "submitter_organization", "email")


def report_approved(draft_id: int, phase: str) -> bool:
    return ConsultationReport.objects.filter(draft_id=draft_id, phase=phase, status=ReportStatus.APPROVED).exists()


def _refuse_if_final(comment: Comment):
    if report_approved(comment.draft_id, comment.phase):
        raise ValidationError(
            _("The summary-and-response report of this phase is approved: its comments and answers are final.")
        )


def _locked(comment: Comment) -> Comment:
    """The stored row, locked for this transaction (two officials answering at once do not overwrite silently)."""
    return Comment.objects.select_for_update().get(pk=comment.pk)


def representative_of(comment: Comment) -> Comment:
    """The comment that carries the answer: the comment itself, or the one it is grouped under."""
    return comment.group if comment.group_id else comment


@transaction.atomic
def comment_update(*, comment: Comment, actor, **fields) -> Comment:
    """Change ``policy``, ``provision``, ``activity``; on a comment from another channel also ``text``, ``source``
    and the submitter fields (``submitter_name``, ``submitter_organization``, ``email``)."""
    allowed = LINK_FIELDS | (RECORDED_FIELDS if comment.source != Source.PORTAL else set())
    unknown = set(fields) - allowed
    if unknown & RECORDED_FIELDS:
        raise ValidationError(
            {name: _("A comment sent through the public portal keeps the citizen's own words and details.")
             for name in sorted(unknown & RECORDED_FIELDS)}
        )
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    if fields.get("source") == Source.PORTAL:
        raise ValidationError({"source": _("Comments from the public portal are sent by the public themselves.")})
    stored = _locked(comment)
    _refuse_if_final(stored)
    for name, value in fields.items():
        if name in TEXT_FIELDS:
            value = clean_text(value)
        setattr(stored, name, value)
    full_clean(stored)
    _check_relations(stored)
    stored.save()
    return stored


@transaction.atomic
def comment_answer(*, comment: Comment, actor, decision: str, response: str = "") -> Comment:
    """The decision (accepted, partly accepted, explained, noted) and the response of a representative comment;
    it answers its group's members too. ``explained`` needs the reason in the response."""
    stored = _locked(comment)
    if stored.group_id:
        raise ValidationError(
            _("This comment is grouped under another one: answer the representative comment of its group.")
        )
    if stored.status == Status.HIDDEN:
        raise ValidationError(_("A hidden comment needs no answer."))
    _refuse_if_final(stored)
    response = clean_text(response)
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose a decision.")})
    if decision == Decision.EXPLAINED and not response:
        raise ValidationError({"response": _("An explained (not accepted) comment needs the reason in the response.")})
    stored.decision = decision
    stored.response = response
    stored.answered_by = actor
    stored.answered_at = timezone.now()
    full_clean(stored)
    stored.save()
    return stored


@transaction.atomic
def comment_group(*, representative: Comment, members, actor) -> Comment:
    """Group ``members`` under ``representative``, whose answer then answers them all. Same draft and phase; a
    representative is never a member (no chains); a member's own decision is cleared; statuses do not change."""
    members = list(members)
    if not members:
        raise ValidationError({"members": _("Choose at least one comment to group.")})
    ids = sorted({representative.pk, *(m.pk for m in members)})
    locked = {c.pk: c for c in Comment.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    rep = locked[representative.pk]
    if rep.group_id:
        raise ValidationError(
            _("The representative comment is itself grouped under another one; ungroup it first.")
        )
    if rep.status == Status.HIDDEN:
        raise ValidationError(_("A hidden comment cannot represent a group."))
    _refuse_if_final(rep)
    for member in (locked[m.pk] for m in members):
        if member.pk == rep.pk:
            raise ValidationError({"members": _("A comment cannot be grouped under itself.")})
        if member.draft_id != rep.draft_id or member.phase != rep.phase:
            raise ValidationError(
                {"members": _("Only comments on the same draft and in the same phase can be grouped.")}
            )
        if member.members.exists():
            raise ValidationError(
                {"members": _("Comment %(code)s represents a group of its own; ungroup its members first.")
                 % {"code": member.receipt_code}}
            )
        member.group = rep
        member.decision = ""
        member.response = ""
        member.answered_by = None
        member.answered_at = None
        full_clean(member)
        member.save()
    return rep


@transaction.atomic
def comment_ungroup(*, comment: Comment, actor) -> Comment:
    """Take a comment out of its group: it then needs an answer of its own."""
    stored = _locked(comment)
    if not stored.group_id:
        raise ValidationError(_("This comment is not grouped under another one."))
    _refuse_if_final(stored)
    stored.group = None
    full_clean(stored)
    stored.save()
    return stored


@transaction.atomic
def suggestion_reject(*, first: Comment, second: Comment, actor) -> GroupingRejection:
    """An official says the two comments are not near-duplicates: the pair is not suggested again."""
    if first.pk == second.pk:
        raise ValidationError(_("A comment cannot be compared with itself."))
    if first.draft_id != second.draft_id:
        raise ValidationError(_("Only comments on the same draft are suggested as near-duplicates."))
    low, high = sorted((first, second), key=lambda c: c.pk)
    rejection, _created = GroupingRejection.objects.get_or_create(
        first=low, second=high, defaults={"rejected_by": actor}
    )
    return rejection
