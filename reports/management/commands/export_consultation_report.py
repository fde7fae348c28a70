from django.core.management.base import BaseCommand, CommandError

from consultation.approval import latest_phase_with_comments
from consultation.models import Comment, Phase
from drafts.models import Draft
from reports.exports import consultation_export_to_file


class Command(BaseCommand):
    help = (
        "Write the summary-and-response report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý) of a draft and "
        "phase as DOCX or PDF. Phase default: the latest phase that has comments."
    )

    def add_arguments(self, parser):
        parser.add_argument("--draft", required=True, type=int, help="Draft id")
        parser.add_argument("--phase", choices=Phase.values, help="proposal or draft (default: the latest with comments)")
        parser.add_argument("--format", required=True, choices=["docx", "pdf"])
        parser.add_argument("--output", required=True, help="File to write")

    def handle(self, *args, draft, phase, format, output, **options):
        found = Draft.objects.select_related("drafting_organization").filter(pk=draft).first()
        if found is None:
            raise CommandError(f"No draft with id {draft}.")
        if phase is None:
            phase = latest_phase_with_comments(found)
            if phase is None:
                raise CommandError(f"Draft {draft} has no comments: there is no report to write.")
        elif not Comment.objects.filter(draft=found, phase=phase).exists():
            raise CommandError(f"Draft {draft} has no comments in the {phase} phase: there is no report to write.")
        try:
            size = consultation_export_to_file(draft=found, phase=phase, format=format, path=output)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror or error}.") from None
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({size:,} bytes): {phase} phase of draft {draft}."))
