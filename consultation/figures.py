"""The one read of comment figures: per organization (its whole subtree, by ``Organization.path`` prefix, as
coverage rolls up) and per year of ``received_at`` in local time. Comment figures stand beside coverage and never
change it (domain.md, "Public comments").

- received: every comment, whatever its status;
- published: status published;
- answered: not hidden, and its representative (itself, or its ``group``) has a decision;
- unanswered: not hidden, and its representative has no decision (hidden comments need no answer);
- overdue: unanswered, and ``rules.is_overdue`` for its draft and phase with ``settings.CONSULTATION_GRACE_DAYS``.

Each function reads in a fixed number of queries whatever the number of organizations, drafts or comments.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Case, CharField, Count, F, Q, When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from drafts.models import Draft

from . import rules
from .models import Comment, Status

AT_RISK_LIMIT = 50


@dataclass(frozen=True)
class CommentFigures:
    received: int = 0
    published: int = 0
    answered: int = 0
    unanswered: int = 0
    overdue: int = 0

    def __add__(self, other: CommentFigures) -> CommentFigures:
        return CommentFigures(
            self.received + other.received,
            self.published + other.published,
            self.answered + other.answered,
            self.unanswered + other.unanswered,
            self.overdue + other.overdue,
        )

    @property
    def is_empty(self) -> bool:
        return not self.received


EMPTY = CommentFigures()


@dataclass(frozen=True)
class AtRiskDraft:
    """A draft whose consultation phase closed more than the grace period ago with comments still unanswered."""

    draft_id: int
    draft_title: str
    organization_code: str
    organization_name: str
    phase: str
    closed_on: dt.date
    unanswered: int

    @property
    def days_since_closed(self) -> int:
        return (timezone.localdate() - self.closed_on).days


def grace_days() -> int:
    return settings.CONSULTATION_GRACE_DAYS


def _answer_decision():
    """The decision that answers a comment: its own when it is not grouped, else its representative's."""
    return Case(
        When(group__isnull=True, then=F("decision")), default=F("group__decision"), output_field=CharField()
    )


def _roots(organizations) -> list[str]:
    """The smallest set of paths whose subtrees hold every organization given."""
    roots = []
    for path in sorted({o.path for o in organizations}):
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    return roots


def _in_subtrees(prefix: str, paths: list[str]) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{prefix}__startswith": path})
    return q


def _draft_stub(draft_consultation_start, adopted_on):
    # The two milestones rules.phase_closes_on reads; the rule itself is never re-derived here.
    return SimpleNamespace(draft_consultation_start=draft_consultation_start, adopted_on=adopted_on)


def comment_figures(organizations, years, *, today: dt.date | None = None) -> dict[tuple[int, int], CommentFigures]:
    """{(organization id, year): CommentFigures} for every organization and year given (zeros where none), each
    organization counting its whole subtree. One query."""
    organizations = list(organizations)
    years = sorted({int(y) for y in years})
    today = today or timezone.localdate()
    grace = grace_days()
    result = {(o.pk, y): EMPTY for o in organizations for y in years}
    if not organizations or not years:
        return result
    wanted = {o.pk for o in organizations}
    not_hidden = ~Q(status=Status.HIDDEN)
    rows = (
        Comment.objects.filter(_in_subtrees("draft__drafting_organization__path", _roots(organizations)))
        .annotate(year=ExtractYear("received_at"), answer=_answer_decision())  # local time: USE_TZ, TIME_ZONE
        .filter(year__in=years)
        .order_by()
        .values_list(
            "draft__drafting_organization__path", "year", "phase", "draft__draft_consultation_start",
            "draft__adopted_on",
        )
        .annotate(
            received=Count("pk"),
            published=Count("pk", filter=Q(status=Status.PUBLISHED)),
            answered=Count("pk", filter=not_hidden & ~Q(answer="")),
            unanswered=Count("pk", filter=not_hidden & Q(answer="")),
        )
    )
    totals: dict[tuple[int, int], CommentFigures] = defaultdict(lambda: EMPTY)
    for path, year, phase, d, adopted_on, received, published, answered, unanswered in rows:
        overdue = unanswered if rules.is_overdue(_draft_stub(d, adopted_on), phase, today, grace) else 0
        figures = CommentFigures(received, published, answered, unanswered, overdue)
        for org_id in (int(pk) for pk in path.strip("/").split("/")):
            if org_id in wanted:
                totals[(org_id, year)] += figures
    result.update({key: value for key, value in totals.items() if key in result})
    return result


def comment_figures_for(organization, year: int, *, today: dt.date | None = None) -> CommentFigures:
    return comment_figures([organization], [year], today=today)[(organization.pk, int(year))]


def at_risk_drafts(organization, *, today: dt.date | None = None, limit: int = AT_RISK_LIMIT) -> list[AtRiskDraft]:
    """Drafts of ``organization``'s subtree with unanswered comments in a phase that closed more than the grace
    period ago (the longest overdue first). One query."""
    today = today or timezone.localdate()
    grace = grace_days()
    rows = (
        Comment.objects.in_subtree(organization)
        .exclude(status=Status.HIDDEN)
        .annotate(answer=_answer_decision())
        .filter(answer="")
        .order_by()
        .values_list(
            "draft_id", "phase", "draft__title", "draft__draft_consultation_start", "draft__adopted_on",
            "draft__drafting_organization__code", "draft__drafting_organization__name",
        )
        .annotate(n=Count("pk"))
    )
    found = []
    for draft_id, phase, title, d, adopted_on, code, name, n in rows:
        stub = _draft_stub(d, adopted_on)
        if rules.is_overdue(stub, phase, today, grace):
            found.append(AtRiskDraft(draft_id, title, code, name, phase, rules.phase_closes_on(stub, phase), n))
    found.sort(key=lambda r: (r.closed_on, r.organization_code, r.draft_id, r.phase))
    return found[:limit]


def pending_moderation(organization, *, limit: int = AT_RISK_LIMIT) -> list[tuple[Draft, int]]:
    """Drafts of the subtree with comments waiting for moderation, and how many: [(draft, pending)], most first.
    Two queries."""
    counts = dict(
        Comment.objects.in_subtree(organization)
        .filter(status=Status.PENDING)
        .order_by()
        .values_list("draft_id")
        .annotate(n=Count("pk"))
    )
    drafts = Draft.objects.filter(pk__in=counts).select_related("drafting_organization") if counts else []
    return sorted(((d, counts[d.pk]) for d in drafts), key=lambda item: (-item[1], item[0].pk))[:limit]
