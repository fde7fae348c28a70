import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import ActivityStatus
from drafts.models import Draft, DraftStatus, Policy
from testbed import factories

from .conftest import A, D, S, login

ROLES = ("official", "head", "inspector", "admin", "outsider")
EDITORS = {"official", "head"}


def expected_for_edit(role):
    if role == "outsider":
        return 404
    return 200 if role in EDITORS else 403


# Permissions, role by role


@pytest.mark.parametrize("role", ROLES)
def test_detail_renders_for_readers_and_is_404_outside(client, users, draft, policy, role):
    response = login(client, users[role]).get(reverse("drafts:detail", args=[draft.pk]))
    assert response.status_code == (404 if role == "outsider" else 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["drafts:update", "drafts:delete", "drafts:policy_create"])
def test_draft_edit_pages_by_role(client, users, draft, role, name):
    response = login(client, users[role]).get(reverse(name, args=[draft.pk]))
    assert response.status_code == expected_for_edit(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["drafts:policy_update", "drafts:policy_delete"])
def test_policy_edit_pages_by_role(client, users, policy, role, name):
    response = login(client, users[role]).get(reverse(name, args=[policy.pk]))
    assert response.status_code == expected_for_edit(role)


@pytest.mark.parametrize("role, status", [("official", 200), ("head", 200), ("inspector", 403), ("admin", 403), ("outsider", 200)])
def test_create_page_needs_an_edit_role(client, users, role, status):
    assert login(client, users[role]).get(reverse("drafts:create")).status_code == status


@pytest.mark.parametrize("role", ROLES)
def test_lists_render_and_show_only_scope(client, users, draft, policy, other_draft, role):
    client = login(client, users[role])
    drafts_page = client.get(reverse("drafts:list"))
    policies_page = client.get(reverse("drafts:policy_list"))
    assert drafts_page.status_code == policies_page.status_code == 200
    assert (draft.title in drafts_page.text) is (role != "outsider")
    assert (policy.title in policies_page.text) is (role != "outsider")
    assert (other_draft.title in drafts_page.text) is (role == "outsider")


def test_inspector_cannot_post_edits(client, inspector, draft, policy):
    client = login(client, inspector)
    assert client.post(reverse("drafts:delete", args=[draft.pk])).status_code == 403
    assert client.post(reverse("drafts:policy_delete", args=[policy.pk])).status_code == 403
    assert client.post(reverse("drafts:update", args=[draft.pk]), {"title": "x"}).status_code == 403
    assert Draft.objects.filter(pk=draft.pk, title=draft.title).exists()
    assert Policy.objects.filter(pk=policy.pk).exists()


def test_anonymous_is_sent_to_login(client, draft):
    response = client.get(reverse("drafts:detail", args=[draft.pk]))
    assert response.status_code == 302 and reverse("login") in response.url


# Draft list: search, filters, sorting, empty state


def titles(response):
    return [d.title for d in response.context["object_list"]]


@pytest.fixture
def listed(tree):
    make = factories.DraftFactory
    return {
        "school": make(drafting_organization=tree["unit"], title="Học phí trường", issued_number="05/2024/NQ"),
        "dept": make(
            drafting_organization=tree["department"],
            title="Quy định tuyển sinh",
            document_type="provincial_committee_decision",
            adopted_on=dt.date(2023, 6, 1),
        ),
        "city": make(drafting_organization=tree["city"], title="Giá đất", adopted_on=dt.date(2024, 12, 1)),
    }


def test_draft_list_search_by_title_and_number(client, portal_admin, listed):
    client = login(client, portal_admin)
    assert titles(client.get(reverse("drafts:list"), {"q": "tuyển"})) == ["Quy định tuyển sinh"]
    assert titles(client.get(reverse("drafts:list"), {"q": "05/2024"})) == ["Học phí trường"]


def test_draft_list_filters(client, portal_admin, listed):
    client = login(client, portal_admin)
    url = reverse("drafts:list")
    assert set(titles(client.get(url, {"organization": "HP-SGDDT"}))) == {"Học phí trường", "Quy định tuyển sinh"}
    assert titles(client.get(url, {"document_type": "provincial_committee_decision"})) == ["Quy định tuyển sinh"]
    assert titles(client.get(url, {"year": "2024"})) == ["Giá đất"]
    assert titles(client.get(url, {"adopted": "no"})) == ["Học phí trường"]
    assert set(titles(client.get(url, {"adopted": "yes"}))) == {"Giá đất", "Quy định tuyển sinh"}
    assert titles(client.get(url, {"status": DraftStatus.PROPOSAL_CONSULTATION})) == ["Học phí trường"]


def test_unknown_organization_code_is_a_clear_error(client, official, listed):
    client = login(client, official)
    response = client.get(reverse("drafts:list"), {"organization": "QN"})  # exists, but outside the scope
    assert response.status_code == 200
    assert titles(response) == []
    assert "No organization in your scope has the code “QN”." in response.text


def test_bad_year_is_an_error_not_a_crash(client, official, listed):
    response = login(client, official).get(reverse("drafts:list"), {"year": "abc"})
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_draft_list_sorting(client, portal_admin, listed):
    client = login(client, portal_admin)
    url = reverse("drafts:list")
    assert titles(client.get(url, {"sort": "title"})) == ["Giá đất", "Học phí trường", "Quy định tuyển sinh"]
    assert titles(client.get(url, {"sort": "title", "desc": "1"})) == ["Quy định tuyển sinh", "Học phí trường", "Giá đất"]
    # Not yet adopted sorts last in both directions.
    assert titles(client.get(url, {"sort": "adopted"}))[-1] == "Học phí trường"
    assert titles(client.get(url, {"sort": "adopted", "desc": "1"}))[-1] == "Học phí trường"
    assert client.get(url, {"sort": "password"}).status_code == 200


def test_draft_list_paginates(client, head, tree):
    factories.DraftFactory.create_batch(27, drafting_organization=tree["department"])
    client = login(client, head)
    assert len(client.get(reverse("drafts:list")).context["object_list"]) == 25
    assert len(client.get(reverse("drafts:list"), {"page": 2}).context["object_list"]) == 2


def test_empty_list_invites_editors_to_record_a_draft(client, official, inspector):
    create_url = reverse("drafts:create")
    assert create_url in login(client, official).get(reverse("drafts:list")).text
    assert create_url not in login(client, inspector).get(reverse("drafts:list")).text


def test_policy_list_filters(client, head, draft, tree):
    factories.PolicyFactory(draft=draft, title="Có tác động")
    factories.PolicyFactory(draft=draft, title="Ít tác động", high_impact=False)
    adopted = factories.DraftFactory(drafting_organization=tree["department"], adopted_on=dt.date(2024, 7, 1))
    factories.PolicyFactory(draft=adopted, title="Ngoài phạm vi", in_scope=False)
    client = login(client, head)
    url = reverse("drafts:policy_list")
    assert titles(client.get(url, {"high_impact": "false"})) == ["Ít tác động"]
    assert titles(client.get(url, {"in_scope": "false"})) == ["Ngoài phạm vi"]
    assert titles(client.get(url, {"year": "2024"})) == ["Ngoài phạm vi"]
    assert set(titles(client.get(url, {"organization": "HP-SGDDT-THPT1"}))) == {"Có tác động", "Ít tác động"}
    assert titles(client.get(url, {"q": "Ít tác"})) == ["Ít tác động"]


# Draft create / update / delete


def form_data(tree, **overrides):
    data = {
        "title": "Nghị quyết hỗ trợ giáo viên",
        "document_type": "provincial_council_resolution",
        "drafting_organization": tree["unit"].pk,
        "proposal_consultation_start": "01/02/2024",
        "draft_consultation_start": "01/05/2024",
        "status": DraftStatus.DRAFTING,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_create_draft(client, official, tree):
    response = login(client, official).post(reverse("drafts:create"), form_data(tree, adopted_on="30/09/2024"))
    draft = Draft.objects.get()
    assert response.status_code == 302 and response.url == reverse("drafts:detail", args=[draft.pk])
    assert (draft.proposal_consultation_start, draft.draft_consultation_start, draft.adopted_on) == (S, D, A)
    assert draft.status == DraftStatus.ADOPTED  # A was set
    assert draft.created_by == official


def test_create_form_offers_only_editable_organizations(client, official, tree):
    form = login(client, official).get(reverse("drafts:create")).context["form"]
    assert set(form.fields["drafting_organization"].queryset) == {tree["department"], tree["unit"]}


def test_create_for_an_organization_out_of_edit_scope_is_refused(client, official, tree):
    response = login(client, official).post(reverse("drafts:create"), form_data(tree, drafting_organization=tree["city"].pk))
    assert response.status_code == 200
    assert "drafting_organization" in response.context["form"].errors
    assert not Draft.objects.exists()


def test_milestone_errors_land_on_their_fields_and_name_the_dates(client, official, tree):
    response = login(client, official).post(
        reverse("drafts:create"), form_data(tree, draft_consultation_start="15/01/2024", adopted_on="10/01/2024")
    )
    errors = response.context["form"].errors
    assert "15/01/2024" in errors["draft_consultation_start"][0] and "01/02/2024" in errors["draft_consultation_start"][0]
    assert "10/01/2024" in errors["adopted_on"][0]
    assert "15/01/2024" in response.text  # the user's input is kept
    assert not Draft.objects.exists()


def test_impossible_date_names_the_field(client, official, tree):
    response = login(client, official).post(reverse("drafts:create"), form_data(tree, proposal_consultation_start="31/02/2024"))
    (message,) = response.context["form"].errors["proposal_consultation_start"]
    assert "proposal consultation start" in message.lower() and "dd/mm/yyyy" in message
    assert not Draft.objects.exists()


def test_edit_form_shows_dates_as_dd_mm_yyyy(client, official, draft):
    response = login(client, official).get(reverse("drafts:update", args=[draft.pk]))
    assert 'value="01/02/2024"' in response.text
    assert 'name="version"' in response.text


def test_update_draft(client, official, draft, tree):
    response = login(client, official).post(
        reverse("drafts:update", args=[draft.pk]), form_data(tree, title="Tên mới", version=draft.version)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("Tên mới", 2)


def test_stale_edit_shows_a_clear_error_and_keeps_the_input(client, official, head, draft, tree):
    stale_version = draft.version
    login(client, head).post(reverse("drafts:update", args=[draft.pk]), form_data(tree, title="Head's title", version=stale_version))
    response = login(client, official).post(
        reverse("drafts:update", args=[draft.pk]), form_data(tree, title="Official's title", version=stale_version)
    )
    assert response.status_code == 200
    assert "Someone else saved this record" in response.text
    assert "Official&#x27;s title" in response.text
    draft.refresh_from_db()
    assert draft.title == "Head's title"


def test_delete_confirmation_then_delete(client, official, draft, policy):
    factories.ActivityFactory(draft=draft)
    client = login(client, official)
    page = client.get(reverse("drafts:delete", args=[draft.pk]))
    assert "1 policies" in page.text and "1 communication activities" in page.text
    assert Draft.objects.filter(pk=draft.pk).exists()
    response = client.post(reverse("drafts:delete", args=[draft.pk]))
    assert response.status_code == 302 and response.url == reverse("drafts:list")
    assert not Draft.objects.filter(pk=draft.pk).exists()


# Policies


def policy_data(**overrides):
    data = {
        "title": "Hỗ trợ học phí",
        "summary": "",
        "criterion_rights": "on",
        "criterion_sensitive": "on",
        "criterion_wide": "on",
        "criterion_not_secret": "on",
        "high_impact": "on",
        "in_scope": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_create_policy_stamps_assessment(client, head, draft):
    response = login(client, head).post(reverse("drafts:policy_create", args=[draft.pk]), policy_data())
    assert response.status_code == 302
    policy = draft.policies.get()
    assert policy.high_impact and policy.criteria_met
    assert (policy.assessed_by, policy.assessed_on) == (head, timezone.localdate())


def test_high_impact_needs_all_four_criteria(client, head, draft):
    response = login(client, head).post(
        reverse("drafts:policy_create", args=[draft.pk]), policy_data(criterion_wide=None)
    )
    assert response.status_code == 200
    (message,) = response.context["form"].errors["high_impact"]
    assert "affects the whole country or a whole province" in message.lower()
    assert not draft.policies.exists()


def test_update_policy(client, official, policy):
    response = login(client, official).post(
        reverse("drafts:policy_update", args=[policy.pk]), policy_data(title="Đổi tên", high_impact=None)
    )
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.title, policy.high_impact) == ("Đổi tên", False)


def test_delete_policy_warns_about_activities_that_would_cover_everything(client, official, draft, policy):
    factories.ActivityFactory(draft=draft, policies=[policy])
    client = login(client, official)
    page = client.get(reverse("drafts:policy_delete", args=[policy.pk]))
    assert "1 activities name only this policy" in page.text
    response = client.post(reverse("drafts:policy_delete", args=[policy.pk]))
    assert response.status_code == 302
    assert not Policy.objects.filter(pk=policy.pk).exists()


# The detail page: statuses, reasons, coverage and the timeline


def test_detail_shows_each_policys_status_reason_and_counting(client, head, tree):
    adopted = factories.DraftFactory(
        drafting_organization=tree["department"], proposal_consultation_start=S, draft_consultation_start=D, adopted_on=A
    )
    counted = factories.PolicyFactory(draft=adopted, title="Đủ truyền thông")
    low = factories.PolicyFactory(draft=adopted, title="Ít tác động", high_impact=False, in_scope=False)
    factories.ActivityFactory(draft=adopted, date=dt.date(2024, 3, 1), policies=[counted])
    factories.ActivityFactory(draft=adopted, date=dt.date(2024, 6, 1), policies=[counted])
    factories.ActivityFactory(draft=adopted, date=dt.date(2024, 7, 1), status=ActivityStatus.PLANNED)
    factories.ActivityFactory(draft=adopted, date=dt.date(2024, 7, 2), status=ActivityStatus.CANCELLED)

    response = login(client, head).get(reverse("drafts:detail", args=[adopted.pk]))
    rows = {row.policy.pk: row for row in response.context["policy_rows"]}
    assert rows[counted.pk].result.status == "communicated" and rows[counted.pk].countable
    assert rows[low.pk].result.status == "not_communicated"
    assert rows[low.pk].not_counted_because == ["it is not marked high-impact", "it is outside the Scheme's scope"]
    html = response.text
    assert "Not communicated: no activity in the proposal phase (01/02/2024–30/04/2024); no activity in the draft phase (01/05/2024–30/09/2024)." in html
    assert "status-communicated" in html


def test_timeline_is_svg_without_inline_styles(client, head, draft, policy):
    factories.ActivityFactory(draft=draft, date=dt.date(2024, 3, 1))
    factories.ActivityFactory(draft=draft, date=dt.date(2024, 6, 1), status=ActivityStatus.PLANNED)
    factories.ActivityFactory(draft=draft, date=dt.date(2024, 6, 2), status=ActivityStatus.CANCELLED)
    html = login(client, head).get(reverse("drafts:detail", args=[draft.pk])).text
    assert not re.search(r"\sstyle=", html)
    assert "<script>" not in html
    svg = html[html.index("<svg class=\"timeline-svg\""): html.index("</svg>", html.index("timeline-svg"))]
    assert 'class="tl-phase tl-phase-proposal"' in svg
    assert "tl-phase-draft tl-open" in svg  # not adopted: the draft phase is still open
    for status in ("tl-done", "tl-planned", "tl-cancelled"):
        assert status in svg
    # Coordinates are plain numbers whatever the language's decimal separator.
    assert not re.search(r'(x|width)="\d+,\d', svg)
    # The table alternative lists every activity with its phase.
    assert html.count("Proposal phase") >= 2 and "Draft phase" in html


def test_detail_links_to_campaign_pages_only_when_they_exist(client, head, draft):
    from django.urls import NoReverseMatch

    html = login(client, head).get(reverse("drafts:detail", args=[draft.pk])).text
    try:
        url = reverse("campaigns:activity_create", kwargs={"draft_pk": draft.pk})
    except NoReverseMatch:
        assert "Record an activity" not in html
    else:
        assert url in html


# Query counts do not grow with the data


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def populate_drafts(tree, n):
    for _ in range(n):
        draft = factories.DraftFactory(drafting_organization=tree["unit"])
        factories.PolicyFactory.create_batch(2, draft=draft)


def test_draft_list_query_count_is_fixed(client, head, tree, django_assert_max_num_queries):
    client = login(client, head)
    url = reverse("drafts:list") + "?organization=HP-SGDDT&sort=organization"
    populate_drafts(tree, 2)
    small = count_queries(client, url)
    populate_drafts(tree, 20)
    with django_assert_max_num_queries(small):
        large = client.get(url)
    assert len(large.context["object_list"]) == 22
    assert small <= 12


def populate_detail(draft, n):
    campaign = factories.CampaignFactory(draft=draft)
    policies = factories.PolicyFactory.create_batch(n, draft=draft)
    for i in range(n):
        factories.ActivityFactory(draft=draft, campaign=campaign, date=S + dt.timedelta(days=i), policies=policies[: i % 3])


def test_draft_detail_query_count_is_fixed(client, head, draft, django_assert_max_num_queries):
    client = login(client, head)
    url = reverse("drafts:detail", args=[draft.pk])
    populate_detail(draft, 2)
    small = count_queries(client, url)
    populate_detail(draft, 15)
    with django_assert_max_num_queries(small):
        large = client.get(url)
    assert len(large.context["policy_rows"]) == 17
    assert small <= 17  # 16 + the public comments section's count (consultation/work_draft_links.html)


def test_policy_list_query_count_is_fixed(client, head, draft, tree, django_assert_max_num_queries):
    client = login(client, head)
    populate_drafts(tree, 2)
    small = count_queries(client, reverse("drafts:policy_list"))
    populate_drafts(tree, 12)
    with django_assert_max_num_queries(small):
        client.get(reverse("drafts:policy_list"))
