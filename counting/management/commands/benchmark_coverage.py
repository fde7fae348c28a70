"""Time the full recompute against the floor: the same rule as one hand-made SQL statement on the same data."""

import datetime as dt
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import Activity
from counting import engine
from counting.models import PolicySnapshot
from drafts.models import Policy
from organizations.models import Organization


def floor_exists_sql():
    """Per (organization, year): countable policies and communicated ones, in one statement, no writes.

    Written by hand, independently of the engine: EXISTS per policy and phase, no statuses, no reasons.
    """
    t = engine._tables()
    year = engine._year_of("dr.adopted_on")
    return f"""
SELECT dr.drafting_organization_id, {year} AS year, COUNT(*) AS denominator,
       SUM(CASE WHEN
         EXISTS (SELECT 1 FROM {t['activity']} act WHERE act.draft_id = dr.id AND act.status = 'done'
                 AND act.date >= dr.proposal_consultation_start
                 AND act.date <= COALESCE(dr.draft_consultation_start - 1, dr.adopted_on)
                 AND (NOT EXISTS (SELECT 1 FROM {t['activity_policies']} ap WHERE ap.activity_id = act.id)
                      OR EXISTS (SELECT 1 FROM {t['activity_policies']} ap WHERE ap.activity_id = act.id AND ap.policy_id = p.id)))
         AND (dr.draft_consultation_start IS NULL OR EXISTS (
                 SELECT 1 FROM {t['activity']} act WHERE act.draft_id = dr.id AND act.status = 'done'
                 AND act.date >= dr.draft_consultation_start AND act.date <= dr.adopted_on
                 AND (NOT EXISTS (SELECT 1 FROM {t['activity_policies']} ap WHERE ap.activity_id = act.id)
                      OR EXISTS (SELECT 1 FROM {t['activity_policies']} ap WHERE ap.activity_id = act.id AND ap.policy_id = p.id))))
       THEN 1 ELSE 0 END) AS numerator
FROM {t['policy']} p JOIN {t['draft']} dr ON dr.id = p.draft_id
WHERE p.high_impact = %s AND p.in_scope = %s AND dr.status <> 'withdrawn' AND dr.adopted_on IS NOT NULL
GROUP BY dr.drafting_organization_id, {year}"""  # nosec B608  # docs/security.md


def floor_sets_sql():
    """The same figures as ``floor_exists_sql``, set by set instead of policy by policy: every done activity of an
    adopted draft inside its window is read once and marked with its phase; per draft, which phases hold an
    activity naming no policy; per policy, which phases hold an activity naming it; a policy is communicated when
    every phase of its window is marked in either. Hash joins and aggregates, no probe per policy."""
    t = engine._tables()
    year = engine._year_of("dr.adopted_on")
    return f"""
WITH d AS (
  SELECT dr.id, dr.drafting_organization_id AS org, {year} AS year, dr.proposal_consultation_start AS s,
         dr.draft_consultation_start AS dd, dr.adopted_on AS a
  FROM {t['draft']} dr WHERE dr.status <> 'withdrawn' AND dr.adopted_on IS NOT NULL),
acts AS (
  SELECT act.id, act.draft_id, CASE WHEN d.dd IS NOT NULL AND act.date >= d.dd THEN 1 ELSE 0 END AS late
  FROM {t['activity']} act JOIN d ON d.id = act.draft_id
  WHERE act.status = 'done' AND act.date >= d.s AND act.date <= d.a),
wide AS (
  SELECT acts.draft_id, MIN(acts.late) AS first_late, MAX(acts.late) AS last_late FROM acts
  WHERE NOT EXISTS (SELECT 1 FROM {t['activity_policies']} ap WHERE ap.activity_id = acts.id)
  GROUP BY acts.draft_id),
own AS (
  SELECT ap.policy_id, MIN(acts.late) AS first_late, MAX(acts.late) AS last_late
  FROM acts JOIN {t['activity_policies']} ap ON ap.activity_id = acts.id GROUP BY ap.policy_id)
SELECT d.org, d.year, COUNT(*) AS denominator,
       SUM(CASE WHEN (w.first_late = 0 OR o.first_late = 0)
                 AND (d.dd IS NULL OR w.last_late = 1 OR o.last_late = 1) THEN 1 ELSE 0 END) AS numerator
FROM {t['policy']} p JOIN d ON d.id = p.draft_id
LEFT JOIN wide w ON w.draft_id = d.id LEFT JOIN own o ON o.policy_id = p.id
WHERE p.high_impact = %s AND p.in_scope = %s
GROUP BY d.org, d.year"""  # nosec B608  # docs/security.md


def floor_per_draft_sql():
    """The same figures again, the cheapest way found: per adopted draft, once per phase, whether a done activity
    naming no policy lies in the phase (an index range on (draft, status, date, id) and an anti-join on the links);
    only where the draft has none, per policy, whether a done activity naming it does (its links by policy, then
    the activity by key). With activities that name no policy on most drafts, most policies cost nothing."""
    t = engine._tables()
    year = engine._year_of("dr.adopted_on")
    untargeted = f"NOT EXISTS (SELECT 1 FROM {t['activity_policies']} ap WHERE ap.activity_id = act.id)"  # nosec B608  # docs/security.md
    return f"""
WITH d AS (
  SELECT dr.id, dr.drafting_organization_id AS org, {year} AS year, dr.proposal_consultation_start AS s,
         dr.draft_consultation_start AS dd, dr.adopted_on AS a,
         EXISTS (SELECT 1 FROM {t['activity']} act WHERE act.draft_id = dr.id AND act.status = 'done'
                 AND act.date >= dr.proposal_consultation_start
                 AND act.date <= COALESCE(dr.draft_consultation_start - 1, dr.adopted_on) AND {untargeted}) AS wide_p,
         dr.draft_consultation_start IS NULL OR EXISTS (
                 SELECT 1 FROM {t['activity']} act WHERE act.draft_id = dr.id AND act.status = 'done'
                 AND act.date >= dr.draft_consultation_start AND act.date <= dr.adopted_on AND {untargeted}) AS wide_d
  FROM {t['draft']} dr WHERE dr.status <> 'withdrawn' AND dr.adopted_on IS NOT NULL {engine._subquery_fence()})
SELECT d.org, d.year, COUNT(*) AS denominator,
  SUM(CASE WHEN
     (CASE WHEN d.wide_p THEN TRUE ELSE EXISTS (
        SELECT 1 FROM {t['activity_policies']} ap JOIN {t['activity']} act ON act.id = ap.activity_id
        WHERE ap.policy_id = p.id AND act.status = 'done' AND act.date >= d.s AND act.date <= COALESCE(d.dd - 1, d.a)) END)
     AND (CASE WHEN d.wide_d THEN TRUE ELSE EXISTS (
        SELECT 1 FROM {t['activity_policies']} ap JOIN {t['activity']} act ON act.id = ap.activity_id
        WHERE ap.policy_id = p.id AND act.status = 'done' AND act.date >= d.dd AND act.date <= d.a) END)
   THEN 1 ELSE 0 END) AS numerator
FROM {t['policy']} p JOIN d ON d.id = p.draft_id
WHERE p.high_impact = %s AND p.in_scope = %s
GROUP BY d.org, d.year"""  # nosec B608  # docs/security.md


# The floor is the fastest of these hand-written statements (each checked against the engine's figures).
FLOORS = {"exists per policy": floor_exists_sql, "sets": floor_sets_sql, "per draft, then per policy": floor_per_draft_sql}


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3, help="Runs of each; the best time is reported.")

    def handle(self, *args, repeat=3, **options):
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        if connection.vendor != "postgresql":
            self.stderr.write("Note: the floor uses PostgreSQL date arithmetic; on SQLite it is indicative only.")
        sizes = (Organization.objects.count(), Policy.objects.count(), Activity.objects.count())
        self.stdout.write(f"{connection.vendor}: {sizes[0]} organizations, {sizes[1]} policies, {sizes[2]} activities")

        # The engine writes only the snapshots whose verdict changed, so its cost depends on what is stored.
        # Three cases, each a full recompute: from no snapshots at all (every row written), the next day (every
        # policy in progress rewritten: its reason counts days from the day it was judged on), nothing changed.
        today = timezone.localdate()
        PolicySnapshot.objects.all().delete()

        def timed(day):
            nonlocal queries
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                outcome = engine.recompute(today=day)
                elapsed = time.perf_counter() - start
            queries = len(ctx.captured_queries)
            return outcome, elapsed

        queries = 0
        _, from_empty = timed(today - dt.timedelta(days=1))
        _, next_day = timed(today)
        engine_times = []
        for _ in range(repeat):
            result, elapsed = timed(today)
            engine_times.append(elapsed)
        reset_queries()

        mine = {
            (r["organization_id"], r["year"]): (r["n"], r["total"])
            for r in PolicySnapshot.objects.exclude(year=None).values("organization_id", "year")
            .annotate(total=Count("pk"), n=Count("pk", filter=Q(status="communicated"))).order_by()
        }
        # The engine turns PostgreSQL's JIT off for its statement; each floor is timed both ways and keeps its best,
        # so it is never handicapped by a setting the engine escapes.
        settings_tried = [None, "SET LOCAL jit = off"] if connection.vendor == "postgresql" else [None]
        floors = {}  # name -> (best seconds, {setting: best}, agrees with the engine)
        for name, make_sql in FLOORS.items():
            sql = make_sql()
            if connection.vendor != "postgresql":
                sql = sql.replace("dr.draft_consultation_start - 1", "date(dr.draft_consultation_start, '-1 day')").replace(
                    "d.dd - 1", "date(d.dd, '-1 day')"
                )
            best_by_setting = {}
            for setting in settings_tried:
                times = []
                for _ in range(repeat):
                    with transaction.atomic(), connection.cursor() as cursor:
                        if setting:
                            cursor.execute(setting)
                        start = time.perf_counter()
                        cursor.execute(sql, [True, True])
                        rows = cursor.fetchall()
                        times.append(time.perf_counter() - start)
                best_by_setting[setting or "server settings"] = min(times)
            # A floor and the engine must agree before their times mean anything.
            own = {(org_id, int(year)): (int(num), int(den)) for org_id, year, den, num in rows}
            floors[name] = (min(best_by_setting.values()), best_by_setting, own == mine)
        # What the engine cannot do without: the status of every countable policy, adopted and in progress, from
        # its own statement, with no comparison, no writes and no roll-up. Its ratio bounds this engine's from below
        # (COUNT(status) makes every status be computed).
        judging_sql, judging_params = engine.evaluation_sql(
            engine.Scope(), today=today, at_risk_after_days=settings.AT_RISK_AFTER_DAYS
        )
        judging_times = []
        for _ in range(repeat):
            with transaction.atomic(), connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("SET LOCAL jit = off")
                start = time.perf_counter()
                cursor.execute(f"SELECT COUNT(*), COUNT(status) FROM ({judging_sql}) judged", judging_params)  # nosec B608  # docs/security.md
                judged, _ = cursor.fetchone()
                judging_times.append(time.perf_counter() - start)
        agreeing = {name: f for name, f in floors.items() if f[2]}
        best_engine = min(engine_times)
        best_floor = min(f[0] for f in agreeing.values()) if agreeing else float("nan")
        agree = "yes" if len(agreeing) == len(floors) else "NO: " + ", ".join(sorted(set(floors) - set(agreeing)))

        def ratio(seconds):
            return f"{seconds / best_floor if best_floor else float('inf'):.2f}"

        self.stdout.write(
            f"engine (full recompute, {result.policies} policies, {queries} queries):\n"
            f"  from no snapshots: {from_empty:.3f} s (ratio {ratio(from_empty)})\n"
            f"  next day: {next_day:.3f} s (ratio {ratio(next_day)})\n"
            f"  nothing changed: {best_engine:.3f} s (ratio {ratio(best_engine)})\n"
            f"judging alone ({judged} policies' statuses, the engine's statement without comparison, writes or "
            f"roll-up): {min(judging_times):.3f} s (ratio {ratio(min(judging_times))})\n"
            f"floor (the fastest single SELECT, no writes): {best_floor:.3f} s\n"
            + "".join(
                f"  {name}: {best:.3f} s ({', '.join(f'{k}: {t:.3f} s' for k, t in by.items())})\n"
                for name, (best, by, _) in floors.items()
            )
            + f"figures agree: {agree}\n"
            f"AT_RISK_AFTER_DAYS={settings.AT_RISK_AFTER_DAYS}"
        )
