"""Writes to drafts and policies. Views, forms, the API and tasks call these; none saves a draft itself."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import apply_fields, check_version, full_clean

from . import counting, signals
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
    signals.drafts_changed.send(sender=Draft, draft_ids=[draft.pk])
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
    signals.drafts_changed.send(sender=Draft, draft_ids=[draft.pk])
    return draft


class DraftDeleteRefused(Exception):
    """The draft counts in a year or falls in a signed-off year: only an administrator may delete it, through the
    audited admin action; everyone else withdraws it. ``message`` says why, in the active language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _answers(signal, **named) -> set[int]:
    """The years every receiver of ``signal`` answers (``signals.draft_counted_years``, ``draft_signed_off_years``)."""
    return set().union(*(answer for _receiver, answer in signal.send(sender=Draft, **named)))


def _years(years) -> str:
    return ", ".join(str(y) for y in sorted(years))


def draft_delete_blockers(draft: Draft) -> list[str]:
    """Why deleting this draft would change figures others rely on (empty when it may be deleted).

    A draft *counts* when the engine's stored results put one of its policies in a year (``draft_counted_years``,
    answered by ``counting.hooks``), or when, by the counting rule itself, it is adopted, not withdrawn and has a
    high-impact, in-scope policy (the stored results may not have caught up yet). It *falls in a signed-off year*
    when the year of its adoption, or a year it counts in, was signed off for its drafting organization or any
    organization above it (``draft_signed_off_years``, answered by ``reports.receivers``).
    """
    years = _answers(signals.draft_counted_years, draft=draft)
    if draft.adopted_on and not draft.is_withdrawn and Policy.objects.countable().filter(draft=draft).exists():
        years.add(draft.adopted_on.year)
    reasons = []
    if years:
        reasons.append(_("It counts in the coverage of %(years)s.") % {"years": _years(years)})
    candidate_years = years | ({draft.adopted_on.year} if draft.adopted_on else set())
    signed = _answers(signals.draft_signed_off_years, draft=draft, years=candidate_years) if candidate_years else set()
    if signed:
        reasons.append(_("It falls in a signed-off year (%(years)s).") % {"years": _years(signed)})
    if _has_comments(draft):
        reasons.append(_("It has public comments, which are never deleted."))
    return reasons


def _has_comments(draft: Draft) -> bool:
    # The reverse accessor of consultation.Comment (on_delete=PROTECT): the comment app sits above drafts.
    return draft.comments.exists()


def draft_delete_refusal(draft: Draft) -> str | None:
    """The message that refuses an ordinary delete of this draft, or None when it may be deleted."""
    reasons = draft_delete_blockers(draft)
    if not reasons:
        return None
    return " ".join(
        [
            _("This draft cannot be deleted."),
            *reasons,
            _(
                "Withdraw it instead (status “Withdrawn”): its policies leave the figures and its history is kept. "
                "Only an administrator can delete it, through the audited action in the administration site."
            ),
        ]
    )


@transaction.atomic
def draft_delete(*, draft: Draft, actor, override_reason: str = "") -> None:
    """Delete a draft with its policies, campaigns and activities; their stored files go with them after commit
    (``campaigns.receivers``).

    A draft that counts or falls in a signed-off year (``draft_delete_blockers``) is refused with
    ``DraftDeleteRefused`` unless a superuser passes ``override_reason`` (the admin's audited action): the audit
    log's delete entry then records the reason and what the draft counted in."""
    from auditlog.context import auditlog_value, set_extra_data

    reasons = draft_delete_blockers(draft)
    overridable = override_reason.strip() and actor is not None and actor.is_superuser and not _has_comments(draft)
    if reasons and not overridable:
        raise DraftDeleteRefused(draft_delete_refusal(draft))
    pk = draft.pk
    if reasons:
        outer = {k: v for k, v in auditlog_value.get({}).items() if k != "signal_duid"}
        extra = {
            **outer,
            "actor": actor,
            "additional_data": {"protected_delete": {"reason": override_reason.strip(), "blockers": reasons}},
        }
        with set_extra_data(extra):
            draft.delete()
    else:
        draft.delete()
    signals.drafts_changed.send(sender=Draft, draft_ids=[pk])


@transaction.atomic
def policy_create(*, draft: Draft, actor, known_relations=(), **fields) -> Policy:
    policy = Policy(draft=draft)
    apply_fields(policy, fields, POLICY_FIELDS)
    _stamp_assessment(policy, actor, fields)
    if "position" not in fields:
        policy.position = draft.policies.count() + 1
    full_clean(policy, known_relations=known_relations)
    policy.save()
    signals.drafts_changed.send(sender=Policy, draft_ids=[draft.pk])
    return policy


@transaction.atomic
def policy_update(*, policy: Policy, actor, **fields) -> Policy:
    apply_fields(policy, fields, POLICY_FIELDS)
    _stamp_assessment(policy, actor, fields)
    policy.full_clean()
    policy.save()
    signals.drafts_changed.send(sender=Policy, draft_ids=[policy.draft_id])
    return policy


@transaction.atomic
def policy_delete(*, policy: Policy, actor) -> None:
    draft_id = policy.draft_id
    policy.delete()
    signals.drafts_changed.send(sender=Policy, draft_ids=[draft_id])


def _stamp_assessment(policy, actor, fields):
    """Record who assessed the 407 criteria and when, unless the caller said so explicitly."""
    touched = any(name.startswith("criterion_") or name == "high_impact" for name in fields)
    if touched and "assessed_by" not in fields and actor is not None and actor.is_authenticated:
        policy.assessed_by = actor
    if touched and "assessed_on" not in fields:
        policy.assessed_on = timezone.localdate()


def draft_evaluation(draft: Draft, *, today: dt.date | None = None) -> dict[int, counting.PolicyResult]:
    """Every policy's status and reason under the counting rule, for one draft (two queries).

    The activities are read through their reverse relation (``draft.activities``): campaigns sits above drafts."""
    today = today or timezone.localdate()
    policy_ids = list(draft.policies.values_list("pk", flat=True))
    facts = []
    # "draft" too: the reverse relation sets each activity's draft from its draft_id, which must not be deferred.
    activities = draft.activities.prefetch_related("policies").only("draft", "date", "status")
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
