import datetime as dt

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import Activity, Campaign, StoredFile
from testbed import factories

from .samples import pdf_bytes, upload

pytestmark = pytest.mark.django_db

READERS = ["official", "head", "inspector", "admin"]
EDITORS = ["official", "head"]
READ_ONLY = ["inspector", "admin"]


@pytest.fixture
def evidence(official, activity):
    return services.evidence_attach(activity=activity, uploaded=upload("e.pdf", pdf_bytes()), actor=official)


def object_urls(campaign, activity, evidence):
    read = [
        reverse("campaigns:campaign_detail", args=[campaign.pk]),
        reverse("campaigns:activity_detail", args=[activity.pk]),
        reverse("campaigns:evidence_download", args=[evidence.pk]),
    ]
    edit = [
        reverse("campaigns:campaign_create", args=[campaign.draft_id]),
        reverse("campaigns:campaign_update", args=[campaign.pk]),
        reverse("campaigns:campaign_delete", args=[campaign.pk]),
        reverse("campaigns:activity_create", args=[activity.draft_id]),
        reverse("campaigns:activity_update", args=[activity.pk]),
        reverse("campaigns:activity_delete", args=[activity.pk]),
        reverse("campaigns:evidence_delete", args=[evidence.pk]),
    ]
    return read, edit


# --- Permissions: every role on every URL ----------------------------------------------------------------------


@pytest.mark.parametrize("role", READERS)
def test_readers_see_objects_of_their_subtree(client, users, role, campaign, activity, evidence):
    client.force_login(users[role])
    read, _ = object_urls(campaign, activity, evidence)
    for url in read:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", EDITORS)
def test_officials_and_heads_open_every_edit_page(client, users, role, campaign, activity, evidence):
    client.force_login(users[role])
    _, edit = object_urls(campaign, activity, evidence)
    for url in edit:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", READ_ONLY)
@pytest.mark.parametrize("method", ["get", "post"])
def test_inspectors_and_admins_get_403_on_edit_urls(client, users, role, method, campaign, activity, evidence):
    client.force_login(users[role])
    _, edit = object_urls(campaign, activity, evidence)
    for url in edit:
        assert getattr(client, method)(url).status_code == 403, url
    assert Campaign.objects.count() == 1 and Activity.objects.count() == 1 and StoredFile.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_on_everything(client, outsider, method, campaign, activity, evidence):
    client.force_login(outsider)
    read, edit = object_urls(campaign, activity, evidence)
    for url in read + edit:
        assert getattr(client, method)(url).status_code == 404, url
    assert Campaign.objects.count() == 1 and Activity.objects.count() == 1 and StoredFile.objects.count() == 1


def test_lists_show_only_the_users_scope(client, official, outsider, activity, campaign, other_draft):
    factories.ActivityFactory(draft=other_draft, title="Hoạt động Quảng Ninh")
    factories.CampaignFactory(draft=other_draft, title="KH Quảng Ninh")
    client.force_login(official)
    activities = client.get(reverse("campaigns:activity_list")).content.decode()
    campaigns = client.get(reverse("campaigns:campaign_list")).content.decode()
    assert "Họp báo dự thảo" in activities and "Hoạt động Quảng Ninh" not in activities
    assert "Kế hoạch truyền thông học phí" in campaigns and "KH Quảng Ninh" not in campaigns


def test_read_only_roles_see_no_edit_buttons(client, inspector, activity, campaign):
    client.force_login(inspector)
    html = client.get(reverse("campaigns:activity_detail", args=[activity.pk])).content.decode()
    assert reverse("campaigns:activity_update", args=[activity.pk]) not in html
    html = client.get(reverse("campaigns:activity_list")).content.decode()
    assert reverse("campaigns:activity_update", args=[activity.pk]) not in html
    assert reverse("campaigns:activity_choose_draft") not in html
    assert client.get(reverse("campaigns:activity_choose_draft")).status_code == 403


# --- Lists -----------------------------------------------------------------------------------------------------


def test_empty_lists_say_what_to_do_next(client, official, inspector, draft, english):
    client.force_login(official)
    html = client.get(reverse("campaigns:activity_list")).content.decode()
    assert "No communication activity has been recorded yet" in html
    assert reverse("campaigns:activity_choose_draft") in html
    html = client.get(reverse("campaigns:campaign_list")).content.decode()
    assert "There is no communication plan yet" in html
    client.force_login(inspector)
    assert "Officials of the drafting organization" in client.get(reverse("campaigns:campaign_list")).content.decode()


def test_filtered_empty_list_offers_to_clear_filters(client, official, activity, english):
    client.force_login(official)
    html = client.get(reverse("campaigns:activity_list"), {"q": "nothing like this"}).content.decode()
    assert "No activity matches your search or filters." in html and "Clear filters" in html


def test_activity_list_sorts_and_paginates(client, official, draft):
    for day in range(1, 31):
        factories.ActivityFactory(draft=draft, title=f"A{day:02d}", date=dt.date(2024, 3, day))
    client.force_login(official)
    url = reverse("campaigns:activity_list")
    page1 = client.get(url)
    assert [a.title for a in page1.context["object_list"]][:2] == ["A30", "A29"]  # newest first by default
    assert page1.context["paginator"].num_pages == 2
    ascending = client.get(url, {"sort": "title"})
    assert [a.title for a in ascending.context["object_list"]][:2] == ["A01", "A02"]
    descending = client.get(url, {"sort": "title", "desc": "1", "page": "2"})
    assert [a.title for a in descending.context["object_list"]] == ["A05", "A04", "A03", "A02", "A01"]
    assert client.get(url, {"sort": "password"}).status_code == 200  # unknown sort falls back


def test_invalid_filter_values_are_an_error_not_a_crash(client, official, activity):
    client.force_login(official)
    response = client.get(reverse("campaigns:activity_list"), {"date_from": "32/13/2024", "draft": "abc"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "ngày/tháng/năm" in page and "dd/mm/yyyy" not in page  # the format is said in Vietnamese


def test_campaign_list_shows_budget_in_vnd(client, official, campaign):
    client.force_login(official)
    assert "15.000.000 ₫" in client.get(reverse("campaigns:campaign_list")).content.decode()


def test_activity_list_costs_a_fixed_number_of_queries(client, official, draft, django_assert_max_num_queries):
    client.force_login(official)
    url = reverse("campaigns:activity_list")

    def add(n):
        campaign = factories.CampaignFactory(draft=draft)
        for _ in range(n):
            activity = factories.ActivityFactory(draft=draft, campaign=campaign, policies=list(draft.policies.all()))
            services.evidence_attach(activity=activity, uploaded=upload("e.pdf", pdf_bytes()), actor=official)

    add(2)
    client.get(url)  # the first request after logging in stamps the session (written once a minute at most)
    with django_assert_max_num_queries(10) as small:
        client.get(url)
    add(20)
    with django_assert_max_num_queries(10) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries), [q["sql"] for q in large.captured_queries]


# --- Campaign screens ------------------------------------------------------------------------------------------


def test_official_creates_a_campaign_with_channels_budget_and_plan(client, official, draft):
    client.force_login(official)
    response = client.post(
        reverse("campaigns:campaign_create", args=[draft.pk]),
        {
            "title": "Kế hoạch truyền thông 2024",
            "owner": official.pk,
            "period_start": "01/02/2024",
            "period_end": "30/06/2024",
            "planned_channels": ["portal", "social"],
            "budget_vnd": "12.500.000",
            "plan_upload": upload("ke-hoach.pdf", pdf_bytes()),
        },
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("campaigns:campaign_detail", args=[campaign.pk])
    assert campaign.draft == draft and campaign.owner == official
    assert (campaign.period_start, campaign.period_end) == (dt.date(2024, 2, 1), dt.date(2024, 6, 30))
    assert campaign.planned_channels == ["portal", "social"] and campaign.budget_vnd == 12_500_000
    assert campaign.plan_document.original_name == "ke-hoach.pdf"
    html = client.get(response["Location"]).content.decode()
    assert "12.500.000 ₫" in html and "01/02/2024" in html and "ke-hoach.pdf" in html


def test_campaign_form_errors_keep_input(client, official, draft):
    client.force_login(official)
    response = client.post(
        reverse("campaigns:campaign_create", args=[draft.pk]),
        {"title": "Giữ lại", "period_start": "01/03/2024", "period_end": "01/02/2024", "budget_vnd": "abc"},
    )
    assert response.status_code == 200 and not Campaign.objects.exists()
    form = response.context["form"]
    assert set(form.errors) >= {"budget_vnd"}
    assert "Giữ lại" in response.content.decode()


def test_campaign_update_and_delete_with_confirmation(client, official, campaign, activity):
    client.force_login(official)
    response = client.post(
        reverse("campaigns:campaign_update", args=[campaign.pk]),
        {"title": "Đã sửa", "period_start": "01/02/2024", "planned_channels": ["press"], "budget_vnd": ""},
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Đã sửa" and campaign.planned_channels == ["press"] and campaign.budget_vnd is None

    confirm = client.get(reverse("campaigns:campaign_delete", args=[campaign.pk]))
    assert confirm.status_code == 200 and "Đã sửa" in confirm.content.decode()
    assert Campaign.objects.exists()  # GET only asks
    response = client.post(reverse("campaigns:campaign_delete", args=[campaign.pk]))
    assert response.status_code == 302 and not Campaign.objects.exists()
    assert Activity.objects.get(pk=activity.pk).campaign is None


# --- Activity screens ------------------------------------------------------------------------------------------


def test_official_records_an_activity(client, official, draft, campaign):
    client.force_login(official)
    policy = draft.policies.first()
    response = client.post(
        reverse("campaigns:activity_create", args=[draft.pk]),
        {
            "title": "Hội nghị lấy ý kiến",
            "campaign": campaign.pk,
            "policies": [policy.pk],
            "channel": "meeting",
            "date": "20/02/2024",
            "status": "done",
            "reach": "150",
            "evidence_url": "example.gov.vn/tin",
        },
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert activity.date == dt.date(2024, 2, 20) and activity.campaign == campaign and activity.created_by == official
    assert list(activity.policies.all()) == [policy]
    assert activity.evidence_url == "https://example.gov.vn/tin"
    html = client.get(response["Location"]).content.decode()
    assert "20/02/2024" in html and policy.title in html


def test_activity_form_offers_only_this_drafts_campaigns_and_policies(client, official, draft, campaign, other_draft, english):
    factories.CampaignFactory(draft=other_draft, title="KH khác")
    client.force_login(official)
    response = client.get(reverse("campaigns:activity_create", args=[draft.pk]))
    form = response.context["form"]
    assert list(form.fields["campaign"].queryset) == [campaign]
    assert set(form.fields["policies"].queryset) == set(draft.policies.all())
    assert "Leave all unticked to cover every policy of the draft" in response.content.decode()
    # A forged campaign of another draft is refused, not saved.
    response = client.post(
        reverse("campaigns:activity_create", args=[draft.pk]),
        {"title": "x", "campaign": other_draft.campaigns.get().pk, "channel": "portal", "date": "01/02/2024",
         "status": "done", "policies": [other_draft.policies.get().pk]},
    )
    assert response.status_code == 200 and not Activity.objects.exists()
    assert {"campaign", "policies"} <= set(response.context["form"].errors)


def test_second_official_gets_stale_error_and_first_edit_survives(client, official, head, activity, english):
    url = reverse("campaigns:activity_update", args=[activity.pk])
    client.force_login(official)
    version = client.get(url).context["form"]["version"].value()
    data = {"title": activity.title, "channel": "portal", "date": "10/02/2024", "status": "done", "version": version}

    assert client.post(url, {**data, "reach": "900"}).status_code == 302
    client.force_login(head)
    response = client.post(url, {**data, "title": "Tiêu đề bị ghi đè"})
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    assert "Tiêu đề bị ghi đè" in response.content.decode()  # their typing is still in the form
    activity.refresh_from_db()
    assert activity.reach == 900 and activity.title == "Họp báo dự thảo"


def test_activity_update_adds_evidence_and_delete_asks_first(client, official, activity):
    client.force_login(official)
    url = reverse("campaigns:activity_update", args=[activity.pk])
    response = client.post(
        url,
        {"title": "Có minh chứng", "channel": "portal", "date": "10/02/2024", "status": "done",
         "version": activity.version, "evidence": [upload("a.pdf", pdf_bytes()), upload("b.pdf", pdf_bytes())]},
    )
    assert response.status_code == 302 and activity.evidence_files.count() == 2

    stored = activity.evidence_files.first()
    confirm = client.get(reverse("campaigns:evidence_delete", args=[stored.pk]))
    assert confirm.status_code == 200 and stored.original_name in confirm.content.decode()
    assert client.post(reverse("campaigns:evidence_delete", args=[stored.pk])).status_code == 302
    assert activity.evidence_files.count() == 1

    confirm = client.get(reverse("campaigns:activity_delete", args=[activity.pk]))
    assert confirm.status_code == 200 and Activity.objects.exists()
    assert client.post(reverse("campaigns:activity_delete", args=[activity.pk])).status_code == 302
    assert not Activity.objects.exists() and not StoredFile.objects.exists()


def test_choose_draft_redirects_to_the_form_of_an_editable_draft_only(client, official, draft, other_draft):
    client.force_login(official)
    url = reverse("campaigns:activity_choose_draft")
    assert client.get(url).status_code == 200
    response = client.get(url, {"draft": draft.pk})
    assert response.status_code == 302 and response["Location"] == reverse("campaigns:activity_create", args=[draft.pk])
    response = client.get(url, {"draft": other_draft.pk})
    assert response.status_code == 200 and response.context["form"].errors
