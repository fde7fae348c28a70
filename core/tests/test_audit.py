"""Change history (django-auditlog): who changed what, when, from which value to which."""

import datetime as dt

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from campaigns import services as campaign_services
from drafts import services as draft_services
from organizations import services as organization_services
from testbed import factories

pytestmark = pytest.mark.django_db

TRACKED = [
    "organizations.Organization",
    "accounts.Membership",
    "accounts.User",
    "drafts.Draft",
    "drafts.Policy",
    "campaigns.Campaign",
    "campaigns.Activity",
    "campaigns.StoredFile",
]


def _last_update(obj):
    return LogEntry.objects.get_for_object(obj).filter(action=LogEntry.Action.UPDATE).latest("timestamp")


@pytest.mark.parametrize("label", TRACKED)
def test_model_is_tracked(label):
    assert auditlog.contains(apps.get_model(label))


def test_service_change_records_actor_time_and_old_and_new_values(official, tree):
    draft = factories.DraftFactory(drafting_organization=tree["department"], title="Old title")
    before = timezone.now()
    with set_actor(official):
        draft_services.draft_update(draft=draft, actor=official, title="New title")

    entry = _last_update(draft)
    assert entry.actor == official
    assert before <= entry.timestamp <= timezone.now()
    assert entry.changes_dict["title"] == ["Old title", "New title"]
    # Fields nobody touched are not in the entry.
    assert "document_type" not in entry.changes_dict


def test_dates_are_recorded_old_to_new(official, tree):
    draft = factories.DraftFactory(drafting_organization=tree["department"])
    with set_actor(official):
        draft_services.draft_update(draft=draft, actor=official, draft_consultation_start=dt.date(2024, 5, 1))
    assert _last_update(draft).changes_dict["draft_consultation_start"] == ["None", "2024-05-01"]


def test_policies_covered_by_an_activity_are_tracked(official, tree):
    draft = factories.DraftFactory(drafting_organization=tree["department"])
    first, second = factories.PolicyFactory(draft=draft), factories.PolicyFactory(draft=draft)
    activity = factories.ActivityFactory(draft=draft, policies=[first])
    with set_actor(official):
        campaign_services.activity_update(activity=activity, actor=official, policies=[first, second])

    entries = LogEntry.objects.get_for_object(activity).filter(changes__icontains="policies")
    assert entries.exists()
    change = entries.latest("timestamp").changes_dict["policies"]
    assert change["type"] == "m2m"
    assert change["operation"] == "add"
    assert change["objects"] == [str(second)]
    assert entries.latest("timestamp").actor == official


def test_password_is_never_written_to_the_history(official):
    with set_actor(official):
        official.full_name = "Nguyễn Văn A"
        official.set_password("a-brand-new-passphrase-9")
        official.save()
    entry = _last_update(official)
    assert "full_name" in entry.changes_dict
    assert "password" not in entry.changes_dict
    assert "pbkdf2" not in str(entry.changes)


def test_deletion_is_recorded_with_its_actor(official, tree):
    draft = factories.DraftFactory(drafting_organization=tree["department"])
    pk = draft.pk
    with set_actor(official):
        draft_services.draft_delete(draft=draft, actor=official)
    entry = LogEntry.objects.get(object_pk=str(pk), action=LogEntry.Action.DELETE, content_type__model="draft")
    assert entry.actor == official


def test_admin_change_records_the_logged_in_user(client, tree, django_user_model):
    """Through the request: AuditlogMiddleware takes the actor from the session."""
    admin = django_user_model.objects.create_superuser("root", "root@example.gov.vn", "a-long-admin-passphrase-1")
    client.force_login(admin)
    department = tree["department"]
    response = client.post(
        reverse("admin:organizations_organization_change", args=[department.pk]),
        {
            "code": department.code,
            "name": "Sở Giáo dục và Đào tạo Hải Phòng",
            "kind": department.kind,
            "parent": department.parent_id,
            "valid_from": "",
            "valid_to": "",
            "successor": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    entry = _last_update(department)
    assert entry.actor == admin
    assert entry.changes_dict["name"] == ["Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo Hải Phòng"]


def test_organization_service_change_is_attributed(portal_admin, tree):
    with set_actor(portal_admin):
        organization_services.organization_update(organization=tree["unit"], name="Trường THPT Ngô Quyền (mới)")
    entry = _last_update(tree["unit"])
    assert entry.actor == portal_admin
    assert entry.changes_dict["name"][1] == "Trường THPT Ngô Quyền (mới)"


class TestHistoryInTheAdmin:
    @pytest.fixture
    def admin_client(self, client, django_user_model):
        admin = django_user_model.objects.create_superuser("root", "root@example.gov.vn", "a-long-admin-passphrase-1")
        client.force_login(admin)
        return client

    @pytest.fixture
    def entry(self, official, tree):
        draft = factories.DraftFactory(drafting_organization=tree["department"], title="Before")
        with set_actor(official):
            draft_services.draft_update(draft=draft, actor=official, title="After")
        return _last_update(draft)

    def test_changelist_lists_and_filters_entries(self, admin_client, entry):
        url = reverse("admin:auditlog_logentry_changelist")
        response = admin_client.get(url)
        assert response.status_code == 200
        assert entry in response.context["cl"].result_list

        response = admin_client.get(url, {"q": "After"})
        assert list(response.context["cl"].result_list) == [entry]
        response = admin_client.get(url, {"resource_type": entry.content_type_id})
        assert entry in response.context["cl"].result_list

    def test_entry_page_shows_old_and_new_values(self, admin_client, entry):
        response = admin_client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Before" in html and "After" in html

    def test_per_object_history_for_users(self, admin_client, official):
        with set_actor(official):
            official.job_title = "Chuyên viên"
            official.save()
        response = admin_client.get(reverse("admin:accounts_user_auditlog", args=[official.pk]))
        assert response.status_code == 200
        assert "Chuyên viên" in response.content.decode()

    def test_history_is_read_only(self, admin_client, entry):
        assert admin_client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
        response = admin_client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"})
        assert response.status_code == 403
        assert LogEntry.objects.filter(pk=entry.pk).exists()

    def test_officials_cannot_read_the_history(self, client, official, entry):
        client.force_login(official)
        response = client.get(reverse("admin:auditlog_logentry_changelist"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
