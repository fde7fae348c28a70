"""Every model of our apps is in the Django admin, and every admin page a superuser opens renders."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from testbed import factories

pytestmark = pytest.mark.django_db

OUR_APPS = ("core", "accounts", "organizations", "drafts", "campaigns", "directives", "coverage", "consultation",
            "dashboards", "notifications", "reports", "exchange", "public", "api")
# Models deliberately kept out of the admin, with the reason.
NOT_IN_ADMIN: dict[str, str] = {
    "directives.RequirementTarget": "edited inline on its requirement (RequirementAdmin)",
    "coverage.RecomputeLock": "a single lock row with no data",
}


def our_models():
    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS and not m._meta.auto_created]


def _registered():
    return [m for m in admin.site._registry if m._meta.app_label in OUR_APPS or m._meta.app_label == "auditlog"]


def test_every_model_of_our_apps_is_registered():
    missing = [m._meta.label for m in our_models() if not admin.site.is_registered(m) and m._meta.label not in NOT_IN_ADMIN]
    assert not missing, f"register these in their app's admin.py (or list them in NOT_IN_ADMIN): {missing}"


def test_the_check_sees_our_core_models():
    labels = {m._meta.label for m in our_models()}
    assert {"accounts.User", "organizations.Organization", "drafts.Draft", "campaigns.Activity"} <= labels


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.gov.vn", "a-long-admin-passphrase-1")
    client.force_login(user)
    return client


@pytest.fixture
def some_data(tree, official):
    draft = factories.DraftFactory(drafting_organization=tree["department"])
    policy = factories.PolicyFactory(draft=draft)
    factories.CampaignFactory(draft=draft)
    factories.ActivityFactory(draft=draft, policies=[policy])
    factories.CommentFactory(draft=draft, status="pending")
    return draft


@pytest.mark.parametrize("model", _registered(), ids=lambda m: m._meta.label)
def test_changelist_and_add_pages_render_for_a_superuser(superuser_client, some_data, model):
    info = (model._meta.app_label, model._meta.model_name)
    response = superuser_client.get(reverse("admin:%s_%s_changelist" % info))
    assert response.status_code == 200
    model_admin = admin.site._registry[model]
    if model_admin.search_fields:
        assert superuser_client.get(reverse("admin:%s_%s_changelist" % info), {"q": "x"}).status_code == 200
    if model_admin.has_add_permission(response.wsgi_request):
        assert superuser_client.get(reverse("admin:%s_%s_add" % info)).status_code == 200
    first = model_admin.get_queryset(response.wsgi_request).first()
    if first is not None:
        assert superuser_client.get(reverse("admin:%s_%s_change" % info, args=[first.pk])).status_code == 200


def test_admin_is_closed_to_non_staff_users(client, official):
    client.force_login(official)
    response = client.get(reverse("admin:drafts_draft_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


SERVICES_ONLY = ("drafts.Draft", "campaigns.Campaign", "campaigns.Activity", "consultation.Comment")


@pytest.mark.parametrize("label", SERVICES_ONLY)
def test_models_behind_the_figures_are_read_only_in_the_admin(superuser_client, some_data, label):
    """No write path around the services: the admin shows drafts, policies, campaigns and activities but cannot add,
    change or delete them (the services validate, recompute and audit; the admin did none of it)."""
    model = apps.get_model(label)
    info = (model._meta.app_label, model._meta.model_name)
    obj = model.objects.first()
    page = superuser_client.get(reverse("admin:%s_%s_change" % info, args=[obj.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert superuser_client.get(reverse("admin:%s_%s_add" % info)).status_code == 403
    assert superuser_client.post(reverse("admin:%s_%s_delete" % info, args=[obj.pk]), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_policy_edited_through_the_admin_changes_the_figure_through_the_service(superuser_client, tree):
    """Before: the admin saved high_impact=False on a counting policy directly, with no recompute, so the year's
    denominator stayed 1 until the nightly run. Now the admin's save calls ``policy_update``: validation, the
    recompute (eager here, as on one machine) and the audit log, with the superuser as the actor."""
    import datetime as dt

    from auditlog.models import LogEntry

    from counting import engine
    from counting.selectors import coverage_for

    draft = factories.DraftFactory(drafting_organization=tree["department"], proposal_consultation_start=dt.date(2024, 2, 1),
                                   draft_consultation_start=None, adopted_on=dt.date(2024, 6, 1))
    policy = factories.PolicyFactory(draft=draft, high_impact=True)
    engine.recompute()
    assert coverage_for(tree["department"], 2024).denominator == 1
    url = reverse("admin:drafts_policy_change", args=[policy.pk])
    page = superuser_client.get(url)
    assert page.status_code == 200 and 'name="_save"' in page.content.decode()
    form = {"title": policy.title, "summary": policy.summary, "high_impact": "", "in_scope": "on",
            "criterion_rights": "on", "criterion_sensitive": "on", "criterion_wide": "on", "criterion_not_secret": "on"}
    response = superuser_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    policy.refresh_from_db()
    assert policy.high_impact is False and policy.assessed_by.username == "root"
    assert coverage_for(tree["department"], 2024).denominator == 0
    entry = LogEntry.objects.get_for_object(policy).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor.username == "root" and "high_impact" in entry.changes_dict


def test_a_policy_is_neither_added_nor_deleted_through_the_admin(superuser_client, some_data):
    policy = some_data.policies.get()
    assert superuser_client.get(reverse("admin:drafts_policy_add")).status_code == 403
    response = superuser_client.post(reverse("admin:drafts_policy_delete", args=[policy.pk]), {"post": "yes"})
    assert response.status_code == 403 and some_data.policies.filter(pk=policy.pk).exists()


def test_a_refused_admin_edit_saves_nothing(superuser_client, tree):
    """An empty title: the admin shows the error and the stored policy is unchanged."""
    from drafts.models import Policy

    policy = factories.PolicyFactory(draft=factories.DraftFactory(drafting_organization=tree["department"]))
    url = reverse("admin:drafts_policy_change", args=[policy.pk])
    response = superuser_client.post(url, {"title": "", "in_scope": "on"})
    assert response.status_code == 200 and "errornote" in response.content.decode()
    assert Policy.objects.get(pk=policy.pk).title == policy.title
