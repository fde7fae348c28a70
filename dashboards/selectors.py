"""Reads behind the dashboards, in a fixed number of queries.

Every figure and target verdict is read through ``counting.selectors.figures_for`` (the organization, each of its
children and every year of the trend at once), the at-risk list through ``at_risk_policies``: the stored verdicts
and snapshots, never rebuilt here. Percent, rounding, the exact target comparison and the gap to a target are
``counting.types``'s own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from campaigns.models import Activity, ActivityStatus, Channel
from consultation import figures as comment_figures
from consultation import postings as consultation_postings
from counting.models import DirtyDraft
from counting.selectors import at_risk_policies, figures_for
from counting.types import CoverageFigures, PolicyRow, TargetResult
from directives.models import TaskCode, TaskReport
from drafts.models import Draft
from organizations.models import Organization

from .models import RecomputeRequest

TREND_START = 2022  # Decision 407's scheme runs from 2022.


def trend_years(today: dt.date | None = None) -> list[int]:
    today = today or timezone.localdate()
    return list(range(TREND_START, max(today.year, TREND_START) + 1))


@dataclass
class ChildRow:
    organization: Organization
    figures: CoverageFigures | None  # None: never computed for this organization and year
    target: TargetResult | None  # the strictest target applying to it
    gap: int | None  # communicated policies still needed to meet ``target``; None without data or target


@dataclass
class ChecklistRow:
    organization: Organization
    cells: list[bool | None]  # per TaskCode, in TaskCode order: done, not done, not reported (None)


@dataclass
class Dashboard:
    organization: Organization
    year: int
    figures: CoverageFigures | None
    trend: list[tuple[int, CoverageFigures | None]]
    children: list[ChildRow]
    channels: list[tuple[str, str, int]]  # (code, label, done activities)
    months: list[tuple[int, int]]  # (month 1–12, done activities)
    at_risk: list[PolicyRow]
    checklist: list[ChecklistRow]
    task_columns: list[tuple[str, str]] = field(default_factory=lambda: list(TaskCode.choices))
    latest_recompute: RecomputeRequest | None = None
    changes_waiting: int = 0  # drafts of the subtree saved since the last recompute (coverage.DirtyDraft)
    # Public comments, beside coverage and never in it (consultation.figures), and the posting check.
    comments: comment_figures.CommentFigures = comment_figures.EMPTY
    child_comments: dict[int, comment_figures.CommentFigures] = field(default_factory=dict)
    comments_at_risk: list[comment_figures.AtRiskDraft] = field(default_factory=list)
    posting_warnings: list[consultation_postings.PostingWarning] = field(default_factory=list)

    @property
    def computed_at(self):
        return self.figures.computed_at if self.figures else None

    @property
    def activities_total(self) -> int:
        return sum(n for *_, n in self.channels)


def organization_dashboard(organization: Organization, year: int, *, today: dt.date | None = None) -> Dashboard:
    """Everything the dashboard of ``organization`` (its subtree) shows for ``year``, in a fixed number of queries."""
    trend = trend_years(today)
    years = sorted(set(trend) | {year})
    children = list(Organization.objects.filter(parent=organization).order_by("name", "pk"))
    orgs = {organization.pk: organization, **{child.pk: child for child in children}}

    figures = figures_for(orgs.values(), years)
    counts = activity_counts(organization, year)
    comments = comment_figures.comment_figures(orgs.values(), [year], today=today)
    child_rows = []
    for child in children:
        own = figures[(child.pk, year)]
        strictest = own.strictest_target
        child_rows.append(
            ChildRow(
                organization=child,
                figures=own,
                target=strictest,
                gap=own.policies_needed(strictest.target_percent if strictest else None),
            )
        )

    return Dashboard(
        organization=organization,
        year=year,
        figures=figures[(organization.pk, year)],
        trend=[(y, figures[(organization.pk, y)]) for y in trend],
        children=child_rows,
        channels=activities_by_channel(counts),
        months=activities_by_month(counts),
        at_risk=at_risk_policies(organization),
        checklist=task_checklist([organization, *children], year),
        latest_recompute=latest_recompute(organization, year),
        changes_waiting=changes_waiting(organization),
        comments=comments[(organization.pk, year)],
        child_comments={child.pk: comments[(child.pk, year)] for child in children},
        comments_at_risk=comment_figures.at_risk_drafts(organization, today=today),
        posting_warnings=consultation_postings.posting_warnings(organization, today=today),
    )


def changes_waiting(organization: Organization) -> int:
    """How many drafts of ``organization``'s subtree were saved and not yet recomputed: the figures shown leave
    those changes out until the recompute that follows every save (or the minute's sweep) has run."""
    drafts = Draft.objects.in_subtree(organization).values("pk")
    return DirtyDraft.objects.filter(draft_id__in=drafts).values("draft_id").distinct().count()


def activity_counts(organization: Organization, year: int) -> dict[tuple[str, int], int]:
    """Done activities of the subtree's drafts in ``year``, per (channel, month), in one GROUP BY.

    The subtree's organizations are read first (a prefix match on their path index), then their drafts through the
    (drafting organization, adopted on) index, so the activities are read through their (draft, status, date) index:
    no scan of every draft or activity. Given as a list, the organizations' number is known to the planner, which
    scanned every draft to join them otherwise (29 → 21 ms for a province of the national data set).
    """
    subtree = list(Organization.objects.filter(path__startswith=organization.path).values_list("pk", flat=True))
    drafts = Draft.objects.filter(drafting_organization_id__in=subtree).values("pk")
    rows = (
        Activity.objects.filter(
            draft_id__in=drafts,
            status=ActivityStatus.DONE,
            date__gte=dt.date(year, 1, 1),
            date__lte=dt.date(year, 12, 31),
        )
        .annotate(month=ExtractMonth("date"))
        .order_by()
        .values("channel", "month")
        .annotate(n=Count("pk"))
        .values_list("channel", "month", "n")
    )
    return {(channel, month): n for channel, month, n in rows}


def activities_by_channel(counts: dict[tuple[str, int], int]) -> list[tuple[str, str, int]]:
    totals = defaultdict(int)
    for (channel, _month), n in counts.items():
        totals[channel] += n
    return [(code, str(label), totals.get(code, 0)) for code, label in Channel.choices]


def activities_by_month(counts: dict[tuple[str, int], int]) -> list[tuple[int, int]]:
    totals = defaultdict(int)
    for (_channel, month), n in counts.items():
        totals[month] += n
    return [(month, totals.get(month, 0)) for month in range(1, 13)]


def task_checklist(organizations: list[Organization], year: int) -> list[ChecklistRow]:
    """The Directive 07 tasks per organization: done if any report of that task for the year says so."""
    done: dict[tuple[int, str], bool] = {}
    for org_id, code, is_done in TaskReport.objects.filter(
        organization__in=organizations, year=year
    ).values_list("organization_id", "requirement__task_code", "done"):
        done[(org_id, code)] = done.get((org_id, code), False) or is_done
    return [
        ChecklistRow(organization=org, cells=[done.get((org.pk, code)) for code in TaskCode.values])
        for org in organizations
    ]


def latest_recompute(organization: Organization, year: int) -> RecomputeRequest | None:
    return RecomputeRequest.objects.filter(organization=organization, year=year).order_by("-created_at", "-pk").first()


def recompute_requests_visible_to(user):
    from accounts.scope import scope_q

    return RecomputeRequest.objects.filter(scope_q(user, "organization__path")).select_related("organization")
