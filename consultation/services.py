"""Writes to comments. Every write goes through a function here (or in the sibling service modules of this app):
validation with ``full_clean``, one transaction, the audit log through django-auditlog's registration."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import apply_fields, full_clean

from . import rules
from .models import TEXT_MAX_LENGTH, Comment, Source, Status

# C0 and C1 control characters other than tab and newline; a carriage return is folded into the newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

RECORD_FIELDS = {
    "policy",
    "activity",
    "provision",
    "text",
    "submitter_name",
    "submitter_organization",
    "email",
    "received_at",
}


def clean_text(value: str) -> str:
    """What a person typed, stored as they meant it: NFC, line ends as ``\\n``, control characters removed,
    outer white space trimmed."""
    value = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).strip()


def _check_relations(comment: Comment):
    errors = {}
    if comment.policy_id and comment.policy.draft_id != comment.draft_id:
        errors["policy"] = _("This policy belongs to another draft.")
    if comment.activity_id and comment.activity.draft_id != comment.draft_id:
        errors["activity"] = _("This activity belongs to another draft.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def comment_record(*, draft, actor, source: str, known_relations=(), **fields) -> Comment:
    """A comment that reached the drafting organization through another channel (a consulted organization's
    written reply, a meeting or voter contact, a letter, an e-mail, the press), entered by an official.

    It is published at once (an official entered it) and belongs to the phase of the day it was received.
    Fields: ``text`` (required), ``policy``, ``activity``, ``provision``, ``submitter_name``,
    ``submitter_organization``, ``email``, ``received_at`` (default: now)."""
    if source == Source.PORTAL:
        raise ValidationError({"source": _("Comments from the public portal are sent by the public themselves.")})
    comment = Comment(draft=draft, source=source, created_by=actor)
    apply_fields(comment, fields, RECORD_FIELDS)
    for name in ("text", "provision", "submitter_name", "submitter_organization", "email"):
        setattr(comment, name, clean_text(getattr(comment, name)))
    if comment.received_at is None:
        comment.received_at = timezone.now()
    comment.phase = rules.phase_on(draft, timezone.localtime(comment.received_at).date())
    comment.status = Status.PUBLISHED
    comment.moderated_by = actor
    comment.moderated_at = timezone.now()
    full_clean(comment, known_relations=known_relations)
    _check_relations(comment)
    comment.save()
    return comment


# --- The public form ------------------------------------------------------------------------------------------

CONFIRM_SALT = "consultation.comment-email-confirm"


class WindowClosed(ValidationError):
    """The draft takes no comment today (not open yet, closed, withdrawn)."""


def window_refusal(draft, day) -> str | None:
    """Why the public may not comment on ``draft`` on ``day``, or None when the window is open."""
    from drafts.models import DraftStatus

    if draft.status == DraftStatus.WITHDRAWN or not draft.published:
        return _("This draft is no longer open for comment.")
    if day < draft.proposal_consultation_start:
        return _("Comments on this draft are accepted from %(day)s.") % {
            "day": draft.proposal_consultation_start.strftime("%d/%m/%Y")
        }
    if rules.open_phase(draft, day) is None:
        return _("The consultation on this draft has closed: comments are no longer accepted.")
    return None


@transaction.atomic
def comment_submit(
    *,
    draft,
    text: str,
    policy=None,
    name: str = "",
    organization: str = "",
    email: str = "",
    show_name: bool = False,
    consent: bool = False,
    now=None,
) -> Comment:
    """A comment sent by a member of the public through the portal's form: pending until an official moderates it.

    Refused (ValidationError, nothing stored) when the window is closed, the text is empty or too long after
    cleaning, the policy is not an in-scope policy of this draft, or a personal field is filled without consent.
    With an e-mail address, one confirmation mail is sent after the commit (``tasks.send_comment_confirmation``)."""
    now = now or timezone.now()
    day = timezone.localtime(now).date()
    refusal = window_refusal(draft, day)
    if refusal:
        raise WindowClosed(refusal, code="window_closed")
    comment = Comment(
        draft=draft,
        policy=policy,
        source=Source.PORTAL,
        text=clean_text(text),
        submitter_name=clean_text(name),
        submitter_organization=clean_text(organization),
        email=clean_text(email).lower(),
        received_at=now,
        phase=rules.open_phase(draft, day),
        status=Status.PENDING,
    )
    errors = {}
    if not comment.text:
        errors["text"] = _("Write your comment before sending it.")
    elif len(comment.text) > TEXT_MAX_LENGTH:
        errors["text"] = _("Your comment has %(n)s characters; at most %(max)s are accepted. Please shorten it.") % {
            "n": len(comment.text),
            "max": TEXT_MAX_LENGTH,
        }
    if policy is not None and (policy.draft_id != draft.pk or not policy.in_scope):
        errors["policy"] = _("Choose one of the policies of this draft, or the draft as a whole.")
    if comment.has_personal_data and not consent:
        errors["consent"] = _(
            "You gave your name, organization or e-mail: agree to their processing, or leave them empty."
        )
    if errors:
        raise ValidationError(errors)
    if comment.has_personal_data:
        comment.consent_at = now
        comment.show_name = bool(show_name and comment.submitter_name)
    full_clean(comment)
    comment.save()
    if comment.email:
        from .tasks import send_comment_confirmation

        pk = comment.pk
        transaction.on_commit(lambda: send_comment_confirmation.delay(pk))
    return comment


def confirmation_token(comment: Comment) -> str:
    """A signed, expiring token naming the comment and the address it confirms (an address changed since then
    does not get confirmed by an old link)."""
    from django.core import signing

    return signing.dumps({"c": comment.pk, "e": comment.email}, salt=CONFIRM_SALT, compress=True)


@transaction.atomic
def comment_confirm_email(*, token: str, now=None) -> Comment:
    """Mark the address of the comment named by ``token`` as confirmed (idempotent). ValidationError when the link
    is invalid, expired or for an address the comment no longer carries."""
    from django.conf import settings
    from django.core import signing

    max_age = settings.CONSULTATION_CONFIRM_DAYS * 24 * 3600
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(_("This confirmation link has expired."), code="expired") from None
    except signing.BadSignature:
        raise ValidationError(_("This confirmation link is not valid."), code="invalid") from None
    comment = Comment.objects.select_for_update().filter(pk=data.get("c")).first()
    if comment is None or not comment.email or comment.email != data.get("e"):
        raise ValidationError(_("This confirmation link is not valid."), code="invalid")
    if comment.email_confirmed_at is None:
        comment.email_confirmed_at = now or timezone.now()
        comment.save(update_fields=["email_confirmed_at", "updated_at"])
    return comment


# --- Moderation -----------------------------------------------------------------------------------------------


def _moderated(comment: Comment, actor, status: str, reason: str = ""):
    from auditlog.context import set_actor

    comment.status = status
    comment.hidden_reason = reason
    comment.moderated_by = actor
    comment.moderated_at = timezone.now()
    full_clean(comment)
    with set_actor(actor):
        comment.save()
    return comment


def _lock_editable(comment: Comment, actor) -> Comment:
    """The comment's row, locked, if ``actor`` may moderate it (PermissionDenied otherwise)."""
    from django.core.exceptions import PermissionDenied

    locked = Comment.objects.editable_by(actor).select_for_update().filter(pk=comment.pk).first()
    if locked is None:
        raise PermissionDenied(_("Only officials of the drafting organization may moderate its comments."))
    return locked


@transaction.atomic
def comment_publish(*, comment: Comment, actor) -> Comment:
    """Show a comment on the public page (a hidden one too: the reason is cleared). Nothing else changes."""
    comment = _lock_editable(comment, actor)
    if comment.status == Status.PUBLISHED:
        raise ValidationError(_("This comment is already published."), code="unchanged")
    return _moderated(comment, actor, Status.PUBLISHED)


@transaction.atomic
def comment_hide(*, comment: Comment, actor, reason: str) -> Comment:
    """Keep a comment off the public page with a reason (spam, abusive, off-topic, duplicate); never deleted."""
    from .models import HiddenReason

    comment = _lock_editable(comment, actor)
    if reason not in HiddenReason.values:
        raise ValidationError({"hidden_reason": _("Choose why this comment is hidden.")})
    if comment.status == Status.HIDDEN and comment.hidden_reason == reason:
        raise ValidationError(_("This comment is already hidden for this reason."), code="unchanged")
    return _moderated(comment, actor, Status.HIDDEN, reason)


PERSONAL_FIELDS = ("submitter_name", "submitter_organization", "email")


@transaction.atomic
def erase_expired_personal_data(*, now=None) -> int:
    """What the public form's notice promises (Decree 13/2023/NĐ-CP): a portal commenter's name, organization or
    locality and e-mail are kept until the summary-and-response report of the comment's phase is approved, plus
    ``CONSULTATION_PERSONAL_DATA_DAYS`` days, then erased. The comment itself stays (nothing is deleted). The
    audit log never holds these fields (core/audit.py), so erasing them leaves no copy. Returns how many comments
    were erased."""
    import datetime as dt

    from django.conf import settings
    from django.db.models import Exists, OuterRef, Q

    from .models import ConsultationReport, ReportStatus

    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.CONSULTATION_PERSONAL_DATA_DAYS)
    expired = ConsultationReport.objects.filter(
        draft_id=OuterRef("draft_id"), phase=OuterRef("phase"), status=ReportStatus.APPROVED, approved_at__lt=cutoff
    )
    has_data = Q(submitter_name__gt="") | Q(submitter_organization__gt="") | Q(email__gt="")
    return (
        Comment.objects.filter(has_data, Exists(expired), source=Source.PORTAL)
        .update(submitter_name="", submitter_organization="", email="", show_name=False, updated_at=timezone.now())
    )
