"""The read model: every reader of the coverage figures (the dashboards, digests and reminders, the annual report,
the API, the public page) reads the stored figures, target verdicts and policy snapshots through this module."""

from __future__ import annotations

from django.db.models import Case, Max, Q, When

from directives.models import RequirementKind, RequirementTarget, binds
from drafts import counting as c

from . import engine
from .models import (
    ComputedYear,
    CoverageSnapshot,
    PolicySnapshot,
    ProgressSnapshot,
    SnapshotStamp,
    TargetSnapshot,
)
from .reasons import reason_for
from .types import CoverageFigures, PolicyRow, TargetResult

AT_RISK_LIST_LIMIT = 50


def _eager() -> bool:
    from policycomms.celery import app

    return bool(app.conf.task_always_eager)


def coverage_for(organization, year: int, *, with_policies: bool = True) -> CoverageFigures:
    """The coverage figures of ``organization`` (its whole subtree) for ``year``, read from the snapshots, with the
    year's policies and those in progress, each with its reason (``with_policies=False``: the figures only).

    A year never computed is computed first (every organization, one set-based pass). In eager mode pending
    changes are applied first too, so a reader always sees what was just saved.
    """
    figures = coverage_for_each([organization], year)[organization.pk]
    for row in policy_snapshots(organization, figures.year) if with_policies else ():
        (figures.policies if row.year == figures.year else figures.in_progress_policies).append(policy_row(row))
    return figures


def coverage_for_each(organizations, year: int) -> dict[int, CoverageFigures]:
    """The figures of every organization given (``coverage_for`` without the policy lists), in a fixed number of
    queries whatever their number (the annual report's per-child lines: one province has over a hundred). Keyed by
    organization id."""
    year = int(year)
    organizations = list(organizations)
    figures = figures_for(organizations, [year])
    return {organization.pk: figures[(organization.pk, year)] for organization in organizations}


def figures_for(organizations, years) -> dict[tuple[int, int], CoverageFigures]:
    """The figures of every organization given in every year given, keyed by (organization id, year): the one read
    of the stored figures and target verdicts that every reader goes through (the dashboards' trend and children,
    the digest, the annual report, the API). A fixed number of queries whatever the number of organizations and
    years. Years never computed are computed first (every organization, one set-based pass); in eager mode pending
    changes are applied first too, so a reader always sees what was just saved."""
    years = sorted({int(y) for y in years})
    organizations = list(organizations)
    ids = [o.pk for o in organizations]
    computed = {year: at for year, at, _as_of in _computed_years(years)}
    # Plain tuples, not model instances: a province's dashboard reads about 600 target verdicts.
    snapshots = {
        (org_id, year): (denominator, numerator, computed_at)
        for org_id, year, denominator, numerator, computed_at in CoverageSnapshot.objects.filter(
            organization_id__in=ids, year__in=years
        ).values_list("organization_id", "year", "denominator", "numerator", "computed_at")
    }
    progress = {
        org_id: (in_progress, at_risk, missed)
        for org_id, in_progress, at_risk, missed in ProgressSnapshot.objects.filter(organization_id__in=ids).values_list(
            "organization_id", "in_progress", "at_risk", "missed"
        )
    }
    verdicts = {}
    for org_id, year, code, title, target_percent, met in (
        TargetSnapshot.objects.filter(organization_id__in=ids, year__in=years)
        .order_by("requirement__directive__issued_on", "requirement__directive__code", "requirement__position")
        .values_list(
            "organization_id", "year", "requirement__directive__code", "requirement__directive__title",
            "target_percent", "met",
        )
    ):
        verdicts.setdefault((org_id, year), []).append(TargetResult(code, title, target_percent, met))
    # With nothing counted, every coverage target that binds the organization (``directives.models.binds``), with
    # no verdict.
    binding = {year: [] for year in years}
    for r in (
        RequirementTarget.objects.filter(year__in=years, requirement__kind=RequirementKind.COVERAGE_TARGET)
        .select_related("requirement__directive__applies_to")
        .order_by("requirement__directive__issued_on", "requirement__directive__code", "requirement__position", "pk")
    ):
        directive = r.requirement.directive
        binding[r.year].append((
            directive.applies_to.path if directive.applies_to_id else None,
            TargetResult(directive.code, directive.title, r.target_percent, None),
        ))
    result = {}
    for organization in organizations:
        in_progress, at_risk, missed = progress.get(organization.pk, (0, 0, 0))
        for year in years:
            denominator, numerator, row_computed_at = snapshots.get((organization.pk, year), (0, 0, None))
            result[(organization.pk, year)] = CoverageFigures(
                organization_code=organization.code,
                organization_name=organization.name,
                year=year,
                denominator=denominator,
                numerator=numerator,
                in_progress=in_progress,
                at_risk=at_risk,
                missed=missed,
                computed_at=fresher(row_computed_at, computed[year]),
                targets=verdicts.get((organization.pk, year), []) if denominator else [
                    target for path, target in binding[year] if binds(path, organization.path)
                ],
            )
    return result


def _computed_years(years) -> list[tuple[int, object, object]]:
    """(year, computed_at, as_of) of each year given, computing the years never computed first (every
    organization, one set-based pass); in eager mode pending changes are applied first, so a reader always sees
    what was just saved."""
    if _eager() and engine.has_dirty():
        engine.recompute_dirty()
    rows = list(ComputedYear.objects.filter(year__in=years).order_by("year").values_list("year", "computed_at", "as_of"))
    missing = tuple(sorted(set(years) - {year for year, *_ in rows}))
    if missing:
        engine.recompute(engine.Scope(years=missing))
        rows = list(
            ComputedYear.objects.filter(year__in=years).order_by("year").values_list("year", "computed_at", "as_of")
        )
    return rows


def snapshot_stamp(organization, years) -> str:
    """What the stored data of ``organization``'s subtree in ``years`` depends on, as a short string to key a cache
    on: the organization's own snapshot stamp (a new token whenever the engine rewrote anything of its subtree, or
    something else its dashboard shows changed: ``coverage.SnapshotStamp``) and the stamps of those years (a
    recompute of every organization, the day policies in progress were judged on). Years never computed are
    computed first and pending changes applied in eager mode, as ``figures_for`` does, so the key read before the
    data is the one the data was read under. Two queries."""
    years = sorted({int(y) for y in years})
    computed = _computed_years(years)
    token = SnapshotStamp.objects.filter(organization=organization).values_list("token", flat=True).first()
    return ":".join([token.hex if token else "-", *(f"{y}.{at.timestamp()}.{as_of}" for y, at, as_of in computed)])


def fresher(row_computed_at, year_computed_at):
    """When a figure was last confirmed: a full recompute writes only the figures that changed and stamps the year
    (``ComputedYear``), so an unchanged row is as fresh as its year's last full recompute."""
    return max(filter(None, (row_computed_at, year_computed_at)), default=None)


def _snapshot_rows(organization):
    """The subtree's policy snapshots, with what a row needs to be shown (``policy_row``)."""
    return (
        PolicySnapshot.objects.with_judged_on()
        .filter(organization__path__startswith=organization.path)
        .select_related("policy", "draft", "organization")
        .only(
            "policy_id", "draft_id", "organization_id", "year", "status", "s", "d", "a", "has_proposal", "has_draft",
            "as_of", "policy__title", "draft__title", "organization__code", "organization__name",
        )
    )


def policy_snapshots(organization, year: int):
    """The subtree's policies adopted in ``year`` (the denominator) and those in progress: the policies behind the
    figures (``coverage_for``, the dashboard's policy list, the API)."""
    return (
        _snapshot_rows(organization)
        .filter(Q(year=year) | Q(year__isnull=True))
        .order_by("organization__path", "draft_id", "policy_id")
    )


def at_risk_policies(organization) -> list[PolicyRow]:
    """In-progress policies of the subtree that need attention: missed (the proposal phase closed with no counting
    activity, rule 1.1) first, then at risk (the current phase has had none past the threshold); at most
    ``AT_RISK_LIST_LIMIT``."""
    return [
        policy_row(s)
        for s in _snapshot_rows(organization)
        .filter(status__in=(c.MISSED, c.AT_RISK))
        .annotate(missed_first=Case(When(status=c.MISSED, then=0), default=1))
        .order_by("missed_first", "s", "organization__path", "draft_id", "policy_id")[:AT_RISK_LIST_LIMIT]
    ]


def at_risk_snapshots():
    """Every policy at risk now, nationally, with its draft's responsible official and drafting organization (whom
    the daily reminders write to)."""
    return (
        PolicySnapshot.objects.with_judged_on()
        .filter(status=c.AT_RISK, year__isnull=True)
        .select_related("policy", "draft__responsible_official", "draft__drafting_organization")
        .order_by("draft_id", "policy_id")
    )


def policy_row(row: PolicySnapshot) -> PolicyRow:
    """A snapshot as a row to show, with its reason rebuilt in the active language (``counting.reasons``)."""
    return PolicyRow(
        policy_id=row.policy_id,
        draft_id=row.draft_id,
        status=row.status,
        reason=reason_for(
            status=row.status, s=row.s, d=row.d, a=row.a, has_proposal=row.has_proposal, has_draft=row.has_draft,
            as_of=row.judged_on,
        ),
        policy_title=row.policy.title if row.policy else "",
        draft_title=row.draft.title if row.draft else "",
        organization_code=row.organization.code if row.organization else "",
    )


def last_full_recompute():
    """When the figures of any year were last recomputed as a whole (the nightly job, ``recompute_coverage``, a
    head's request): one read of a table with a row per year."""
    return ComputedYear.objects.aggregate(at=Max("computed_at"))["at"]
