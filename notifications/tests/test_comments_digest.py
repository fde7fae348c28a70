"""The weekly digest lists comments waiting for moderation (per draft, with links), drafts with overdue comments,
and drafts whose posting for comment is missing or too short."""

import datetime as dt

import pytest
from django.core import mail

from consultation.models import Comment, Phase, Posting
from notifications import services
from testbed import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def test_the_digest_lists_pending_comments_overdue_drafts_and_posting_problems(tree, head, english):
    services.preference_update(user=head, at_risk=True, missing_campaign=True, weekly_digest=True, language="en")
    busy = factories.DraftFactory(drafting_organization=tree["unit"], title="Dự thảo học phí",
                                  proposal_consultation_start=dt.date(2026, 11, 1))
    for _ in range(3):
        Comment.objects.create(draft=busy, phase=Phase.PROPOSAL, text="Ý kiến")
    Posting.objects.create(draft=busy, phase=Phase.PROPOSAL, venue="agency_portal", posted_from=dt.date(2026, 11, 1),
                           posted_until=dt.date(2026, 11, 10))
    closed = factories.DraftFactory(drafting_organization=tree["unit"], title="Dự thảo đã ban hành",
                                    proposal_consultation_start=dt.date(2026, 6, 1), adopted_on=dt.date(2026, 9, 1))
    Comment.objects.create(draft=closed, phase=Phase.PROPOSAL, text="Ý kiến", status="published")
    elsewhere = factories.DraftFactory(drafting_organization=tree["other"], title="Dự thảo tỉnh khác")
    Comment.objects.create(draft=elsewhere, phase=Phase.PROPOSAL, text="Ý kiến")

    assert services.send_weekly_digests(today=TODAY) == 1
    [digest] = [m for m in mail.outbox if m.to == [head.email]]
    body = digest.body

    assert "Public comments waiting for moderation:" in body
    assert f"- Dự thảo học phí: 3 comments — http://localhost:8000/consultation/drafts/{busy.pk}/" in body
    assert "Comments unanswered after the consultation closed:" in body
    assert "Dự thảo đã ban hành: 1 comment unanswered, the phase closed on 01/09/2026" in body
    assert "Drafts whose posting for comment is missing or too short:" in body
    assert f"- Dự thảo học phí: posted 10 days, at least 20 required. — http://localhost:8000/drafts/{busy.pk}/#postings" in body
    assert "Dự thảo tỉnh khác" not in body


def test_a_quiet_subtree_adds_nothing_to_the_digest(tree, head, english):
    services.preference_update(user=head, at_risk=True, missing_campaign=True, weekly_digest=True, language="en")
    assert services.send_weekly_digests(today=TODAY) == 1
    body = mail.outbox[0].body
    assert "waiting for moderation" not in body and "missing or too short" not in body
