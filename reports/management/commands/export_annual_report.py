from django.core.management.base import BaseCommand, CommandError

from core.typed import report_year_range
from organizations.models import Organization
from reports.exports import export_to_file
from reports.models import ExportFormat


class Command(BaseCommand):
    help = "Write an organization's annual report (current figures) as XLSX, PDF or DOCX, for scheduled archiving."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="Organization code, e.g. HP")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", required=True, choices=ExportFormat.values)
        parser.add_argument("--output", required=True, help="File to write")

    def handle(self, *args, organization, year, format, output, **options):
        org = Organization.objects.filter(code=organization).first()
        if org is None:
            raise CommandError(f"No organization with code {organization!r}.")
        low, high = report_year_range()
        if not low <= year <= high:
            raise CommandError(f"The year must be between {low} and {high}.")
        size = export_to_file(organization=org, year=year, format=format, path=output)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({size:,} bytes)."))
