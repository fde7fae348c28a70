import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from campaigns import services
from campaigns.models import Activity, Campaign, StoredFile
from core.services import StaleEdit
from testbed import factories

from .samples import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def activity_fields(draft, **extra):
    return {"channel": "portal", "date": draft.proposal_consultation_start, "status": "done", "title": "Bài viết", **extra}


def test_activity_covers_only_policies_of_its_own_draft(official, draft, other_draft):
    foreign = other_draft.policies.get()
    with pytest.raises(ValidationError) as excinfo:
        services.activity_create(
            draft=draft, actor=official, policies=[draft.policies.first(), foreign], **activity_fields(draft)
        )
    assert "policies" in excinfo.value.message_dict
    assert not Activity.objects.exists()


def test_update_refuses_a_policy_of_another_draft_and_keeps_the_old_ones(official, draft, other_draft):
    own = draft.policies.first()
    activity = services.activity_create(draft=draft, actor=official, policies=[own], **activity_fields(draft))
    with pytest.raises(ValidationError):
        services.activity_update(
            activity=activity, actor=official, expected_version=activity.version,
            policies=[other_draft.policies.get()], title="Changed",
        )
    activity = Activity.objects.get(pk=activity.pk)
    assert list(activity.policies.all()) == [own]
    assert activity.title == "Bài viết"


def test_activity_refuses_a_campaign_of_another_draft(official, draft, other_draft):
    foreign_campaign = factories.CampaignFactory(draft=other_draft)
    with pytest.raises(ValidationError) as excinfo:
        services.activity_create(draft=draft, actor=official, campaign=foreign_campaign, **activity_fields(draft))
    assert "campaign" in excinfo.value.message_dict
    assert not Activity.objects.exists()


def test_two_officials_editing_the_same_activity_second_gets_stale_error(official, head, activity):
    # Both open the form on the same version.
    seen_by_first = Activity.objects.get(pk=activity.pk)
    seen_by_second = Activity.objects.get(pk=activity.pk)
    opened_on = seen_by_first.version

    services.activity_update(activity=seen_by_first, actor=official, expected_version=opened_on, reach=500)
    with pytest.raises(StaleEdit):
        services.activity_update(activity=seen_by_second, actor=head, expected_version=opened_on, title="Overwrite")

    stored = Activity.objects.get(pk=activity.pk)
    assert stored.reach == 500  # the first edit is not lost
    assert stored.title == "Họp báo dự thảo"  # the stale one did not land
    assert stored.version == opened_on + 1


def test_activity_create_attaches_evidence_and_delete_removes_the_bytes(
    official, draft, django_capture_on_commit_callbacks
):
    activity = services.activity_create(
        draft=draft, actor=official, evidence=[upload("a.pdf", pdf_bytes())], **activity_fields(draft)
    )
    path = Path(activity.evidence_files.get().file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_delete(activity=activity, actor=official)
    assert not path.exists()
    assert not StoredFile.objects.exists()


def test_a_refused_file_rolls_back_the_whole_activity(official, draft):
    with pytest.raises(ValidationError):
        services.activity_create(
            draft=draft, actor=official, evidence=[upload("x.pdf", b"<html>")], **activity_fields(draft)
        )
    assert not Activity.objects.exists() and not StoredFile.objects.exists()


def test_campaign_plan_document_is_replaced_and_the_old_file_removed(
    official, draft, django_capture_on_commit_callbacks
):
    campaign = services.campaign_create(
        draft=draft, actor=official, title="KH", period_start=dt.date(2024, 2, 1),
        plan_upload=upload("v1.pdf", pdf_bytes()),
    )
    old = campaign.plan_document
    old_path = Path(old.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        campaign = services.campaign_update(campaign=campaign, actor=official, plan_upload=upload("v2.pdf", pdf_bytes()))
    assert campaign.plan_document.original_name == "v2.pdf"
    assert not StoredFile.objects.filter(pk=old.pk).exists()
    assert not old_path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_update(campaign=campaign, actor=official, plan_document=None)
    assert not StoredFile.objects.exists()


def test_campaign_delete_removes_its_plan_document_and_keeps_activities(official, draft, campaign, activity):
    campaign = services.campaign_update(campaign=campaign, actor=official, plan_upload=upload("p.pdf", pdf_bytes()))
    services.campaign_delete(campaign=campaign, actor=official)
    assert not Campaign.objects.exists() and not StoredFile.objects.exists()
    assert Activity.objects.get(pk=activity.pk).campaign is None


def test_campaign_period_end_before_start_is_refused(official, draft):
    with pytest.raises(ValidationError) as excinfo:
        services.campaign_create(
            draft=draft, actor=official, title="KH", period_start=dt.date(2024, 3, 1), period_end=dt.date(2024, 2, 1)
        )
    assert "period_end" in excinfo.value.message_dict
    assert not Campaign.objects.exists()


def test_refused_plan_document_saves_no_campaign(official, draft):
    with pytest.raises(ValidationError):
        services.campaign_create(
            draft=draft, actor=official, title="KH", period_start=dt.date(2024, 3, 1),
            plan_upload=upload("plan.docx", b"not really a docx"),
        )
    assert not Campaign.objects.exists() and not StoredFile.objects.exists()


def test_a_refused_second_file_leaves_no_first_file_on_disk(official, draft, settings):
    with pytest.raises(ValidationError):
        services.activity_create(
            draft=draft, actor=official, evidence=[upload("ok.pdf", pdf_bytes()), upload("bad.pdf", b"<html>")],
            **activity_fields(draft),
        )
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
