"""Issue 15 point 6: a draft that counts in a year, or falls in a signed-off year, is withdrawn, not deleted; only a
superuser deletes it, through the admin's audited action (docs/operations.md, "Deleting a draft that counts")."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse

from campaigns.models import Activity
from counting.engine import recompute
from drafts import services
from drafts.models import Draft, DraftStatus
from reports.models import SignOff
from testbed import factories

A = dt.date(2025, 6, 30)


@pytest.fixture
def counted(tree):
    """Adopted in 2025, one high-impact policy communicated: it counts in 2025."""
    draft = factories.DraftFactory(
        drafting_organization=tree["unit"], proposal_consultation_start=dt.date(2025, 2, 1), adopted_on=A
    )
    factories.PolicyFactory(draft=draft)
    factories.ActivityFactory(draft=draft)
    return draft


@pytest.fixture
def plain(tree):
    """Not adopted: in progress, counts in no year."""
    draft = factories.DraftFactory(drafting_organization=tree["unit"])
    factories.PolicyFactory(draft=draft)
    return draft


def test_a_draft_in_progress_may_be_deleted(plain, official):
    assert services.draft_delete_blockers(plain) == []
    services.draft_delete(draft=plain, actor=official)
    assert not Draft.objects.filter(pk=plain.pk).exists()


def test_a_counted_draft_is_refused_to_an_official(counted, official):
    with pytest.raises(services.DraftDeleteRefused) as refused:
        services.draft_delete(draft=counted, actor=official)
    assert "2025" in refused.value.message and "Withdraw" in refused.value.message
    assert Draft.objects.filter(pk=counted.pk).exists() and Activity.objects.filter(draft=counted).exists()


def test_the_engines_stored_results_block_too(counted, official):
    """The stored snapshot says the draft counts in 2025 even after someone cleared its policies' high-impact flag
    and before the recompute ran."""
    recompute(today=dt.date(2026, 12, 1))
    counted.policies.update(high_impact=False)
    assert services.draft_delete_blockers(counted) == ["It counts in the coverage of 2025."]


def test_a_withdrawn_draft_in_a_year_nobody_signed_off_may_be_deleted(counted, official):
    counted.status = DraftStatus.WITHDRAWN
    counted.save()
    assert services.draft_delete_blockers(counted) == []
    services.draft_delete(draft=counted, actor=official)


def test_a_withdrawn_draft_of_a_signed_off_year_is_refused(counted, official, head, tree):
    counted.status = DraftStatus.WITHDRAWN
    counted.save()
    SignOff.objects.create(organization=tree["city"], year=2025, version=1, data={}, signed_by=head)
    assert services.draft_delete_blockers(counted) == ["It falls in a signed-off year (2025)."]
    with pytest.raises(services.DraftDeleteRefused):
        services.draft_delete(draft=counted, actor=official)


def test_a_superuser_needs_a_reason_and_the_audit_log_keeps_it(counted, official):
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    with pytest.raises(services.DraftDeleteRefused):
        services.draft_delete(draft=counted, actor=root)
    pk = counted.pk
    services.draft_delete(draft=counted, actor=root, override_reason="Nhập trùng")
    entry = LogEntry.objects.get(object_pk=str(pk), action=LogEntry.Action.DELETE, content_type__model="draft")
    assert entry.actor == root
    assert entry.additional_data["protected_delete"]["reason"] == "Nhập trùng"


def test_web_delete_view_refuses_and_keeps_everything(client, official, counted):
    client.force_login(official)
    page = client.get(reverse("drafts:delete", args=[counted.pk]), follow=True)
    assert page.redirect_chain[-1][0] == reverse("drafts:detail", args=[counted.pk])
    assert "This draft cannot be deleted." in page.text
    response = client.post(reverse("drafts:delete", args=[counted.pk]))
    assert response.status_code == 302 and response.url == reverse("drafts:detail", args=[counted.pk])
    assert Draft.objects.filter(pk=counted.pk).exists()


def test_admin_action_is_for_superusers_and_asks_for_a_reason(client, counted, tree):
    url = reverse("admin:drafts_draft_changelist")
    staff = factories.UserFactory(username="staff", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename="view_draft"))
    client.force_login(staff)
    page = client.get(url)
    assert page.status_code == 200 and "delete_with_audit" not in page.text

    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    assert "delete_with_audit" in client.get(url).text
    data = {"action": "delete_with_audit", "_selected_action": [counted.pk]}
    confirm = client.post(url, data)
    assert confirm.status_code == 200 and "It counts in the coverage of 2025." in confirm.text
    client.post(url, {**data, "confirm": "yes", "reason": ""})
    assert Draft.objects.filter(pk=counted.pk).exists()
    done = client.post(url, {**data, "confirm": "yes", "reason": "Nhập trùng"})
    assert done.status_code == 302
    assert not Draft.objects.filter(pk=counted.pk).exists()
    entry = LogEntry.objects.get(object_pk=str(counted.pk), action=LogEntry.Action.DELETE, content_type__model="draft")
    assert entry.actor == root and entry.additional_data["protected_delete"]["reason"] == "Nhập trùng"
