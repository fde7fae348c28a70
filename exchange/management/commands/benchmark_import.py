import datetime as dt
import resource
import tempfile
import time
import tracemalloc
from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from organizations.services import organization_create

from ... import exporters
from ...schema import ACTIVITIES, DRAFTS, POLICIES
from ...services import import_file


def _rows(spec, count, make):
    for i in range(count):
        values = make(i)
        yield [values.get(c.key) for c in spec.columns]


class _QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = (
        "Time a real import of a generated workbook (a third each of drafts, policies, activities) and report its "
        "peak memory. Everything happens in a transaction that is rolled back, so no data is left behind."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument(
            "--trace", action="store_true", help="Also measure the Python heap peak with tracemalloc (slower)."
        )
        parser.add_argument(
            "--queries", action="store_true", help="Also count the SQL queries the import runs."
        )

    def handle(self, *args, rows, trace, queries, **options):
        per_kind = max(rows // 3, 1)
        code = f"BENCH-{int(time.time())}"
        start = dt.date(2024, 2, 1)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "benchmark.xlsx"
            exporters.write_workbook(path, [
                (DRAFTS, _rows(DRAFTS, per_kind, lambda i: {
                    "ref": f"B-{i}", "organization": code, "title": f"Dự thảo thử nghiệm {i}",
                    "document_type": "decree", "proposal_consultation_start": start,
                    "draft_consultation_start": start + dt.timedelta(days=30),
                    "adopted_on": start + dt.timedelta(days=90), "published": i % 2 == 0,
                })),
                (POLICIES, _rows(POLICIES, per_kind, lambda i: {
                    "ref": f"BP-{i}", "organization": code, "draft": f"B-{i}", "title": f"Chính sách {i}",
                    "summary": "Nội dung", "criterion_rights": True, "criterion_sensitive": True,
                    "criterion_wide": True, "criterion_not_secret": True, "high_impact": True, "in_scope": True,  # nosec B105
                })),
                (ACTIVITIES, _rows(ACTIVITIES, rows - 2 * per_kind, lambda i: {
                    "ref": f"BA-{i}", "organization": code, "draft": f"B-{i % per_kind}", "policies": [f"BP-{i % per_kind}"],
                    "channel": "portal", "date": start + dt.timedelta(days=5), "status": "done", "title": f"Hoạt động {i}",
                })),
            ])
            size = path.stat().st_size
            usage_before = resource.getrusage(resource.RUSAGE_SELF)
            rss_before = usage_before.ru_maxrss
            if trace:
                tracemalloc.start()
            began = time.perf_counter()
            with transaction.atomic():
                organization_create(code=code, name="Benchmark", kind="other")
                counter = _QueryCounter()
                with connection.execute_wrapper(counter) if queries else nullcontext():
                    report = import_file(path=path, actor=None, commit=True)
                transaction.set_rollback(True)
            elapsed = time.perf_counter() - began
            heap_peak = tracemalloc.get_traced_memory()[1] if trace else None
            if trace:
                tracemalloc.stop()
            usage_after = resource.getrusage(resource.RUSAGE_SELF)
            rss_after = usage_after.ru_maxrss
            cpu = (usage_after.ru_utime + usage_after.ru_stime) - (usage_before.ru_utime + usage_before.ru_stime)
        self.stdout.write(f"rows: {rows} ({dict(report.counts)}), errors: {report.error_count}")
        self.stdout.write(f"file: {size / 1024 / 1024:.1f} MB")
        self.stdout.write(f"time: {elapsed:.1f} s wall ({rows / elapsed:.0f} rows/s), {cpu:.1f} s CPU in this process")
        self.stdout.write(f"peak RSS: {rss_after / 1024:.0f} MB (was {rss_before / 1024:.0f} MB before the import)")
        if queries:
            self.stdout.write(f"queries: {counter.count} ({counter.count / rows:.1f} per row)")
        if heap_peak is not None:
            self.stdout.write(f"python heap peak during import: {heap_peak / 1024 / 1024:.1f} MB")
