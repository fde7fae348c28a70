"""Writes to drafts and policies. Views, forms, the API and tasks call these; none saves a draft itself."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.services import apply_fields, check_version, full_clean
from coverage.hooks import drafts_changed

from . import counting
from .models import Draft, DraftStatus, Policy

DRAFT_FIELDS = {
    "title",
    "document_type",
    "drafting_organization",
    "responsible_official",
    "proposal_consultation_start",
    "proposal_consultation_end",
    "draft_consultation_start",
    "draft_consultation_end",
    "submitted_on",
    "adopted_on",
    "status",
    "issued_number",
    "portal_url",
    "published",
    "comment_url",
    "comment_instructions",
    "internal_notes",
}
POLICY_FIELDS = {
    "title",
    "summary",
    "criterion_rights",
    "criterion_sensitive",
    "criterion_wide",
    "criterion_not_secret",
    "assessed_by",
    "assessed_on",
    "high_impact",
    "in_scope",
    "position",
}


def _settle_status(draft):
    # An adoption date means the draft was adopted, unless it was withdrawn.
    if draft.adopted_on and draft.status not in (DraftStatus.ADOPTED, DraftStatus.WITHDRAWN):
        draft.status = DraftStatus.ADOPTED


@transaction.atomic
def draft_create(*, actor, known_relations=(), **fields) -> Draft:
    draft = Draft(created_by=actor if actor and actor.is_authenticated else None)
    apply_fields(draft, fields, DRAFT_FIELDS)
    _settle_status(draft)
    full_clean(draft, known_relations=known_relations)
    draft.save()
    drafts_changed([draft.pk])
    return draft


@transaction.atomic
def draft_update(*, draft: Draft, actor, expected_version=None, **fields) -> Draft:
    check_version(draft, expected_version)
    apply_fields(draft, fields, DRAFT_FIELDS)
    _settle_status(draft)
    if expected_version is None:
        draft.version += 1
    draft.full_clean()
    draft.save()
    drafts_changed([draft.pk])
    return draft


@transaction.atomic
def draft_delete(*, draft: Draft, actor) -> None:
    from campaigns.services import draft_files_delete

    pk = draft.pk
    draft_files_delete(draft=draft)
    draft.delete()
    drafts_changed([pk])


@transaction.atomic
def policy_create(*, draft: Draft, actor, known_relations=(), **fields) -> Policy:
    policy = Policy(draft=draft)
    apply_fields(policy, fields, POLICY_FIELDS)
    _stamp_assessment(policy, actor, fields)
    if "position" not in fields:
        policy.position = draft.policies.count() + 1
    full_clean(policy, known_relations=known_relations)
    policy.save()
    drafts_changed([draft.pk])
    return policy


@transaction.atomic
def policy_update(*, policy: Policy, actor, **fields) -> Policy:
    apply_fields(policy, fields, POLICY_FIELDS)
    _stamp_assessment(policy, actor, fields)
    policy.full_clean()
    policy.save()
    drafts_changed([policy.draft_id])
    return policy


@transaction.atomic
def policy_delete(*, policy: Policy, actor) -> None:
    draft_id = policy.draft_id
    policy.delete()
    drafts_changed([draft_id])


def _stamp_assessment(policy, actor, fields):
    """Record who assessed the 407 criteria and when, unless the caller said so explicitly."""
    touched = any(name.startswith("criterion_") or name == "high_impact" for name in fields)
    if touched and "assessed_by" not in fields and actor is not None and actor.is_authenticated:
        policy.assessed_by = actor
    if touched and "assessed_on" not in fields:
        policy.assessed_on = timezone.localdate()


def draft_evaluation(draft: Draft, *, today: dt.date | None = None) -> dict[int, counting.PolicyResult]:
    """Every policy's status and reason under the counting rule, for one draft (two queries)."""
    from campaigns.models import Activity

    today = today or timezone.localdate()
    policy_ids = list(draft.policies.values_list("pk", flat=True))
    facts = []
    activities = Activity.objects.filter(draft=draft).prefetch_related("policies").only("date", "status")
    for activity in activities:
        facts.append(
            counting.ActivityFact(
                date=activity.date,
                status=activity.status,
                policy_ids=frozenset(p.pk for p in activity.policies.all()),
            )
        )
    return counting.evaluate_draft(
        s=draft.proposal_consultation_start,
        d=draft.draft_consultation_start,
        a=draft.adopted_on,
        policy_ids=policy_ids,
        activities=facts,
        today=today,
        at_risk_after_days=settings.AT_RISK_AFTER_DAYS,
        withdrawn=draft.is_withdrawn,
    )
