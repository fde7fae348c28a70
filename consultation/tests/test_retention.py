"""A portal commenter's personal data is erased once the report of its phase was approved more than
CONSULTATION_PERSONAL_DATA_DAYS days ago, as the form's notice promises; the comment stays and no copy is left in
the audit log."""

import datetime as dt

from auditlog.models import LogEntry
from django.utils import timezone

from consultation.models import Comment, ConsultationReport, Phase, ReportStatus, Source
from consultation.services import erase_expired_personal_data
from consultation.tasks import erase_personal_data
from testbed import factories

# A portal commenter who left their name, locality and address, and asked for their name to be shown.
COMMENTER = {
    "submitter_name": "Nguyễn Thị Hoa", "submitter_organization": "Phường Lê Chân", "email": "hoa@example.vn",
    "show_name": True,
}


def _approved(draft, days_ago):
    return ConsultationReport.objects.create(
        draft=draft, phase=Phase.PROPOSAL, status=ReportStatus.APPROVED,
        approved_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def test_erased_after_the_retention_and_kept_before(tree, settings):
    settings.CONSULTATION_PERSONAL_DATA_DAYS = 365
    old, recent, open_draft = (factories.DraftFactory(drafting_organization=tree["unit"]) for _ in range(3))
    _approved(old, 366)
    _approved(recent, 364)
    expired = factories.CommentFactory(draft=old, text="Ý kiến", **COMMENTER)
    kept = factories.CommentFactory(draft=recent, **COMMENTER)
    unapproved = factories.CommentFactory(draft=open_draft, **COMMENTER)
    # A letter recorded by an official: not under the form's notice.
    letter = factories.CommentFactory(draft=old, source=Source.LETTER, **COMMENTER)

    assert erase_personal_data() == 1
    expired.refresh_from_db()
    assert (expired.submitter_name, expired.submitter_organization, expired.email, expired.show_name) == ("", "", "", False)
    assert expired.text == "Ý kiến" and Comment.objects.count() == 4
    for other in (kept, unapproved, letter):
        other.refresh_from_db()
        assert other.email == "hoa@example.vn" and other.submitter_name == "Nguyễn Thị Hoa"
    assert erase_expired_personal_data() == 0  # nothing left to erase


def test_the_audit_log_never_holds_a_commenters_personal_data(tree):
    comment = factories.CommentFactory(draft__drafting_organization=tree["unit"], **COMMENTER)
    comment.submitter_name = "Trần Văn B"
    comment.save()
    history = " ".join(str(e.changes) for e in LogEntry.objects.get_for_object(comment))
    assert history and "hoa@example.vn" not in history and "Nguyễn Thị Hoa" not in history and "Trần Văn B" not in history
