from django.core.management.base import BaseCommand, CommandError

from core.typed import year_range
from counting import engine
from organizations.models import Organization


class Command(BaseCommand):
    help = "Recompute coverage snapshots in the foreground (the same work as the Celery tasks)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Only policies adopted in this year (and those in progress).")
        parser.add_argument("--organization", help="Only this organization's subtree (its code).")

    def handle(self, *args, year=None, organization=None, **options):
        org = None
        if organization:
            org = Organization.objects.filter(code=organization).first()
            if org is None:
                raise CommandError(f"No organization has the code {organization!r}.")
        low, high = year_range()
        if year is not None and not low <= year <= high:
            raise CommandError(f"The year must be between {low} and {high}.")
        dirty = engine.recompute_dirty()  # pending changes first, so nothing waits for the next sweep
        result = engine.recompute(engine.Scope(years=(year,) if year else None, organization=org))
        self.stdout.write(
            f"{result.policies} policies judged, {result.organizations} organizations × {len(result.years)} years "
            f"written at {result.computed_at:%d/%m/%Y %H:%M:%S}"
            + (f" (and {dirty.policies} policies of changed drafts)" if dirty else "")
        )
