from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Activity
from drafts.models import Draft, Policy
from organizations.models import Organization

from ... import exporters
from ...schema import ACTIVITIES, DRAFTS, ORGANIZATIONS, POLICIES


class Command(BaseCommand):
    help = "Export an organization's subtree (organizations, drafts, policies, activities) as one workbook."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="Code of the top organization.")
        parser.add_argument("path", help="Where to write the .xlsx file.")

    def handle(self, *args, path, organization, **options):
        top = Organization.objects.filter(code=organization).first()
        if top is None:
            raise CommandError(f"No organization with code {organization!r}.")
        sheets = [
            (ORGANIZATIONS, exporters.rows_for(ORGANIZATIONS, Organization.objects.subtree_of(top))),
            (DRAFTS, exporters.rows_for(DRAFTS, Draft.objects.in_subtree(top))),
            (POLICIES, exporters.rows_for(POLICIES, Policy.objects.in_subtree(top))),
            (ACTIVITIES, exporters.rows_for(ACTIVITIES, Activity.objects.filter(draft__drafting_organization__path__startswith=top.path))),
        ]
        exporters.write_workbook(path, sheets)
        self.stdout.write(self.style.SUCCESS(f"Wrote {path}"))
