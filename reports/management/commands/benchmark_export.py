"""Time and peak memory of each export format on whatever dataset is loaded.

Without ``--organization`` it measures the national export: the annual report of every root organization
(ministries and provinces), built once, then rendered in each format.
"""

import resource
import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError

from organizations.models import Organization
from reports.builder import build_annual_report
from reports.models import ExportFormat
from reports.renderers import render


def _measure(fn, *, trace=True):
    """(result, wall seconds, CPU seconds, peak traced Python memory in MiB or None).

    tracemalloc slows allocation-heavy code: WeasyPrint runs about 3-4x slower under it, hence ``--no-trace``."""
    if trace:
        tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = fn()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return result, seconds, cpu, peak


def _mib(value):
    return "—" if value is None else f"{value:.1f}"


class Command(BaseCommand):
    help = "Benchmark the annual report export (build + each format): seconds and peak memory."

    def add_arguments(self, parser):
        parser.add_argument("--organization", help="One organization code (default: every root organization)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", action="append", choices=ExportFormat.values, help="Repeatable; default all")
        parser.add_argument(
            "--no-trace", action="store_true", help="Skip tracemalloc: true times, max RSS only (no Python peak)"
        )

    def handle(self, *args, organization=None, year, format=None, no_trace=False, **options):
        organizations = self._organizations(organization)
        formats = format or ExportFormat.values
        self.stdout.write(f"{len(organizations)} organization(s), year {year}")

        build_seconds = {}  # organization code -> seconds its report's data took to build

        def build_each():
            built = []
            for org in organizations:
                started = time.perf_counter()
                built.append(build_annual_report(organization=org, year=year))
                build_seconds[org.code] = time.perf_counter() - started
            return built

        reports, seconds, cpu, peak = _measure(build_each, trace=not no_trace)
        policies = sum(r.denominator + len(r.in_progress_policies) for r in reports)
        # What the PDF/DOCX list: the year's policies and the at-risk ones in progress (the XLSX lists all).
        listed = sum(len(r.policies) + sum(p.status == "at_risk" for p in r.in_progress_policies) for r in reports)
        self.stdout.write(
            f"build: {seconds:.2f} s wall, {cpu:.2f} s CPU, peak Python memory {_mib(peak)} MiB; {policies} policy rows "
            f"({listed} listed in the PDF/DOCX), {sum(len(r.organizations) for r in reports)} organization rows"
        )
        self.stdout.write(
            "| format | wall s | CPU s | peak Python memory (MiB) | process max RSS so far (MiB) | total size (KiB) "
            "| slowest document: build + render s (organization) |"
        )
        self.stdout.write("|---|---:|---:|---:|---:|---:|---|")
        for fmt in formats:
            each = []  # (render seconds, organization code): one export job renders one of these documents

            def render_each(fmt=fmt, each=each):
                contents = []
                for organization, report in zip(organizations, reports):
                    started = time.perf_counter()
                    contents.append(render(report, fmt))
                    each.append((time.perf_counter() - started, organization.code))
                return contents

            contents, seconds, cpu, peak = _measure(render_each, trace=not no_trace)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            size = sum(len(c) for c in contents) / 1024
            slowest, code = max(each)
            job = build_seconds[code] + slowest
            self.stdout.write(
                f"| {fmt} | {seconds:.2f} | {cpu:.2f} | {_mib(peak)} | {rss:.0f} | {size:.0f} | {job:.2f} ({code}) |"
            )
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
