"""Reads behind the reminders and the weekly digest. Figures, verdicts and the at-risk list come from the read
model (``counting.selectors``), never rebuilt here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Exists, OuterRef

from accounts.models import Membership, Role
from campaigns.models import Campaign
from consultation import figures as comment_figures
from consultation import postings as consultation_postings
from counting.selectors import at_risk_policies, coverage_for
from drafts.models import Draft, DraftStatus, Policy
from organizations.models import Organization


def nearest_heads(organizations) -> dict[int, list[int]]:
    """{organization id: [user id, …]} — the heads on the organization itself or, failing that, the nearest ancestor."""
    organizations = list(organizations)
    ancestor_ids = {pk for org in organizations for pk in org.ancestor_ids()}
    heads_at = defaultdict(list)
    for org_id, user_id in Membership.objects.filter(
        role=Role.HEAD, organization_id__in=ancestor_ids, user__is_active=True
    ).values_list("organization_id", "user_id"):
        heads_at[org_id].append(user_id)
    result = {}
    for org in organizations:
        for pk in reversed(org.ancestor_ids()):
            if heads_at.get(pk):
                result[org.pk] = sorted(heads_at[pk])
                break
        else:
            result[org.pk] = []
    return result


def drafts_in_consultation_without_campaign(today: dt.date):
    """Drafts in progress whose consultation has begun (S reached, or D) with countable policies and no campaign."""
    return (
        Draft.objects.exclude(status=DraftStatus.WITHDRAWN)
        .filter(adopted_on__isnull=True, proposal_consultation_start__lte=today)
        .filter(Exists(Policy.objects.countable().filter(draft=OuterRef("pk"))))
        .exclude(Exists(Campaign.objects.filter(draft=OuterRef("pk"))))
        .select_related("responsible_official", "drafting_organization")
        .order_by("pk")
    )


def digest_for(organization: Organization, year: int, *, today: dt.date | None = None) -> dict:
    """What a head's weekly digest says about the subtree: this year's figures and the at-risk list; beside them,
    the comments waiting for moderation (per draft), the drafts with overdue comments and the drafts whose posting
    for comment is missing or too short."""
    figures = coverage_for(organization, year, with_policies=False)
    return {
        "figures": figures,
        "at_risk": at_risk_policies(organization),
        "pending_comments": comment_figures.pending_moderation(organization),
        "comments_at_risk": comment_figures.at_risk_drafts(organization, today=today),
        "posting_warnings": consultation_postings.posting_warnings(organization, today=today),
    }
