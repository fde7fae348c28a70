from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ...schema import BY_KIND
from ...services import import_file


class Command(BaseCommand):
    help = (
        "Import a workbook (a sheet per kind) or a CSV file through the same checks as the web import. "
        "Without --user the import runs as the system, unrestricted by scope."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check and report, save nothing.")
        parser.add_argument("--user", help="Import with this user's permissions (username).")
        parser.add_argument("--kind", choices=sorted(BY_KIND), help="What a CSV file (or a single sheet) holds.")

    def handle(self, *args, path, dry_run, user, kind, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {user!r}.")
        try:
            open(path, "rb").close()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        report = import_file(path=path, actor=actor, kind=kind, commit=not dry_run)
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(str(warning)))
        for problem in report.errors:
            where = " ".join(part for part in (problem.sheet, f"row {problem.row}" if problem.row else "", problem.column) if part)
            self.stdout.write(f"{where}: {problem.message}" if where else problem.message)
        counts = report.counts
        summary = f"create {counts['create']}, update {counts['update']}, unchanged {counts['unchanged']}"
        if not report.ok:
            raise CommandError(f"{report.error_count} error(s); nothing was saved ({summary} checked).")
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Dry run, nothing saved: {summary}."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported: {summary}."))
