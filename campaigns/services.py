"""Writes to campaigns, activities and evidence files.

A deleted ``StoredFile`` row takes its bytes with it once the transaction has committed, and a deleted campaign its
plan document, however the delete came about (a service here or a draft's delete cascading): ``campaigns.receivers``.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core import files
from core.services import apply_fields, check_version, full_clean
from drafts.signals import drafts_changed

from .models import Activity, Campaign, StoredFile

CAMPAIGN_FIELDS = {"title", "owner", "period_start", "period_end", "planned_channels", "budget_vnd", "plan_document"}
ACTIVITY_FIELDS = {
    "campaign",
    "channel",
    "date",
    "status",
    "title",
    "description",
    "reach",
    "feedback",
    "evidence_url",
}


@transaction.atomic
def campaign_create(*, draft, actor, plan_upload=None, **fields) -> Campaign:
    """``plan_upload`` (an uploaded file) is checked and stored as the plan document in the same transaction."""
    campaign = Campaign(draft=draft)
    apply_fields(campaign, fields, CAMPAIGN_FIELDS)
    if plan_upload is not None:
        campaign.plan_document = store_upload(uploaded=plan_upload, actor=actor)
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, actor, plan_upload=None, **fields) -> Campaign:
    """A new ``plan_upload`` or ``plan_document=None`` replaces the plan document; the old file is removed."""
    previous_plan_id = campaign.plan_document_id
    apply_fields(campaign, fields, CAMPAIGN_FIELDS)
    if plan_upload is not None:
        campaign.plan_document = store_upload(uploaded=plan_upload, actor=actor)
    campaign.full_clean()
    campaign.save()
    if previous_plan_id and previous_plan_id != campaign.plan_document_id:
        StoredFile.objects.filter(pk=previous_plan_id).delete()
    return campaign


@transaction.atomic
def campaign_delete(*, campaign: Campaign, actor) -> None:
    campaign.delete()  # its plan document goes with it (campaigns.receivers)


def _check_policies(draft, policies):
    policies = list(policies or [])
    foreign = [p for p in policies if p.draft_id != draft.pk]
    if foreign:
        raise ValidationError(
            {
                "policies": _("These policies belong to another draft: %(list)s.")
                % {"list": ", ".join(str(p.pk) for p in foreign)}
            }
        )
    return policies


@transaction.atomic
def activity_create(*, draft, actor, policies=(), evidence=(), known_relations=(), **fields) -> Activity:
    _check_uploads(evidence)
    activity = Activity(draft=draft, created_by=actor if actor and actor.is_authenticated else None)
    apply_fields(activity, fields, ACTIVITY_FIELDS)
    policies = _check_policies(draft, policies)
    full_clean(activity, known_relations=known_relations)
    activity.save()
    activity.policies.add(*policies)  # a new activity has no links yet: add() skips set()'s read of them
    for uploaded in evidence:
        evidence_attach(activity=activity, uploaded=uploaded, actor=actor)
    drafts_changed.send(sender=Activity, draft_ids=[draft.pk])
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, actor, expected_version=None, policies=None, evidence=(), **fields) -> Activity:
    _check_uploads(evidence)
    check_version(activity, expected_version)
    if expected_version is None:
        activity.version += 1
    apply_fields(activity, fields, ACTIVITY_FIELDS)
    if policies is not None:
        policies = _check_policies(activity.draft, policies)
    activity.full_clean()
    activity.save()
    if policies is not None:
        activity.policies.set(policies)
    for uploaded in evidence:
        evidence_attach(activity=activity, uploaded=uploaded, actor=actor)
    drafts_changed.send(sender=Activity, draft_ids=[activity.draft_id])
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, actor) -> None:
    draft_id = activity.draft_id
    activity.delete()  # its evidence files cascade, their bytes go after commit (campaigns.receivers)
    drafts_changed.send(sender=Activity, draft_ids=[draft_id])


def check_upload(uploaded) -> files.FileKind:
    """Validate one upload (size cap, type from content); raise ValidationError with a user message."""
    if uploaded.size is not None and uploaded.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than the %(limit)s limit.")
            % {"name": uploaded.name, "limit": filesizeformat(settings.EVIDENCE_MAX_BYTES)}
        )
    try:
        return files.sniff(uploaded)
    except files.UnsupportedFile as exc:
        raise ValidationError(_("“%(name)s”: %(problem)s") % {"name": uploaded.name, "problem": exc}) from exc


def _check_uploads(uploads):
    # Every file is checked before any is written, so a refused second file leaves no orphaned first one on disk.
    for uploaded in uploads:
        check_upload(uploaded)


def _safe_name(name: str) -> str:
    """The name shown and offered on download: the last path component, nothing that breaks a header."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"\r\n;').strip()
    if base.strip(".") == "":
        return "file"
    return base[:200]


def store_upload(*, uploaded, actor, activity=None, is_public=False) -> StoredFile:
    kind = check_upload(uploaded)
    stored = StoredFile(
        original_name=_safe_name(uploaded.name or ""),
        extension=kind.extension,
        content_type=kind.content_type,
        size=uploaded.size,
        sha256=files.sha256_of(uploaded),
        activity=activity,
        is_public=is_public,
        uploaded_by=actor if actor and actor.is_authenticated else None,
    )
    stored.file.save("upload", uploaded, save=False)
    try:
        stored.save()
    except Exception:
        stored.file.delete(save=False)
        raise
    return stored


@transaction.atomic
def evidence_attach(*, activity: Activity, uploaded, actor, is_public=False) -> StoredFile:
    return store_upload(uploaded=uploaded, actor=actor, activity=activity, is_public=is_public)


@transaction.atomic
def evidence_delete(*, stored: StoredFile, actor) -> None:
    StoredFile.objects.filter(pk=stored.pk).delete()


def orphan_files_remove(*, older_than=None) -> list[str]:
    """Delete stored bytes that no StoredFile row points at (left behind when a save failed after writing them).

    Only files older than ``older_than`` (default one day) are touched, so an upload whose transaction is still
    open is never removed. Returns the names removed.
    """
    import datetime as dt

    from django.core.files.storage import default_storage
    from django.utils import timezone

    older_than = older_than if older_than is not None else dt.timedelta(days=1)
    cutoff = timezone.now() - older_than
    known = set(StoredFile.objects.values_list("file", flat=True))
    removed = []
    stack = ["evidence"]
    while stack:
        folder = stack.pop()
        if not default_storage.exists(folder):
            continue
        subdirs, names = default_storage.listdir(folder)
        stack.extend(f"{folder}/{d}" for d in subdirs)
        for name in names:
            path = f"{folder}/{name}"
            if path in known:
                continue
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed.append(path)
    return removed
