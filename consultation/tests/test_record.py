"""Comments from other channels, entered by an official: cleaned text, the phase of the day received, refusals."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultation.models import Comment, Phase, Source, Status
from consultation.services import clean_text, comment_record
from testbed import factories


@pytest.fixture
def draft(tree):
    return factories.DraftFactory(
        drafting_organization=tree["unit"],
        proposal_consultation_start=dt.date(2026, 3, 1),
        draft_consultation_start=dt.date(2026, 6, 1),
    )


def test_text_is_nfc_with_control_characters_removed():
    decomposed = "Lua\u0323\u0302t"  # "Luật" typed with combining marks
    assert clean_text(f"  {decomposed}\x00\x1b mới\r\ndòng 2 ") == "Luật mới\ndòng 2"


def test_a_meeting_opinion_is_published_in_the_phase_of_its_day(draft, official):
    activity = factories.ActivityFactory(draft=draft)
    comment = comment_record(
        draft=draft,
        actor=official,
        source=Source.MEETING,
        activity=activity,
        text="Đề nghị làm rõ khoản 2",
        provision="Điều 5, khoản 2",
        received_at=timezone.make_aware(dt.datetime(2026, 6, 2, 9, 0)),
    )
    assert (comment.phase, comment.status, comment.created_by) == (Phase.DRAFT, Status.PUBLISHED, official)
    assert activity.comments.count() == 1


def test_refused_without_text_or_with_a_policy_of_another_draft(draft, official, tree):
    other = factories.PolicyFactory(draft=factories.DraftFactory(drafting_organization=tree["unit"]))
    with pytest.raises(ValidationError) as empty:
        comment_record(draft=draft, actor=official, source=Source.LETTER, text=" \x00 ")
    assert "text" in empty.value.message_dict
    with pytest.raises(ValidationError) as foreign:
        comment_record(draft=draft, actor=official, source=Source.LETTER, text="Ý kiến", policy=other)
    assert "policy" in foreign.value.message_dict
    with pytest.raises(ValidationError):
        comment_record(draft=draft, actor=official, source=Source.PORTAL, text="Ý kiến")
    assert not Comment.objects.exists()
