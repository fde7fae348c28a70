"""Time and peak memory of each export format on whatever dataset is loaded.

Without ``--organization`` it measures the national export: the annual report of every root organization
(ministries and provinces), built once, then rendered in each format.
"""

import resource
import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError

from organizations.models import Organization
from reports.models import ExportFormat
from reports.renderers import render
from reports.services import build_annual_report


def _measure(fn):
    """(result, wall seconds, CPU seconds, peak traced Python memory in MiB). tracemalloc slows the run a little."""
    tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = fn()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, cpu, peak / 2**20


class Command(BaseCommand):
    help = "Benchmark the annual report export (build + each format): seconds and peak memory."

    def add_arguments(self, parser):
        parser.add_argument("--organization", help="One organization code (default: every root organization)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", action="append", choices=ExportFormat.values, help="Repeatable; default all")

    def handle(self, *args, organization=None, year, format=None, **options):
        organizations = self._organizations(organization)
        formats = format or ExportFormat.values
        self.stdout.write(f"{len(organizations)} organization(s), year {year}")

        reports, seconds, cpu, peak = _measure(
            lambda: [build_annual_report(organization=org, year=year) for org in organizations]
        )
        policies = sum(r.denominator + len(r.in_progress_policies) for r in reports)
        self.stdout.write(
            f"build: {seconds:.2f} s wall, {cpu:.2f} s CPU, peak Python memory {peak:.1f} MiB; {policies} policy rows, "
            f"{sum(len(r.organizations) for r in reports)} organization rows"
        )
        self.stdout.write(
            "| format | wall s | CPU s | peak Python memory (MiB) | process max RSS so far (MiB) | total size (KiB) |"
        )
        self.stdout.write("|---|---:|---:|---:|---:|---:|")
        for fmt in formats:
            contents, seconds, cpu, peak = _measure(lambda: [render(r, fmt) for r in reports])
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            size = sum(len(c) for c in contents) / 1024
            self.stdout.write(f"| {fmt} | {seconds:.2f} | {cpu:.2f} | {peak:.1f} | {rss:.0f} | {size:.0f} |")
            del contents

    def _organizations(self, code):
        if code:
            org = Organization.objects.filter(code=code).first()
            if org is None:
                raise CommandError(f"No organization with code {code!r}.")
            return [org]
        roots = list(Organization.objects.filter(parent__isnull=True).order_by("path"))
        if not roots:
            raise CommandError("No organizations are loaded.")
        return roots
