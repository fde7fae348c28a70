import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.services import StaleEdit
from drafts import services
from drafts.models import Draft, DraftStatus, Policy

from .conftest import A, D, S


def create(tree, actor, **overrides):
    fields = {
        "title": "Dự thảo quy định",
        "document_type": "provincial_council_resolution",
        "drafting_organization": tree["department"],
        "proposal_consultation_start": S,
    }
    return services.draft_create(actor=actor, **{**fields, **overrides})


def test_draft_consultation_before_proposal_names_both_dates(tree, official):
    with pytest.raises(ValidationError) as excinfo:
        create(tree, official, draft_consultation_start=dt.date(2024, 1, 15))
    message = excinfo.value.message_dict["draft_consultation_start"][0]
    assert "15/01/2024" in message and "01/02/2024" in message
    assert not Draft.objects.exists()


def test_adoption_before_draft_consultation_names_both_dates(tree, official):
    with pytest.raises(ValidationError) as excinfo:
        create(tree, official, draft_consultation_start=D, adopted_on=dt.date(2024, 4, 30))
    message = excinfo.value.message_dict["adopted_on"][0]
    assert "30/04/2024" in message and "01/05/2024" in message


def test_consultation_end_before_start_names_both_dates(tree, official):
    with pytest.raises(ValidationError) as excinfo:
        create(tree, official, proposal_consultation_end=dt.date(2024, 1, 31))
    assert "31/01/2024" in excinfo.value.message_dict["proposal_consultation_end"][0]


def test_status_settles_to_adopted_when_a_is_set(tree, official):
    draft = create(tree, official, status=DraftStatus.APPRAISAL, draft_consultation_start=D)
    assert draft.status == DraftStatus.APPRAISAL
    draft = services.draft_update(draft=draft, actor=official, adopted_on=A)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ADOPTED
    assert draft.adopted_on == A


def test_withdrawn_draft_stays_withdrawn_with_a_date(tree, official):
    draft = create(tree, official, status=DraftStatus.WITHDRAWN, adopted_on=A)
    assert draft.status == DraftStatus.WITHDRAWN


def test_adopted_status_without_date_is_refused(tree, official):
    with pytest.raises(ValidationError) as excinfo:
        create(tree, official, status=DraftStatus.ADOPTED)
    assert "adopted_on" in excinfo.value.message_dict


def test_update_with_current_version_bumps_it(tree, official):
    draft = create(tree, official)
    services.draft_update(draft=draft, actor=official, expected_version=1, title="Tên mới")
    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("Tên mới", 2)


def test_stale_edit_is_refused_and_saves_nothing(tree, official, head):
    draft = create(tree, official)
    mine = Draft.objects.get(pk=draft.pk)
    theirs = Draft.objects.get(pk=draft.pk)
    services.draft_update(draft=theirs, actor=head, expected_version=1, title="Their title")
    with pytest.raises(StaleEdit) as excinfo:
        services.draft_update(draft=mine, actor=official, expected_version=1, title="My title")
    assert isinstance(excinfo.value, ValidationError)
    assert "Someone else saved" in excinfo.value.messages[0]
    stored = Draft.objects.get(pk=draft.pk)
    assert (stored.title, stored.version) == ("Their title", 2)


def test_policy_create_stamps_the_assessment(draft, official):
    policy = services.policy_create(
        draft=draft, actor=official, title="Chính sách", criterion_rights=True, high_impact=False
    )
    assert policy.assessed_by == official
    assert policy.assessed_on == timezone.localdate()
    assert policy.position == 1


def test_draft_delete_removes_its_policies(draft, policy, official):
    services.draft_delete(draft=draft, actor=official)
    assert not Draft.objects.filter(pk=draft.pk).exists()
    assert not Policy.objects.filter(pk=policy.pk).exists()
