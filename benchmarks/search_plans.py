"""Plans and times of the list searches (docs/search.md). Run on a generated dataset:

    DATABASE_URL=… manage.py generate_dataset --size medium
    DATABASE_URL=… manage.py shell < benchmarks/search_plans.py

For each list, the folded search as ``search()`` sends it, EXPLAIN ANALYZE of it, the first page (25 rows) and the
count, beside the former ``icontains`` for the same words written with their marks (which found them only so).
"""

import statistics
import time

from django.db import connection
from django.db.models import Q

from campaigns.models import Activity, Campaign
from drafts.models import Draft, Policy
from organizations.models import Organization

CASES = [
    (Draft, "hoc phi", "học phí", ["title", "issued_number"]),
    (Policy, "HỌC PHÍ", "học phí", ["title", "summary", "draft__title"]),
    (Campaign, "hoc phi", "học phí", ["title", "draft__title"]),
    (Activity, "hop bao", "họp báo", ["title", "description", "draft__title"]),
    (Activity, "giao vien mam non", "giáo viên mầm non", ["title", "description", "draft__title"]),
    (Organization, "dao tao", "đào tạo", ["name", "code"]),
]


def best_of(run, repeat=5):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return min(times), statistics.median(times)


for model, typed, marked, fields in CASES:
    folded = model.objects.search(typed)
    old = Q()
    for field in fields:
        old |= Q(**{f"{field}__icontains": marked})
    former = model.objects.filter(old)
    sql, params = folded.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    rows = folded.count()
    page_min, page_med = best_of(lambda qs=folded: list(qs[:25]))
    old_min, old_med = best_of(lambda qs=former: list(qs[:25]))
    print(f"== {model.__name__} {typed!r}: {rows:,} rows; first page {page_min:.1f} ms (median {page_med:.1f}); "
          f"icontains {marked!r} {old_min:.1f} ms (median {old_med:.1f}), {former.count():,} rows")
    for line in plan:
        if "Index Scan" in line or "Seq Scan" in line or "Execution" in line:
            print("   ", line.strip())
