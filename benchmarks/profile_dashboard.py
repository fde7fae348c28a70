"""Where one dashboard request's time goes: SQL (each query's duration) versus Python (a cProfile sample).

Requests go through Django's test client (the whole middleware stack, no network) as the organization's first head.
Run with the same DATABASE_URL as the server, after a warm-up request has computed any missing year:

    python benchmarks/profile_dashboard.py CODE [--year 2024] [--requests 20] [--top 25] [--path /accounts/profile/]

SORT=tottime (any pstats key) orders the profile by another column than the cumulative time.

Every request is rendered from the snapshots: the dashboard keeps no copy of a page.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policycomms.settings")
os.environ["DJANGO_ALLOWED_HOSTS"] = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1") + ",testserver"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import Membership, Role  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--path", help="another page to ask for as the same head (e.g. the trivial /accounts/profile/)")
    args = parser.parse_args()

    membership = Membership.objects.filter(organization__code=args.code, role=Role.HEAD).order_by("pk").first()
    if membership is None:
        sys.exit(f"No head of {args.code}: run prepare_dashboard_users.py first.")
    client = Client()
    client.force_login(membership.user)
    url = args.path or reverse("dashboards:organization", args=[args.code]) + f"?year={args.year}"
    for _ in range(3):  # warm-up: imports, template loading, the connection
        assert client.get(url).status_code == 200

    queries = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(((time.perf_counter() - started) * 1000, sql))

    walls, cpus, sql_ms = [], [], []

    for _ in range(args.requests):
        queries.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(timed):
            client.get(url)
        cpus.append((time.process_time() - started_cpu) * 1000)
        walls.append((time.perf_counter() - started) * 1000)
        sql_ms.append(sum(ms for ms, _sql in queries))
    walls.sort()
    cpus.sort()
    sql_ms.sort()
    mid = len(walls) // 2
    # CPU time is this process's only: what a web worker spends, whatever else the machine is doing.
    print(f"{url}: {len(queries)} queries; median over {args.requests} requests: wall {walls[mid]:.1f} ms, "
          f"SQL {sql_ms[mid]:.1f} ms, the rest (Python: middleware, view, template) {walls[mid] - sql_ms[mid]:.1f} ms; "
          f"CPU of this process {cpus[mid]:.1f} ms")
    print("\nQueries of the last request (ms):")
    for ms, sql in sorted(queries, reverse=True):
        print(f"  {ms:7.2f}  {sql[:150]}")

    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    out = io.StringIO()
    order = os.environ.get("SORT", "cumulative")
    pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.top)
    print(f"\ncProfile of one request ({order}; profiling inflates Python time):")
    print(out.getvalue())


if __name__ == "__main__":
    main()
