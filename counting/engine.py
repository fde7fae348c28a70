"""The counting rule, set-based: every policy in a scope judged by one statement, whatever the data size.

``drafts.counting`` is the reference for one draft; this module must agree with it on every policy (see
``counting/tests/test_agreement.py``). A recompute is a fixed handful of statements:

1. lock (one row, so two recomputes never write the same snapshots at once);
2. on PostgreSQL, one statement: ``WITH judged AS MATERIALIZED (…)`` deciding per phase whether a counting
   activity exists, and the status; then, over those rows, deleting the snapshots of policies that left the scope or
   stopped counting (anti-join), updating only the snapshots whose verdict changed, inserting the new ones, and
   returning how many policies were judged and their years. On SQLite (no data-modifying CTEs): delete, count and
   one ``INSERT … SELECT … ON CONFLICT DO UPDATE`` that writes only the snapshots whose verdict changed;
3. one GROUP BY (organization, year) over the snapshots, rolled up the tree in Python from the materialized
   paths (one query for every organization's path, no query per organization);
4. bulk writes of the organization × year aggregates, the in-progress counts and the target results.

Activities are not counted, only looked for, and only in the phases a status reads: correlated EXISTS that stop
at the first match, once per draft for activities naming no policy, then per policy for its own links only where
the draft had none. The reasons shown to users need no more (``drafts.counting.explain``); the per-draft page, which
reads one draft's activities anyway, shows the counts.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from campaigns.models import Activity, ActivityStatus
from drafts import counting as c
from drafts.models import Draft, DraftStatus, Policy
from organizations.models import Organization

from .models import (
    ComputedYear,
    CoverageSnapshot,
    DirtyDraft,
    PolicySnapshot,
    ProgressSnapshot,
    RecomputeLock,
    SnapshotStamp,
    TargetSnapshot,
)
from .types import target_met

# Above this many organizations a partial recompute rewrites every organization's row for the years it touched:
# one statement instead of an IN list longer than SQLite accepts.
MAX_LISTED_ORGANIZATIONS = 500


@dataclass(frozen=True)
class Scope:
    """Which policies a recompute judges again. Empty scope: every countable policy."""

    years: tuple[int, ...] | None = None  # policies adopted in these years, plus every policy in progress
    organization: Organization | None = None  # drafted by this organization or below
    claim: uuid.UUID | None = None  # policies of the dirty drafts claimed by this run

    @property
    def stamps_every_policy_in_progress(self):
        """Whether this recompute judges every policy in progress (and so writes ``ComputedYear``)."""
        return self.organization is None and self.claim is None

    @property
    def is_everything(self):
        return self.years is None and self.organization is None and self.claim is None


@dataclass
class RecomputeResult:
    policies: int = 0
    organizations: int = 0
    years: list[int] = field(default_factory=list)
    computed_at: dt.datetime | None = None


def _tables():
    m2m = Activity.policies.through._meta.db_table
    return {
        "policy": Policy._meta.db_table,
        "draft": Draft._meta.db_table,
        "org": Organization._meta.db_table,
        "activity": Activity._meta.db_table,
        "activity_policies": m2m,
        "dirty": DirtyDraft._meta.db_table,
        "snapshot": PolicySnapshot._meta.db_table,
    }


def _date(value):
    return connection.ops.adapt_datefield_value(value)


def _year_of(column):
    if connection.vendor == "sqlite":
        return f"CAST(strftime('%%Y', {column}) AS INTEGER)"
    return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"


def _scope_where(scope: Scope) -> tuple[str, list]:
    """SQL conditions on draft ``dr`` and its organization ``o`` selecting the scope's drafts (and so policies)."""
    t = _tables()
    clauses, params = [], []
    if scope.years is not None:
        years = sorted(set(scope.years))
        ranges = " OR ".join("(dr.adopted_on >= %s AND dr.adopted_on <= %s)" for _ in years)
        clauses.append(f"(dr.adopted_on IS NULL{' OR ' + ranges if ranges else ''})")
        for year in years:
            params += [_date(dt.date(year, 1, 1)), _date(dt.date(year, 12, 31))]
    if scope.organization is not None:
        clauses.append("o.path LIKE %s")
        params.append(scope.organization.path + "%")
    if scope.claim is not None:
        clauses.append(f"dr.id IN (SELECT draft_id FROM {t['dirty']} WHERE claim = %s)")  # nosec B608  # docs/security.md
        params.append(DirtyDraft._meta.get_field("claim").get_db_prep_value(scope.claim, connection))
    return (" AND ".join(clauses) or "1 = 1"), params


def _countable_sql(scope: Scope) -> tuple[str, list]:
    """FROM/WHERE selecting the countable policies of the scope: high-impact, in scope, draft not withdrawn."""
    t = _tables()
    where, params = _scope_where(scope)
    sql = (
        f"FROM {t['policy']} p JOIN {t['draft']} dr ON dr.id = p.draft_id "
        f"JOIN {t['org']} o ON o.id = dr.drafting_organization_id "
        f"WHERE p.high_impact = %s AND p.in_scope = %s AND dr.status <> %s AND {where}"
    )
    return sql, [True, True, DraftStatus.WITHDRAWN, *params]


def _day_before(column):
    if connection.vendor == "sqlite":
        return f"date({column}, '-1 day')"
    return f"({column} - 1)"


def _activity_in_phase(owner: str, first_day: str, last_day: str, links: str) -> str:
    """EXISTS a done activity of ``owner``'s draft dated first_day..last_day (inclusive) whose policy links match
    ``links`` (a condition on ``ap``, the links of ``act``). Correlated, so PostgreSQL walks the
    ``(draft, status, date, id)`` index from first_day (index-only: the links need only the id) and stops at the
    first match; ``(activity, policy)`` answers the links."""
    t = _tables()
    return f"""EXISTS (
      SELECT 1 FROM {t['activity']} act
      WHERE act.draft_id = {owner}.draft_id AND act.status = '{ActivityStatus.DONE}'
        AND act.date >= {first_day} AND act.date <= {last_day}
        AND {links.format(ap=f"SELECT 1 FROM {t['activity_policies']} ap WHERE ap.activity_id = act.id")})"""  # nosec B608  # docs/security.md


def _phase_flag(phase: str, first_day: str, last_day: str) -> str:
    """Whether policy ``p``'s phase has a counting activity; NULL when its status does not depend on it.

    An activity naming no policy covers the whole draft, so it is looked for once per draft (``dd``); only
    when there is none is the policy's own link looked for."""
    named = _activity_in_phase("dd", f"dd.{first_day}", f"dd.{last_day}",
                               "EXISTS ({ap} AND ap.policy_id = p.id)")
    return f"""CASE WHEN NOT dd.needs_{phase} THEN NULL WHEN dd.unnamed_{phase} THEN {_TRUE} ELSE {named} END"""


def _subquery_fence() -> str:
    """Keeps a subquery from being merged into the query around it (PostgreSQL: OFFSET 0; SQLite needs a LIMIT)."""
    return "LIMIT -1 OFFSET 0" if connection.vendor == "sqlite" else "OFFSET 0"


_TRUE = "(1 = 1)"
_FALSE = "(1 = 0)"

# The status, as drafts.counting.evaluate_policy(): adopted → every phase has an activity; in progress → missed when
# the proposal phase closed (D passed) with no activity (rule 1.1), else judged on the current phase, at risk when it
# began before the cutoff (more than AT_RISK_AFTER_DAYS days before today).
STATUS_CASE = f"""CASE
  WHEN a IS NOT NULL THEN
    CASE WHEN has_proposal AND (d IS NULL OR has_draft) THEN '{c.COMMUNICATED}' ELSE '{c.NOT_COMMUNICATED}' END
  WHEN s > %s THEN '{c.NOT_STARTED}'
  WHEN d IS NOT NULL AND d <= %s THEN
    CASE WHEN NOT has_proposal THEN '{c.MISSED}' WHEN has_draft THEN '{c.ON_TRACK}'
         WHEN d < %s THEN '{c.AT_RISK}' ELSE '{c.WAITING}' END
  ELSE
    CASE WHEN has_proposal THEN '{c.ON_TRACK}' WHEN s < %s THEN '{c.AT_RISK}' ELSE '{c.WAITING}' END
END"""


def evaluation_sql(scope: Scope, *, today: dt.date, at_risk_after_days: int) -> tuple[str, list]:
    """SELECT policy_id, draft_id, organization_id, year, status, s, d, a, has_proposal, has_draft for the scope."""
    t = _tables()
    where, scope_params = _scope_where(scope)
    cutoff = today - dt.timedelta(days=at_risk_after_days)
    unnamed = "NOT EXISTS ({ap})"
    # dd: one row per draft of the scope (not withdrawn) with its phases as drafts.counting.window(), inclusive:
    # proposal S..D-1 (with D) or S..A (without D); draft D..A. A phase with no end yet (A empty) runs to the last
    # representable day, so both bounds stay index ranges. Only the phases the status reads are looked at: both
    # once adopted; while in progress the proposal phase from S on (rule 1.1 reads it after it closed) and the draft
    # phase from D on; none before S. Per draft and phase, whether an activity
    # naming no policy counts (it covers every policy). The fence keeps dd a subquery, so those EXISTS run once
    # per draft, not once per policy, while the planner still sees the drafts table's statistics (dd.draft_id is
    # its primary key) when joining the policies.
    # flagged is fenced too: inlined, the CASE of the status would evaluate each EXISTS again for every branch. A
    # subquery rather than a MATERIALIZED CTE, so the rows are not stored once more before the caller uses them.
    sql = f"""
SELECT policy_id, draft_id, organization_id, {_year_of('a')} AS year, {STATUS_CASE} AS status,
       s, d, a, has_proposal, has_draft
FROM (
  SELECT p.id AS policy_id, dd.draft_id, dd.organization_id, dd.s, dd.d, dd.a,
         {_phase_flag("proposal", "s", "proposal_last")} AS has_proposal,
         {_phase_flag("draft", "d", "draft_last")} AS has_draft
  FROM {t['policy']} p JOIN (
    SELECT x.*,
           CASE WHEN x.needs_proposal THEN {_activity_in_phase("x", "x.s", "x.proposal_last", unnamed)}
                ELSE {_FALSE} END AS unnamed_proposal,
           CASE WHEN x.needs_draft THEN {_activity_in_phase("x", "x.d", "x.draft_last", unnamed)}
                ELSE {_FALSE} END AS unnamed_draft
    FROM (
      SELECT dr.id AS draft_id, dr.drafting_organization_id AS organization_id,
             dr.proposal_consultation_start AS s, dr.draft_consultation_start AS d, dr.adopted_on AS a,
             COALESCE({_day_before('dr.draft_consultation_start')}, dr.adopted_on, %s) AS proposal_last,
             COALESCE(dr.adopted_on, %s) AS draft_last,
             (dr.adopted_on IS NOT NULL OR dr.proposal_consultation_start <= %s) AS needs_proposal,
             (dr.draft_consultation_start IS NOT NULL
               AND (dr.adopted_on IS NOT NULL OR dr.draft_consultation_start <= %s)) AS needs_draft
      FROM {t['draft']} dr JOIN {t['org']} o ON o.id = dr.drafting_organization_id
      WHERE dr.status <> %s AND {where}
    ) x
    {_subquery_fence()}
  ) dd ON dd.draft_id = p.draft_id
  WHERE p.high_impact = %s AND p.in_scope = %s
  {_subquery_fence()}
) flagged"""  # nosec B608  # docs/security.md
    today_p, cutoff_p, open_end = _date(today), _date(cutoff), _date(dt.date.max)
    return sql, [
        today_p, today_p, cutoff_p, cutoff_p,
        open_end, open_end, today_p, today_p, DraftStatus.WITHDRAWN, *scope_params, True, True,
    ]


def _lock():
    RecomputeLock.objects.get_or_create(pk=1)
    RecomputeLock.objects.select_for_update().get(pk=1)


def _org_paths() -> dict[int, str]:
    return dict(Organization.objects.values_list("pk", "path"))


def _ancestors(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


# A snapshot is rewritten only when the verdict changed: its status, milestones, flags, year or organization, or, while
# the draft is in progress, the day it was judged on (the reason counts days from it). Unchanged rows cost no write.
_SNAPSHOT_COLUMNS = ("draft_id", "organization_id", "year", "status", "s", "d", "a", "has_proposal", "has_draft")


def _upsert_sql(select: str) -> str:
    t = _tables()
    snapshot = t["snapshot"]
    distinct = "IS NOT" if connection.vendor == "sqlite" else "IS DISTINCT FROM"
    changed = " OR ".join(f"{snapshot}.{col} {distinct} excluded.{col}" for col in _SNAPSHOT_COLUMNS)
    columns = ", ".join(_SNAPSHOT_COLUMNS)
    updates = ", ".join(f"{col} = excluded.{col}" for col in (*_SNAPSHOT_COLUMNS, "as_of", "computed_at"))
    # WHERE 1 = 1: SQLite needs it to tell the upsert's ON CONFLICT from a join's ON.
    return (
        f"INSERT INTO {snapshot} (policy_id, {columns}, as_of, computed_at) "  # nosec B608  # docs/security.md
        f"SELECT policy_id, {columns}, %s, %s FROM ({select}) judged WHERE 1 = 1 "
        f"ON CONFLICT (policy_id) DO UPDATE SET {updates} "
        f"WHERE {changed} OR (%s AND excluded.a IS NULL AND {snapshot}.as_of <> excluded.as_of)"
    )


def _snapshot_sets_sql(select: str, old_scope: tuple[str, list] | None) -> str:
    """PostgreSQL: the whole snapshot write as one statement over the judged rows, materialized once.

    Deletes the old scope's rows whose policy is no longer judged (anti-join), updates only the rows whose verdict
    changed (an upsert would lock every conflicting row even when nothing changed), inserts the new ones, and
    returns the number of policies judged and their years. Every part sees the table as it was before the
    statement, so the three writes touch disjoint rows; the recompute lock keeps other writers out."""
    snapshot = _tables()["snapshot"]
    columns = ", ".join(_SNAPSHOT_COLUMNS)
    sets = ", ".join(f"{col} = j.{col}" for col in _SNAPSHOT_COLUMNS)
    changed = " OR ".join(f"s.{col} IS DISTINCT FROM j.{col}" for col in _SNAPSHOT_COLUMNS)
    in_old_scope = f"s.id IN ({old_scope[0]}) AND " if old_scope else ""
    return f"""
WITH judged AS MATERIALIZED ({select}),
gone AS (
  DELETE FROM {snapshot} s WHERE {in_old_scope}NOT EXISTS (SELECT 1 FROM judged j WHERE j.policy_id = s.policy_id)
),
changed AS (
  UPDATE {snapshot} s SET {sets}, as_of = %s, computed_at = %s FROM judged j
  WHERE s.policy_id = j.policy_id AND ({changed} OR (%s AND j.a IS NULL AND s.as_of <> %s))
),
added AS (
  INSERT INTO {snapshot} (policy_id, {columns}, as_of, computed_at)
  SELECT policy_id, {columns}, %s, %s FROM judged j
  WHERE NOT EXISTS (SELECT 1 FROM {snapshot} s WHERE s.policy_id = j.policy_id)
)
SELECT (SELECT COUNT(*) FROM judged),
       (SELECT COALESCE(array_agg(DISTINCT year ORDER BY year), '{{}}') FROM judged WHERE year IS NOT NULL)"""  # nosec B608  # docs/security.md


def _full_sets_sql(select: str) -> str:
    """PostgreSQL, full recompute: the snapshot write as one statement, comparing the judged rows with every stored
    snapshot in a single FULL JOIN (materialized once): the stored rows no policy matches are deleted, the matched
    ones whose verdict changed are updated, the judged ones with no row are inserted. Returns the judged policies
    grouped by (organization, year) with the figures the roll-up needs, so no second read of the snapshots."""
    snapshot = _tables()["snapshot"]
    columns = ", ".join(_SNAPSHOT_COLUMNS)
    sets = ", ".join(f"{col} = c.{col}" for col in _SNAPSHOT_COLUMNS)
    changed = " OR ".join(f"s.{col} IS DISTINCT FROM j.{col}" for col in _SNAPSHOT_COLUMNS)
    judged_columns = ", ".join(f"j.{col}" for col in _SNAPSHOT_COLUMNS)
    return f"""
WITH compared AS MATERIALIZED (
  SELECT j.policy_id, {judged_columns}, s.id AS snapshot_id,
         (j.policy_id IS NOT NULL AND s.id IS NOT NULL AND ({changed} OR (%s AND j.a IS NULL AND s.as_of <> %s))) AS differs
  FROM ({select}) j FULL JOIN {snapshot} s ON s.policy_id = j.policy_id
),
gone AS (
  DELETE FROM {snapshot} s USING compared c WHERE c.policy_id IS NULL AND s.id = c.snapshot_id
),
changed AS (
  UPDATE {snapshot} s SET {sets}, as_of = %s, computed_at = %s FROM compared c
  WHERE c.differs AND s.id = c.snapshot_id
),
added AS (
  INSERT INTO {snapshot} (policy_id, {columns}, as_of, computed_at)
  SELECT policy_id, {columns}, %s, %s FROM compared c WHERE c.snapshot_id IS NULL
)
SELECT organization_id, year, COUNT(*), COUNT(*) FILTER (WHERE status = '{c.COMMUNICATED}'),
       COUNT(*) FILTER (WHERE status = '{c.AT_RISK}'), COUNT(*) FILTER (WHERE status = '{c.MISSED}')
FROM compared WHERE policy_id IS NOT NULL GROUP BY organization_id, year"""  # nosec B608  # docs/security.md


@dataclass
class _Written:
    judged: int  # policies judged
    years: list[int] | None = None  # the years they were adopted in (None: read them from the snapshots)
    groups: list[tuple] | None = None  # (organization, year, total, communicated, at risk, missed) of every snapshot


def _write_snapshots(scope: Scope, *, today: dt.date, now) -> _Written:
    """Judge the scope's policies and bring their snapshots up to date."""
    select, params = evaluation_sql(scope, today=today, at_risk_after_days=settings.AT_RISK_AFTER_DAYS)
    today_p, now_p = _date(today), connection.ops.adapt_datetimefield_value(now)
    # A policy in progress is explained as of the day it was judged (its reason counts days). A recompute that
    # judges every policy in progress stamps that day once, on ComputedYear.as_of, and readers take the later of
    # the two (PolicySnapshot.objects.with_judged_on()); only a narrower recompute stamps the rows themselves.
    restamp = not scope.stamps_every_policy_in_progress
    old_scope = None  # the snapshots the scope had before, as a subquery of their ids; None: every snapshot
    if not scope.is_everything:
        old_scope = PolicySnapshot.objects.filter(_old_scope_q(scope)).values("pk").query.sql_with_params()
    old_params = list(old_scope[1]) if old_scope else []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The statement is index probes, not expression-heavy scans: JIT compiling it cost about 1 s at the
            # national size and saved nothing (docs/performance.md). For this transaction only.
            cursor.execute("SET LOCAL jit = off")
            if scope.is_everything:
                # Every snapshot is a judged policy afterwards, so the statement's groups are the figures.
                cursor.execute(_full_sets_sql(select), [restamp, today_p, *params, today_p, now_p, today_p, now_p])
                groups = [tuple(row) for row in cursor.fetchall()]
                years = sorted({row[1] for row in groups if row[1] is not None})
                return _Written(judged=sum(row[2] for row in groups), years=years, groups=groups)
            cursor.execute(
                _snapshot_sets_sql(select, old_scope),
                [*params, *old_params, today_p, now_p, restamp, today_p, today_p, now_p],
            )
            judged, years = cursor.fetchone()
            return _Written(judged=judged, years=list(years))
        # SQLite has no data-modifying CTEs: delete the rows that left (anti-join), count, then upsert.
        snapshot = _tables()["snapshot"]
        countable, countable_params = _countable_sql(scope)
        in_old_scope = f"id IN ({old_scope[0]}) AND " if old_scope else ""
        cursor.execute(
            f"DELETE FROM {snapshot} WHERE {in_old_scope}"  # nosec B608  # docs/security.md
            f"NOT EXISTS (SELECT 1 {countable} AND p.id = {snapshot}.policy_id)",
            [*old_params, *countable_params],
        )
        cursor.execute(f"SELECT COUNT(*) {countable}", countable_params)  # nosec B608  # docs/security.md
        (judged,) = cursor.fetchone()
        cursor.execute(_upsert_sql(select), [today_p, now_p, *params, restamp])
        return _Written(judged=judged)


def recompute(scope: Scope = Scope(), *, today: dt.date | None = None) -> RecomputeResult:
    """Judge the scope's policies again and rewrite every figure they feed. Idempotent."""
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        _lock()
        # Where the scope's policies were counted before (a draft may have moved to another year or organization).
        touched = set()
        if scope.claim:
            touched = set(
                PolicySnapshot.objects.filter(_old_scope_q(scope)).values_list("organization_id", "year").distinct()
            )
        written = _write_snapshots(scope, today=today, now=now)
        if scope.claim:
            touched |= set(
                PolicySnapshot.objects.filter(_old_scope_q(scope)).values_list("organization_id", "year").distinct()
            )
        result = _write_aggregates(scope, touched, now, today, written)
        result.policies = written.judged
        # A recompute of every organization rewrites ComputedYear, which readers key on beside the stamps.
        if scope.claim:
            # The saved drafts' organizations (their activities changed, whether or not a verdict did) and where
            # their policies were and are counted.
            claimed = DirtyDraft.objects.filter(claim=scope.claim).values("draft_id")
            stamp({org_id for org_id, _ in touched}
                  | set(Draft.objects.filter(pk__in=claimed).values_list("drafting_organization_id", flat=True)))
        elif scope.organization is not None:
            stamp(Organization.objects.filter(path__startswith=scope.organization.path).values_list("pk", flat=True))
        return result


def _old_scope_q(scope: Scope) -> Q:
    q = Q()
    if scope.years is not None:
        q &= Q(year__in=scope.years) | Q(year__isnull=True)
    if scope.organization is not None:
        q &= Q(organization__path__startswith=scope.organization.path)
    if scope.claim is not None:
        q &= Q(draft_id__in=DirtyDraft.objects.filter(claim=scope.claim).values("draft_id"))
    return q


def _write_aggregates(scope: Scope, touched: set[tuple[int, int | None]], now, today: dt.date,
                      written: _Written) -> RecomputeResult:
    paths = _org_paths()
    # Which (organization, year) figures this recompute rewrites.
    if scope.claim is not None:
        years = sorted({y for _, y in touched if y is not None})
        org_ids = {a for org_id, _ in touched if org_id in paths for a in _ancestors(paths[org_id])}
        if len(org_ids) > MAX_LISTED_ORGANIZATIONS:
            org_ids = None
    else:
        if scope.years is not None:
            years = sorted(set(scope.years))
        elif scope.is_everything and written.years is not None:
            years = written.years  # every snapshot is a judged policy now
        else:
            years = sorted(set(PolicySnapshot.objects.exclude(year=None).values_list("year", flat=True).distinct()))
        if scope.organization is not None:
            root = scope.organization
            org_ids = {pk for pk, path in paths.items() if path.startswith(root.path)} | set(root.ancestor_ids())
        else:
            org_ids = None  # every organization
    written_orgs = org_ids if org_ids is not None else set(paths)

    # Own figures per (organization, year) for those years, plus in progress: from the full recompute's statement,
    # otherwise one GROUP BY over the snapshots; rolled up the tree in Python.
    rows = written.groups
    if rows is None:
        # Only the subtrees of the written organizations' roots feed their figures: after a save, one province or
        # ministry instead of the whole country.
        in_trees = Q()
        if org_ids is not None:
            roots = {_ancestors(paths[org_id])[0] for org_id in org_ids if org_id in paths}
            members = [pk for pk, path in paths.items() if _ancestors(path)[0] in roots]
            if len(members) <= MAX_LISTED_ORGANIZATIONS * 4:
                in_trees = Q(organization_id__in=members)
        rows = (
            PolicySnapshot.objects.filter(in_trees, Q(year__in=years) | Q(year__isnull=True))
            .values_list("organization_id", "year")
            .annotate(
                total=Count("pk"),
                communicated=Count("pk", filter=Q(status=c.COMMUNICATED)),
                at_risk=Count("pk", filter=Q(status=c.AT_RISK)),
                missed=Count("pk", filter=Q(status=c.MISSED)),
            )
            .order_by()
        )
    totals = defaultdict(lambda: [0, 0, 0, 0])
    for org_id, year, total, communicated, at_risk, missed in rows:
        path = paths.get(org_id)
        if path is None:
            continue
        for ancestor in _ancestors(path):
            if ancestor in written_orgs:
                acc = totals[(ancestor, year)]
                acc[0] += total
                acc[1] += communicated
                acc[2] += at_risk
                acc[3] += missed

    coverage_rows = [(org_id, year, total, communicated) for (org_id, year), (total, communicated, *_) in totals.items()
                     if year is not None]
    progress_rows = [(org_id, total, at_risk, missed) for (org_id, year), (total, _, at_risk, missed) in totals.items()
                     if year is None]
    figures = {(org_id, year): (communicated, total) for org_id, year, total, communicated in coverage_rows}
    target_rows = _target_rows(figures, paths)
    if scope.is_everything and connection.vendor == "postgresql":
        # Nightly, most figures are what they were: write only the differences (one statement). Readers take the
        # later of a row's computed_at and its year's ComputedYear, so an unchanged row is as fresh as the year.
        _sync_aggregates(coverage_rows, progress_rows, target_rows, now)
    else:
        # Rows are sparse: an organization with nothing counted has no row; ComputedYear says the zeros are real.
        org_filter = Q() if org_ids is None else Q(organization_id__in=org_ids)
        # A full recompute also forgets years nothing is counted in any more.
        year_filter = Q() if scope.is_everything else Q(year__in=years)
        CoverageSnapshot.objects.filter(org_filter, year_filter).delete()
        CoverageSnapshot.objects.bulk_create(
            CoverageSnapshot(organization_id=org_id, year=year, denominator=total, numerator=communicated,
                             computed_at=now)
            for org_id, year, total, communicated in coverage_rows
        )
        ProgressSnapshot.objects.filter(org_filter).delete()
        ProgressSnapshot.objects.bulk_create(
            ProgressSnapshot(organization_id=org_id, in_progress=total, at_risk=at_risk, missed=missed, computed_at=now)
            for org_id, total, at_risk, missed in progress_rows
        )
        _write_targets(target_rows, org_filter & year_filter, now)
    if scope.stamps_every_policy_in_progress:
        ComputedYear.objects.filter(year__in=years).delete()
        ComputedYear.objects.bulk_create(ComputedYear(year=year, computed_at=now, as_of=today) for year in years)
    return RecomputeResult(organizations=len(written_orgs), years=years, computed_at=now)


# (table, key columns with their array types, value columns with theirs) of each aggregate table.
def _aggregate_tables():
    return (
        (CoverageSnapshot._meta.db_table, (("organization_id", "bigint"), ("year", "integer")),
         (("denominator", "integer"), ("numerator", "integer"))),
        (ProgressSnapshot._meta.db_table, (("organization_id", "bigint"),),
         (("in_progress", "integer"), ("at_risk", "integer"), ("missed", "integer"))),
        (TargetSnapshot._meta.db_table, (("organization_id", "bigint"), ("year", "integer"), ("requirement_id", "bigint")),
         (("target_percent", "numeric"), ("met", "boolean"))),
    )


def _array_literal(values) -> str:
    """A PostgreSQL array literal of numbers, booleans and NULLs: psycopg2 adapts a Python list element by element,
    which cost more than the statement for the ≈ 25,000 values of a national recompute."""
    values = list(values)
    if all(type(value) is int for value in values):
        return "{" + ",".join(map(str, values)) + "}"

    def item(value):
        if value is None:
            return "NULL"
        if value is True or value is False:
            return "t" if value else "f"
        return str(value)

    return "{" + ",".join(map(item, values)) + "}"


def _sync_aggregates(coverage_rows, progress_rows, target_rows, now) -> None:
    """PostgreSQL: make the three aggregate tables hold exactly these rows, in one statement that deletes the rows
    not given, updates the ones whose values differ and inserts the new ones; unchanged rows are not written."""
    parts, params = [], []
    now_p = connection.ops.adapt_datetimefield_value(now)
    for n, ((table, keys, values), rows) in enumerate(zip(_aggregate_tables(), (coverage_rows, progress_rows, target_rows))):
        columns = [*keys, *values]
        arrays = ", ".join(f"%s::{kind}[]" for _, kind in columns)
        names = ", ".join(name for name, _ in columns)
        match = " AND ".join(f"t.{name} = n.{name}" for name, _ in keys)
        differs = " OR ".join(f"t.{name} IS DISTINCT FROM n.{name}" for name, _ in values)
        sets = ", ".join(f"{name} = n.{name}" for name, _ in values)
        parts.append(
            f"new{n} AS MATERIALIZED (SELECT * FROM unnest({arrays}) AS n({names})), "  # nosec B608  # docs/security.md
            f"del{n} AS (DELETE FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM new{n} n WHERE {match})), "
            f"upd{n} AS (UPDATE {table} t SET {sets}, computed_at = %s FROM new{n} n WHERE {match} AND ({differs})), "
            f"ins{n} AS (INSERT INTO {table} ({names}, computed_at) SELECT n.*, %s FROM new{n} n "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {match}))"
        )
        params += [_array_literal(row[i] for row in rows) for i in range(len(columns))] + [now_p, now_p]
    with connection.cursor() as cursor:
        cursor.execute("WITH " + ", ".join(parts) + " SELECT 1", params)


def _target_rows(figures, paths) -> list[tuple]:
    """(organization, year, requirement, target percent, met) for every coverage requirement applying to each
    organization with figures (national, or issued for it or an ancestor)."""
    from directives.models import RequirementKind, RequirementTarget, binds

    years = sorted({year for _, year in figures})
    targets = list(
        RequirementTarget.objects.filter(year__in=years, requirement__kind=RequirementKind.COVERAGE_TARGET).values_list(
            "requirement_id", "year", "target_percent", "requirement__directive__applies_to__path"
        )
    )
    rows = []
    for (org_id, year), (numerator, denominator) in figures.items():
        path = paths[org_id]
        for requirement_id, target_year, percent, applies_path in targets:
            if target_year != year or not binds(applies_path, path):
                continue
            rows.append((org_id, year, requirement_id, percent, target_met(numerator, denominator, percent)))
    return rows


def _write_targets(rows, stale: Q, now):
    """Replace the target results matching ``stale`` by ``rows`` (from ``_target_rows``)."""
    TargetSnapshot.objects.filter(stale).delete()
    TargetSnapshot.objects.bulk_create(
        TargetSnapshot(organization_id=org_id, year=year, requirement_id=requirement_id, target_percent=percent,
                       met=met, computed_at=now)
        for org_id, year, requirement_id, percent, met in rows
    )


def refresh_targets() -> int:
    """Rewrite every target result from the stored aggregates (after a directive, requirement or target changed)."""
    now = timezone.now()
    with transaction.atomic():
        _lock()
        figures = {
            (org_id, year): (num, den)
            for org_id, year, num, den in CoverageSnapshot.objects.values_list(
                "organization_id", "year", "numerator", "denominator"
            )
        }
        _write_targets(_target_rows(figures, _org_paths()), Q(), now)
        stamp(Organization.objects.values_list("pk", flat=True))
    return len(figures)


def stamp(organization_ids) -> None:
    """Give these organizations and every ancestor of theirs a new snapshot stamp (``SnapshotStamp``): the data
    their subtrees' dashboards are read from changed. In the caller's transaction, so the new stamp and the new
    figures become visible together; ids in ascending order, so two writers never wait on each other in a cycle."""
    ids = {int(pk) for pk in organization_ids if pk is not None}
    if not ids:
        return
    paths = []
    listed = sorted(ids)
    for start in range(0, len(listed), MAX_LISTED_ORGANIZATIONS):
        chunk = listed[start:start + MAX_LISTED_ORGANIZATIONS]
        paths += Organization.objects.filter(pk__in=chunk).values_list("path", flat=True)
    stamp_paths(paths)


def stamp_paths(paths) -> None:
    """``stamp`` for the organizations at these materialized paths (each and its ancestors)."""
    every = sorted({pk for path in paths for pk in _ancestors(path)})
    SnapshotStamp.objects.bulk_create(
        [SnapshotStamp(organization_id=pk) for pk in every],
        update_conflicts=True, unique_fields=["organization"], update_fields=["token"],
        batch_size=MAX_LISTED_ORGANIZATIONS,
    )


def mark_dirty(draft_ids) -> None:
    DirtyDraft.objects.bulk_create(DirtyDraft(draft_id=pk) for pk in sorted(set(draft_ids)))


def recompute_dirty(*, today: dt.date | None = None) -> RecomputeResult | None:
    """Claim every changed draft recorded so far and recompute what they touch; None when nothing changed."""
    with transaction.atomic():
        _lock()
        claim = uuid.uuid4()
        if not DirtyDraft.objects.filter(claim__isnull=True).update(claim=claim):
            return None
        result = recompute(Scope(claim=claim), today=today)
        DirtyDraft.objects.filter(claim=claim).delete()
        return result


def has_dirty() -> bool:
    return DirtyDraft.objects.filter(claim__isnull=True).exists()
