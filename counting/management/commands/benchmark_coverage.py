"""Time the full recompute against the floor: the same rule as one hand-made SQL statement on the same data."""

import datetime as dt
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries, transaction
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import Activity
from counting import engine
from counting.models import PolicySnapshot
from drafts.models import Policy
from organizations.models import Organization


def floor_sql():
    """Per (organization, year): countable policies and communicated ones, in one statement, no writes.

    Written by hand, independently of the engine: EXISTS per phase instead of counts, no statuses, no reasons.
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


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3, help="Runs of each; the best time is reported.")

    def handle(self, *args, repeat=3, **options):
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

        floor_times = []
        sql = floor_sql() if connection.vendor == "postgresql" else floor_sql().replace(
            "dr.draft_consultation_start - 1", "date(dr.draft_consultation_start, '-1 day')"
        )
        # The engine turns PostgreSQL's JIT off for its statement; the floor is timed both ways and keeps its best,
        # so it is never handicapped by a setting the engine escapes.
        settings_tried = [None, "SET LOCAL jit = off"] if connection.vendor == "postgresql" else [None]
        best_by_setting = {}
        for setting in settings_tried:
            for _ in range(repeat):
                with transaction.atomic(), connection.cursor() as cursor:
                    if setting:
                        cursor.execute(setting)
                    start = time.perf_counter()
                    cursor.execute(sql, [True, True])
                    floor_rows = cursor.fetchall()
                    floor_times.append(time.perf_counter() - start)
            best_by_setting[setting or "server settings"] = min(floor_times[-repeat:])

        # The two must agree before their times mean anything.
        own = {}
        for org_id, year, den, num in floor_rows:
            own[(org_id, int(year))] = (int(num), int(den))
        mine = {
            (r["organization_id"], r["year"]): (r["n"], r["total"])
            for r in PolicySnapshot.objects.exclude(year=None).values("organization_id", "year")
            .annotate(total=Count("pk"), n=Count("pk", filter=Q(status="communicated"))).order_by()
        }
        agree = "yes" if mine == own else "NO"
        best_engine, best_floor = min(engine_times), min(floor_times)

        def ratio(seconds):
            return f"{seconds / best_floor if best_floor else float('inf'):.2f}"

        self.stdout.write(
            f"engine (full recompute, {result.policies} policies, {queries} queries):\n"
            f"  from no snapshots: {from_empty:.3f} s (ratio {ratio(from_empty)})\n"
            f"  next day: {next_day:.3f} s (ratio {ratio(next_day)})\n"
            f"  nothing changed: {best_engine:.3f} s (ratio {ratio(best_engine)})\n"
            f"floor (one SELECT, no writes): {best_floor:.3f} s "
            f"({', '.join(f'{name}: {t:.3f} s' for name, t in best_by_setting.items())})\n"
            f"figures agree: {agree}\n"
            f"AT_RISK_AFTER_DAYS={settings.AT_RISK_AFTER_DAYS}"
        )
