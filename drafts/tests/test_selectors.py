import datetime as dt

from drafts import selectors
from drafts.models import DraftStatus
from testbed import factories


def test_draft_list_is_limited_to_scope_and_counts_policies(tree, official, draft, other_draft):
    factories.PolicyFactory(draft=draft)
    factories.PolicyFactory(draft=draft, high_impact=False)
    factories.PolicyFactory(draft=draft, in_scope=False)
    rows = list(selectors.draft_list(official))
    assert [d.pk for d in rows] == [draft.pk]
    assert (rows[0].policy_count, rows[0].countable_count) == (3, 1)


def test_withdrawn_draft_has_no_countable_policies(tree, official):
    withdrawn = factories.DraftFactory(drafting_organization=tree["department"], status=DraftStatus.WITHDRAWN)
    factories.PolicyFactory(draft=withdrawn)
    (row,) = selectors.draft_list(official)
    assert (row.policy_count, row.countable_count) == (1, 0)


def test_editable_organizations_are_the_edit_subtrees(tree, official, inspector):
    assert set(selectors.organizations_editable_by(official)) == {tree["department"], tree["unit"]}
    assert not selectors.organizations_editable_by(inspector).exists()


def test_responsible_officials_are_editors_in_scope(tree, official, head, inspector, outsider):
    choices = set(selectors.responsible_official_choices(official))
    assert choices == {official, head}
    assert outsider in set(selectors.responsible_official_choices(official, keep_pk=outsider.pk))


def test_draft_related_reuses_loaded_policies(draft, django_assert_num_queries):
    first = factories.PolicyFactory(draft=draft)
    second = factories.PolicyFactory(draft=draft)
    factories.ActivityFactory(draft=draft, policies=[second])
    factories.ActivityFactory(draft=draft, date=dt.date(2024, 3, 1))
    campaign = factories.CampaignFactory(draft=draft)
    factories.ActivityFactory(draft=draft, campaign=campaign, date=dt.date(2024, 6, 1))
    with django_assert_num_queries(4):
        related = selectors.draft_related(draft)
        covered = [[p.pk for p in a.covered_policies] for a in related["activities"]]
        campaign_names = [a.campaign.title if a.campaign else None for a in related["activities"]]
    assert covered == [[second.pk], [], []]
    assert campaign_names == [None, None, campaign.title]
    assert [p.pk for p in related["policies"]] == [first.pk, second.pk]
    assert related["campaigns"][0].activity_count == 1


def test_activities_covering_only_one_policy(draft):
    a, b = factories.PolicyFactory(draft=draft), factories.PolicyFactory(draft=draft)
    only_a = factories.ActivityFactory(draft=draft, policies=[a])
    factories.ActivityFactory(draft=draft, policies=[a, b])
    factories.ActivityFactory(draft=draft)
    assert list(selectors.activities_covering_only(a)) == [only_a]
    assert not selectors.activities_covering_only(b).exists()


def test_policy_list_scope(tree, head, policy, other_draft):
    factories.PolicyFactory(draft=other_draft)
    assert list(selectors.policy_list(head)) == [policy]


def test_superuser_sees_every_draft(draft, other_draft):
    root = factories.UserFactory(is_superuser=True)
    assert set(selectors.draft_list(root)) == {draft, other_draft}


def test_admin_reads_the_whole_city(tree, portal_admin, draft):
    city_draft = factories.DraftFactory(drafting_organization=tree["city"])
    assert set(selectors.drafts_visible_to(portal_admin)) == {draft, city_draft}
