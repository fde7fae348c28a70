"""Reads behind the dashboards, in a fixed number of queries.

Every figure and target verdict is read through ``counting.selectors.figures_for`` (the organization, each of its
children and every year of the trend at once), the at-risk list through ``at_risk_policies``: the stored verdicts
and snapshots, never rebuilt here. Percent, rounding, the exact target comparison and the gap to a target are
``counting.types``'s own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field, fields
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language

from campaigns.models import Activity, ActivityStatus, Channel
from consultation import figures as comment_figures
from consultation import postings as consultation_postings
from core.templatetags.portal import percent1
from counting.models import DirtyDraft
from counting.selectors import at_risk_policies, figures_for, snapshot_stamp
from counting.types import CoverageFigures, PolicyRow, TargetResult
from directives.models import TaskCode, TaskReport
from drafts.models import Draft
from organizations.models import Organization

from .models import RecomputeRequest

logger = logging.getLogger(__name__)

TREND_START = 2022  # Decision 407's scheme runs from 2022.


def trend_years(today: dt.date | None = None) -> list[int]:
    today = today or timezone.localdate()
    return list(range(TREND_START, max(today.year, TREND_START) + 1))


@dataclass(frozen=True)
class ChildLine:
    """One row of the unit table and of the comment table, its cells formatted as the template's filters would: once
    per change of the data (it is cached with it), not per cell and request (a province's tables have over a hundred
    rows). Plain strings and numbers, no model instance: a cache hit unpickles them cheaply."""

    code: str
    name: str
    url: str  # the child's dashboard for the year
    policies_url: str
    percent: str | None  # None: no data
    ratio: str
    target: str  # the strictest target applying to it
    gap: int | None  # communicated policies still needed to meet it; None without data or target
    gap_text: str
    in_progress: str
    at_risk: str
    # Public comments of the child's subtree in the year (consultation.figures.CommentFigures, localized).
    received: str
    published: str
    answered: str
    unanswered: str
    overdue: str | None  # None: nothing overdue


def unit_lines(
    children: list[Organization],
    year: int,
    figures: dict[tuple[int, int], CoverageFigures],
    comments: dict[tuple[int, int], comment_figures.CommentFigures],
) -> list[ChildLine]:
    """The unit table's and the comment table's rows, in the active language."""
    placeholder = "__code__"
    dashboard_url = reverse("dashboards:organization", args=[placeholder])
    policies_url = reverse("dashboards:policies", args=[placeholder, year])
    lines = []
    for child in children:
        code = quote(child.code, safe=RFC3986_SUBDELIMS + "/~:@")  # as reverse() quotes arguments
        own, c = figures[(child.pk, year)], comments[(child.pk, year)]
        strictest = own.strictest_target
        gap = own.policies_needed(strictest.target_percent if strictest else None)
        lines.append(ChildLine(
            code=child.code,
            name=child.name,
            url=f"{dashboard_url.replace(placeholder, code)}?year={year}",
            policies_url=policies_url.replace(placeholder, code),
            percent=percent1(own.percent) if own.percent is not None else None,
            ratio=f"{localize(own.numerator)}/{localize(own.denominator)}",
            target=f"{floatformat(strictest.target_percent, '-2')} %" if strictest else "—",
            gap=gap,
            gap_text=localize(gap),
            in_progress=localize(own.in_progress or 0),
            at_risk=localize(own.at_risk or 0),
            received=localize(c.received),
            published=localize(c.published),
            answered=localize(c.answered),
            unanswered=localize(c.unanswered),
            overdue=localize(c.overdue) if c.overdue else None,
        ))
    return lines


@dataclass(frozen=True)
class ChecklistRow:
    code: str  # the organization's
    name: str
    cells: tuple[bool | None, ...]  # per TaskCode, in TaskCode order: done, not done, not reported (None)


@dataclass(frozen=True)
class PostingLine:
    """A posting warning as the dashboard lists it (consultation.postings.PostingWarning, without the draft)."""

    draft_id: int
    url: str  # the draft's page, at its postings
    title: str
    organization_code: str
    phase: str
    problem: str
    minimum_days: int | None
    longest_days: int | None


def posting_lines(warnings: list[consultation_postings.PostingWarning]) -> list[PostingLine]:
    placeholder = 999_999_999  # replaced by each draft's id: one reverse() for the list, not one per row
    url = reverse("drafts:detail", args=[placeholder]) + "#postings"
    return [
        PostingLine(
            draft_id=w.draft.pk,
            url=url.replace(str(placeholder), str(w.draft.pk)),
            title=w.draft.title,
            organization_code=w.draft.drafting_organization.code,
            phase=w.check.phase,
            problem=w.problem,
            minimum_days=w.check.minimum_days,
            longest_days=w.check.longest_days,
        )
        for w in warnings
    ]


@dataclass
class Dashboard:
    organization: Organization
    year: int
    figures: CoverageFigures | None
    trend: list[tuple[int, CoverageFigures | None]]
    unit_lines: list[ChildLine]  # the children, formatted for the unit and comment tables
    channels: list[tuple[str, str, int]]  # (code, label, done activities)
    months: list[tuple[int, int]]  # (month 1–12, done activities)
    at_risk: list[PolicyRow]
    checklist: list[ChecklistRow]
    task_columns: list[tuple[str, str]] = field(default_factory=lambda: list(TaskCode.choices))
    latest_recompute: RecomputeRequest | None = None
    changes_waiting: int = 0  # drafts of the subtree saved since the last recompute (coverage.DirtyDraft)
    # Public comments, beside coverage and never in it (consultation.figures), and the posting check.
    comments: comment_figures.CommentFigures = comment_figures.EMPTY
    comments_at_risk: list[comment_figures.AtRiskDraft] = field(default_factory=list)
    posting_warnings: list[PostingLine] = field(default_factory=list)

    @property
    def computed_at(self):
        return self.figures.computed_at if self.figures else None

    @property
    def activities_total(self) -> int:
        return sum(n for *_, n in self.channels)


def _shape() -> str:
    """The field names of everything a cached dashboard holds: part of its key, so that a release that changes a
    shape never reads a value of the old one back (it is a miss, and expires)."""
    classes = (Dashboard, ChildLine, ChecklistRow, PostingLine, CoverageFigures, PolicyRow, TargetResult,
               comment_figures.CommentFigures, comment_figures.AtRiskDraft)
    names = ";".join(f"{cls.__name__}:{','.join(f.name for f in fields(cls))}" for cls in classes)
    return hashlib.blake2b(names.encode(), digest_size=4).hexdigest()


_SHAPE = _shape()


def organization_dashboard(organization: Organization, year: int, *, today: dt.date | None = None) -> Dashboard:
    """Everything the dashboard of ``organization`` (its subtree) shows for ``year``, in a fixed number of queries.

    Its data comes from Django's cache when the organization's snapshot stamp and the computed years are what they
    were when it was stored (``counting.selectors.snapshot_stamp``); otherwise it is read and stored. The key holds
    everything else the data depends on: the year, the day (the trend's years, the reasons' day counts, overdue
    comments, postings) and the language (labels and reasons are stored translated). What changes without a stamp
    is read on every request: the latest recompute request and the drafts saved since the last recompute. A cache
    that cannot be reached is a miss, never an error.
    """
    today = today or timezone.localdate()
    key = dashboard_key(organization, year, today=today)
    try:
        dashboard = cache.get(key)
    except Exception:  # noqa: BLE001 - Redis down or an unreadable value: read the data instead
        logger.warning("dashboard cache unreadable; reading the data", exc_info=True)
        dashboard = None
    if not isinstance(dashboard, Dashboard):
        dashboard = None
    if dashboard is None:
        dashboard = _read_dashboard(organization, year, today=today)
        try:
            cache.set(key, dashboard, settings.DASHBOARD_CACHE_SECONDS)
        except Exception:  # noqa: BLE001 - the page is served all the same, the next one reads again
            logger.warning("dashboard cache unwritable", exc_info=True)
    dashboard.latest_recompute = latest_recompute(organization, year)
    dashboard.changes_waiting = changes_waiting(organization)
    return dashboard


def dashboard_key(organization: Organization, year: int, *, today: dt.date) -> str:
    """The cache key of ``organization``'s dashboard data for ``year`` as of ``today``, in the active language."""
    stamp = snapshot_stamp(organization, {*trend_years(today), year})
    digest = hashlib.blake2b(
        f"{_SHAPE}:{organization.pk}:{year}:{today.isoformat()}:{get_language()}:{stamp}".encode(),
        digest_size=16,
    ).hexdigest()
    return f"dashboard:{organization.pk}:{digest}"


def _read_dashboard(organization: Organization, year: int, *, today: dt.date) -> Dashboard:
    trend = trend_years(today)
    children = list(Organization.objects.filter(parent=organization).order_by("name", "pk"))
    orgs = [organization, *children]
    figures = figures_for(orgs, sorted(set(trend) | {year}))
    counts = activity_counts(organization, year)
    comments = comment_figures.comment_figures(orgs, [year], today=today)
    return Dashboard(
        organization=organization,
        year=year,
        figures=figures[(organization.pk, year)],
        trend=[(y, figures[(organization.pk, y)]) for y in trend],
        unit_lines=unit_lines(children, year, figures, comments),
        channels=activities_by_channel(counts),
        months=activities_by_month(counts),
        at_risk=at_risk_policies(organization),
        checklist=task_checklist(orgs, year),
        comments=comments[(organization.pk, year)],
        comments_at_risk=comment_figures.at_risk_drafts(organization, today=today),
        posting_warnings=posting_lines(consultation_postings.posting_warnings(organization, today=today)),
    )


def changes_waiting(organization: Organization) -> int:
    """How many drafts of ``organization``'s subtree were saved and not yet recomputed: the figures shown leave
    those changes out until the recompute that follows every save (or the minute's sweep) has run."""
    drafts = Draft.objects.in_subtree(organization).values("pk")
    return DirtyDraft.objects.filter(draft_id__in=drafts).values("draft_id").distinct().count()


def activity_counts(organization: Organization, year: int) -> dict[tuple[str, int], int]:
    """Done activities of the subtree's drafts in ``year``, per (channel, month), in one GROUP BY.

    The subtree's organizations are read first (a prefix match on their path index), then their drafts through the
    (drafting organization, adopted on) index, so the activities are read through their (draft, status, date, id) index:
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
        ChecklistRow(code=org.code, name=org.name, cells=tuple(done.get((org.pk, code)) for code in TaskCode.values))
        for org in organizations
    ]


def latest_recompute(organization: Organization, year: int) -> RecomputeRequest | None:
    return RecomputeRequest.objects.filter(organization=organization, year=year).order_by("-created_at", "-pk").first()


def recompute_requests_visible_to(user):
    from accounts.scope import scope_q

    return RecomputeRequest.objects.filter(scope_q(user, "organization__path")).select_related("organization")
