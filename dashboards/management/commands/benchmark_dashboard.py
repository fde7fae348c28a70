"""``manage.py benchmark_dashboard``: p50/p95 latency and SQL queries of the dashboard view on the loaded data.

Requests go through Django's test client (the whole middleware stack, no network), signed in as the first head
of the organization (or anyone with a role on it or above), failing that a superuser. Nothing is written except what the first request computes
(years never computed) and the session the client opens.
"""

from __future__ import annotations

import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Case, When
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Membership, Role
from dashboards import selectors
from organizations.models import Organization


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


class Command(BaseCommand):
    help = "Measure the dashboard view's latency (p50/p95) and query count over N requests."

    def add_arguments(self, parser):
        parser.add_argument("--organization", help="Organization code (default: the root with the most units).")
        parser.add_argument("--year", type=int, default=None, help="Year shown (default: this year).")
        parser.add_argument("--requests", type=int, default=50, help="Measured requests (default 50).")
        parser.add_argument("--htmx", action="store_true", help="Measure the HTMX fragment instead of the whole page.")
        parser.add_argument("--miss", action="store_true",
                            help="Forget the dashboard's cached data before each request: every request reads it.")

    def handle(self, *args, organization=None, year=None, requests=50, htmx=False, miss=False, **options):
        if requests < 1:
            raise CommandError("--requests must be at least 1.")
        org = self._organization(organization)
        year = year or timezone.localdate().year
        user = self._user(org)
        client = Client()
        client.force_login(user)
        url = reverse("dashboards:organization", args=[org.code]) + f"?year={year}"
        headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "dashboard"} if htmx else {}

        started = time.perf_counter()
        self._get(client, url, headers)  # computes what was never computed; not measured
        warmup = time.perf_counter() - started
        queries = []
        if miss:
            self._forget(org, year)
        # A wrapper, not CaptureQueriesContext: every request start resets the connection's query log.
        with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
            self._get(client, url, headers)
        timings = []
        for _ in range(requests):
            if miss:
                self._forget(org, year)
            started = time.perf_counter()
            self._get(client, url, headers)
            timings.append((time.perf_counter() - started) * 1000)

        self.stdout.write(
            f"dashboard {org.code} {year}{' (htmx fragment)' if htmx else ''}{' (cache miss)' if miss else ''} "
            f"on {connection.vendor}, "
            f"DEBUG={settings.DEBUG}, {requests} requests as {user.username}\n"
            f"  first request (may compute missing years): {warmup * 1000:.0f} ms\n"
            f"  SQL queries per request: {len(queries)}\n"
            f"  p50 {percentile(timings, 50):.1f} ms · p95 {percentile(timings, 95):.1f} ms · "
            f"mean {statistics.mean(timings):.1f} ms · max {max(timings):.1f} ms"
        )

    @staticmethod
    def _forget(org, year):
        """Delete the dashboard's cached data in every language, as a save below ``org`` would make it stale."""
        today = timezone.localdate()
        deleted = []
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                deleted.append(cache.delete(selectors.dashboard_key(org, year, today=today)))
        if not any(deleted):  # the page read another key (another year shown): the run would measure hits
            raise CommandError(f"--miss: no cached dashboard data of {org.code} for {year} to forget.")

    def _get(self, client, url, headers):
        response = client.get(url, **headers)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}.")
        return response

    def _organization(self, code):
        if code:
            org = Organization.objects.filter(code=code).first()
            if org is None:
                raise CommandError(f"No organization with code {code!r}.")
            return org
        from django.db.models import Count

        org = (
            Organization.objects.filter(parent__isnull=True)
            .annotate(n=Count("children"))
            .order_by("-n", "path")
            .first()
        )
        if org is None:
            raise CommandError("No organization: load data first (manage.py generate_dataset).")
        return org

    def _user(self, org):
        # A head if there is one, else anyone who may read it (an administrator above it), else a superuser.
        membership = (
            Membership.objects.filter(organization_id__in=org.ancestor_ids(), user__is_active=True)
            .select_related("user")
            .order_by(Case(When(role=Role.HEAD, then=0), default=1), "-organization__depth", "pk")
            .first()
        )
        if membership:
            return membership.user
        user = get_user_model().objects.filter(is_superuser=True, is_active=True).first()
        if user is None:
            raise CommandError(f"No head of {org.code} and no superuser to sign in as.")
        return user
