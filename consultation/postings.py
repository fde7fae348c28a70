"""Where and when each draft was posted for comment (``Posting``), and which drafts' postings are missing or
shorter than the minimum period in force (``directives.PostingRule``): services and reads.

A phase is flagged when it has started (proposal: S reached; draft: D reached), the draft is neither withdrawn nor
adopted before today, and no posting of that phase lasts at least the minimum in force on its own start date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import apply_fields, full_clean
from directives.selectors import minimum_posting_rule, posting_rules
from drafts.models import Draft, DraftStatus
from organizations.models import Organization

from .models import Phase, Posting

POSTING_FIELDS = {"phase", "venue", "url", "posted_from", "posted_until"}
WARNING_LIMIT = 50

MISSING = "missing"
TOO_SHORT = "too_short"


def _check(posting: Posting):
    errors = {}
    if posting.posted_from and posting.posted_until and posting.posted_until < posting.posted_from:
        errors["posted_until"] = _("The last day of the posting cannot be before its first day.")
    if posting.phase == Phase.DRAFT and not posting.draft.draft_consultation_start:
        errors["phase"] = _("This draft has no draft consultation yet: record the posting of the proposal.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def posting_create(*, draft: Draft, actor, **fields) -> Posting:
    """Fields: ``phase``, ``venue``, ``url``, ``posted_from``, ``posted_until``."""
    posting = Posting(draft=draft, created_by=actor)
    apply_fields(posting, fields, POSTING_FIELDS)
    _check(posting)
    full_clean(posting)
    posting.save()
    return posting


@transaction.atomic
def posting_update(*, posting: Posting, actor, **fields) -> Posting:
    apply_fields(posting, fields, POSTING_FIELDS)
    _check(posting)
    full_clean(posting)
    posting.save()
    return posting


@transaction.atomic
def posting_delete(*, posting: Posting, actor) -> None:
    posting.delete()


# Reads


def postings_for(draft: Draft):
    return Posting.objects.filter(draft=draft).order_by("phase", "posted_from", "pk")


def posting_visible_to(user):
    from accounts.scope import scope_q

    return Posting.objects.filter(scope_q(user, "draft__drafting_organization__path")).select_related(
        "draft__drafting_organization"
    )


@dataclass(frozen=True)
class PhaseCheck:
    phase: str
    started: bool
    minimum_days: int | None  # the minimum in force (of the longest posting's start, or today with none)
    longest_days: int | None  # None: no posting
    legal_basis: str = ""

    @property
    def problem(self) -> str | None:
        if not self.started or self.minimum_days is None:
            return None
        if self.longest_days is None:
            return MISSING
        return TOO_SHORT if self.longest_days < self.minimum_days else None


@dataclass(frozen=True)
class PostingWarning:
    draft: Draft
    check: PhaseCheck

    @property
    def problem(self) -> str:
        return self.check.problem


def _phase_started(draft, phase, today) -> bool:
    if phase == Phase.PROPOSAL:
        return draft.proposal_consultation_start <= today
    return bool(draft.draft_consultation_start and draft.draft_consultation_start <= today)


def phase_check(draft, phase, postings, rules, today) -> PhaseCheck:
    """How the postings of one phase measure against the minimum: the phase passes when one posting lasts at least
    the minimum in force on that posting's first day."""
    started = _phase_started(draft, phase, today)
    best = None  # (meets, days, rule)
    for posting in postings:
        rule = minimum_posting_rule(rules, draft.document_type, posting.posted_from)
        meets = rule is None or posting.days >= rule.minimum_days
        candidate = (meets, posting.days, rule)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        start = draft.proposal_consultation_start if phase == Phase.PROPOSAL else draft.draft_consultation_start
        rule = minimum_posting_rule(rules, draft.document_type, start) if start else None
        return PhaseCheck(phase, started, rule.minimum_days if rule else None, None, rule.legal_basis if rule else "")
    meets, days, rule = best
    return PhaseCheck(phase, started, rule.minimum_days if rule else None, days, rule.legal_basis if rule else "")


def phase_checks(draft: Draft, *, today: dt.date | None = None, postings=None, rules=None) -> list[PhaseCheck]:
    """Both phases of one draft (the draft phase only once D is set)."""
    today = today or timezone.localdate()
    postings = list(postings_for(draft)) if postings is None else postings
    rules = posting_rules() if rules is None else rules
    phases = [Phase.PROPOSAL] + ([Phase.DRAFT] if draft.draft_consultation_start else [])
    return [phase_check(draft, p, [x for x in postings if x.phase == p], rules, today) for p in phases]


def posting_warnings(organization, *, today: dt.date | None = None, limit: int = WARNING_LIMIT) -> list[PostingWarning]:
    """Drafts of ``organization``'s subtree (in progress: not withdrawn, not adopted before today) with a started
    phase whose posting is missing or shorter than the minimum. Three queries."""
    today = today or timezone.localdate()
    in_progress = (
        # Through the subtree's organizations, so the drafts are read by their organization's index: joined on the
        # path, PostgreSQL read every draft in progress of the country (30 → 4 ms for a province, national data).
        Draft.objects.filter(drafting_organization__in=Organization.objects.subtree_of(organization).values("pk"))
        .exclude(status=DraftStatus.WITHDRAWN)
        .filter(Q(adopted_on__isnull=True) | Q(adopted_on__gte=today), proposal_consultation_start__lte=today)
    )
    drafts = list(in_progress.select_related("drafting_organization").order_by("proposal_consultation_start", "pk"))
    by_draft: dict[int, list[Posting]] = {}
    # Through a subquery, not the list: the same three queries with no draft at all.
    for posting in Posting.objects.filter(draft__in=in_progress.values("pk")).order_by("posted_from", "pk"):
        by_draft.setdefault(posting.draft_id, []).append(posting)
    rules = posting_rules()
    warnings = []
    for draft in drafts:
        for check in phase_checks(draft, today=today, postings=by_draft.get(draft.pk, []), rules=rules):
            if check.problem:
                warnings.append(PostingWarning(draft, check))
    return warnings[:limit]
