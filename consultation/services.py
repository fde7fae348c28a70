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
from .models import Comment, Source, Status

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
