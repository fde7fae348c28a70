import datetime as dt

import pytest
from django.test import RequestFactory

from accounts.models import Role
from campaigns import selectors, services
from campaigns.filters import ActivityFilter, CampaignFilter
from testbed import factories

from .samples import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def filtered(filterset_class, user, queryset, **params):
    request = RequestFactory().get("/", params)
    request.user = user
    fs = filterset_class(request.GET, queryset=queryset, request=request)
    assert fs.is_valid(), fs.errors
    return set(fs.qs.values_list("title", flat=True))


@pytest.fixture
def spread(tree, official):
    """Activities at the department, at the unit below it, and in the other province."""
    dept = factories.DraftFactory(drafting_organization=tree["department"], title="Dept draft")
    unit = factories.DraftFactory(drafting_organization=tree["unit"], title="Unit draft")
    other = factories.DraftFactory(drafting_organization=tree["other"], title="Other draft")
    p1, p2 = factories.PolicyFactory(draft=dept), factories.PolicyFactory(draft=dept)
    factories.ActivityFactory(draft=dept, title="dept-portal-done", channel="portal", status="done",
                              date=dt.date(2024, 3, 5), policies=[p1, p2])
    factories.ActivityFactory(draft=dept, title="dept-press-planned", channel="press", status="planned",
                              date=dt.date(2025, 1, 10))
    factories.ActivityFactory(draft=unit, title="unit-social-done", channel="social", status="done",
                              date=dt.date(2024, 12, 31))
    factories.ActivityFactory(draft=other, title="other-portal-done", channel="portal", status="done",
                              date=dt.date(2024, 3, 5))
    return {"dept": dept, "unit": unit, "other": other}


def test_activities_are_limited_to_the_users_subtree(spread, official, outsider, inspector, tree):
    titles = set(selectors.activities_for_list(official).values_list("title", flat=True))
    assert titles == {"dept-portal-done", "dept-press-planned", "unit-social-done"}
    assert set(selectors.activities_for_list(inspector).values_list("title", flat=True)) == titles
    assert set(selectors.activities_for_list(outsider).values_list("title", flat=True)) == {"other-portal-done"}
    unit_official = factories.user_with_role(Role.OFFICIAL, tree["unit"])
    assert set(selectors.activities_for_list(unit_official).values_list("title", flat=True)) == {"unit-social-done"}


def test_activity_list_annotations_count_policies_and_files(spread, official):
    activity = selectors.activities_for_list(official).get(title="dept-portal-done")
    services.evidence_attach(activity=activity, uploaded=upload("a.pdf", pdf_bytes()), actor=official)
    services.evidence_attach(activity=activity, uploaded=upload("b.pdf", pdf_bytes()), actor=official)
    row = selectors.activities_for_list(official).get(pk=activity.pk)
    assert (row.policy_count, row.evidence_count) == (2, 2)
    empty = selectors.activities_for_list(official).get(title="unit-social-done")
    assert (empty.policy_count, empty.evidence_count) == (0, 0)


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"organization": "HP-SGDDT"}, {"dept-portal-done", "dept-press-planned", "unit-social-done"}),
        ({"organization": "HP-SGDDT-THPT1"}, {"unit-social-done"}),
        ({"channel": "portal"}, {"dept-portal-done"}),
        ({"status": "planned"}, {"dept-press-planned"}),
        ({"year": "2024"}, {"dept-portal-done", "unit-social-done"}),
        ({"date_from": "01/04/2024", "date_to": "10/01/2025"}, {"unit-social-done", "dept-press-planned"}),
        ({"q": "SOCIAL"}, {"unit-social-done"}),
        ({"q": "unit draft"}, {"unit-social-done"}),
    ],
)
def test_activity_filters(spread, official, params, expected):
    assert filtered(ActivityFilter, official, selectors.activities_for_list(official), **params) == expected


def test_activity_filter_by_draft_and_refuses_a_draft_out_of_scope(spread, official):
    qs = selectors.activities_for_list(official)
    assert filtered(ActivityFilter, official, qs, draft=spread["unit"].pk) == {"unit-social-done"}
    request = RequestFactory().get("/", {"draft": spread["other"].pk, "organization": "QN"})
    request.user = official
    fs = ActivityFilter(request.GET, queryset=qs, request=request)
    assert not fs.is_valid()
    assert set(fs.errors) == {"draft", "organization"}


def test_campaign_filters_by_planned_channel_and_active_year(draft, official):
    factories.CampaignFactory(draft=draft, title="portal-2024", planned_channels=["portal"],
                              period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 6, 30))
    factories.CampaignFactory(draft=draft, title="social-open", planned_channels=["social", "press"],
                              period_start=dt.date(2023, 5, 1), period_end=None)
    qs = selectors.campaigns_for_list(official)
    assert filtered(CampaignFilter, official, qs, channel="press") == {"social-open"}
    assert filtered(CampaignFilter, official, qs, channel="portal") == {"portal-2024"}
    assert filtered(CampaignFilter, official, qs, year="2025") == {"social-open"}
    assert filtered(CampaignFilter, official, qs, year="2024") == {"portal-2024", "social-open"}
    assert filtered(CampaignFilter, official, qs, year="2022") == set()


def test_stored_files_visible_to_follows_activity_or_campaign_draft(draft, other_draft, official, outsider):
    activity = services.activity_create(
        draft=draft, actor=official, channel="portal", date=dt.date(2024, 2, 2), title="a",
        evidence=[upload("e.pdf", pdf_bytes())],
    )
    campaign = services.campaign_create(
        draft=draft, actor=official, title="c", period_start=dt.date(2024, 2, 1), plan_upload=upload("p.pdf", pdf_bytes())
    )
    outsiders_plan = services.campaign_create(
        draft=other_draft, actor=outsider, title="o", period_start=dt.date(2024, 2, 1),
        plan_upload=upload("o.pdf", pdf_bytes()),
    ).plan_document
    mine = {activity.evidence_files.get().pk, campaign.plan_document.pk}
    assert set(selectors.stored_files_visible_to(official).values_list("pk", flat=True)) == mine
    assert set(selectors.stored_files_visible_to(outsider).values_list("pk", flat=True)) == {outsiders_plan.pk}


def test_owner_choices_are_editors_of_the_draft_organization_or_above(draft, tree, official, head, inspector, outsider):
    city_head = factories.user_with_role(Role.HEAD, tree["city"])
    unit_official = factories.user_with_role(Role.OFFICIAL, tree["unit"])
    assert set(selectors.owner_choices(draft)) == {official, head, city_head}
    assert unit_official not in selectors.owner_choices(draft)
