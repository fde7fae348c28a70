import datetime as dt

import pytest

from campaigns.models import ActivityStatus
from testbed import factories

URL = "/api/v1/coverage/"


@pytest.fixture
def adopted_2024(tree):
    """The department's draft adopted in 2024: three countable policies, two communicated.

    Window: S = 1/2/2024, no D, A = 1/9/2024 (one proposal phase).
    """
    draft = factories.DraftFactory(
        drafting_organization=tree["department"],
        proposal_consultation_start=dt.date(2024, 2, 1),
        adopted_on=dt.date(2024, 9, 1),
    )
    p1, p2, p3 = factories.PolicyFactory.create_batch(3, draft=draft)
    factories.PolicyFactory(draft=draft, high_impact=False)  # not counted at all
    factories.ActivityFactory(draft=draft, date=dt.date(2024, 3, 1), policies=[p1, p2])
    factories.ActivityFactory(draft=draft, date=dt.date(2024, 3, 2), policies=[p3], status=ActivityStatus.PLANNED)
    factories.ActivityFactory(draft=draft, date=dt.date(2024, 9, 2), policies=[p3])  # after A
    return {"draft": draft, "communicated": {p1.pk, p2.pk}, "not_communicated": {p3.pk}}


@pytest.fixture
def noise(tree):
    """A draft still in progress below the department and a draft of another province adopted in 2024."""
    in_progress = factories.DraftFactory(drafting_organization=tree["unit"], proposal_consultation_start=dt.date(2024, 5, 1))
    factories.PolicyFactory(draft=in_progress)
    elsewhere = factories.DraftFactory(
        drafting_organization=tree["other"], proposal_consultation_start=dt.date(2024, 1, 1), adopted_on=dt.date(2024, 6, 1)
    )
    factories.PolicyFactory(draft=elsewhere)
    factories.ActivityFactory(draft=elsewhere, date=dt.date(2024, 2, 1))


@pytest.mark.django_db
class TestCoverage:
    def test_two_of_three_communicated(self, api, official, adopted_2024, noise):
        response = api(official).get(URL, {"organization": "HP-SGDDT", "year": 2024})
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["organization"] == "HP-SGDDT"
        assert body["year"] == 2024
        assert body["high_impact_policies"] == 3
        assert body["communicated"] == 2
        assert body["percent"] == 66.7
        assert isinstance(body["in_progress"], int) and body["in_progress"] == 1

        target_407 = [t for t in body["targets"] if t["directive"] == "407/QĐ-TTg"]
        assert len(target_407) == 1
        assert target_407[0]["target_percent"] == 100
        assert target_407[0]["met"] is False
        assert {"directive", "target_percent", "met"} <= set(target_407[0])

        by_status = {}
        for row in body["policies"]:
            assert {"id", "draft", "status", "reason"} <= set(row)
            assert row["draft"] == adopted_2024["draft"].pk
            assert row["reason"]
            by_status.setdefault(row["status"], set()).add(row["id"])
        assert by_status == {
            "communicated": adopted_2024["communicated"],
            "not_communicated": adopted_2024["not_communicated"],
        }

    def test_the_subtree_is_counted_from_above(self, api, superuser, adopted_2024, noise):
        body = api(superuser).get(URL, {"organization": "HP", "year": 2024}).json()
        assert (body["communicated"], body["high_impact_policies"]) == (2, 3)
        other = api(superuser).get(URL, {"organization": "QN", "year": 2024}).json()
        assert (other["communicated"], other["high_impact_policies"], other["percent"]) == (1, 1, 100.0)

    def test_no_data_is_null_not_zero(self, api, official, adopted_2024):
        body = api(official).get(URL, {"organization": "HP-SGDDT", "year": 2023}).json()
        assert body["high_impact_policies"] == 0
        assert body["percent"] is None
        assert body["policies"] == []
        assert all(t["met"] is None for t in body["targets"])

    @pytest.mark.parametrize(
        "params, field",
        [
            ({"year": 2024}, "organization"),
            ({"organization": "HP-SGDDT"}, "year"),
            ({"organization": "HP-SGDDT", "year": "2024a"}, "year"),
            ({"organization": "HP-SGDDT", "year": 24}, "year"),
        ],
    )
    def test_bad_query_is_400(self, api, official, tree, params, field):
        response = api(official).get(URL, params)
        assert response.status_code == 400
        assert field in response.json()

    def test_outside_scope_is_404(self, api, official, tree):
        assert api(official).get(URL, {"organization": "QN", "year": 2024}).status_code == 404
        assert api(official).get(URL, {"organization": "HP", "year": 2024}).status_code == 404  # above them

    def test_inspector_reads_coverage(self, api, inspector, adopted_2024):
        assert api(inspector).get(URL, {"organization": "HP-SGDDT", "year": 2024}).json()["communicated"] == 2

    def test_anonymous_is_401(self, api, tree):
        assert api().get(URL, {"organization": "HP", "year": 2024}).status_code == 401


@pytest.mark.django_db
def test_unknown_code_and_code_outside_scope_answer_the_same(api, official, tree):
    """Issue 15 point 13: the answer does not tell which organization codes exist."""
    unknown = api(official).get(URL, {"organization": "NOPE", "year": 2024})
    outside = api(official).get(URL, {"organization": "QN", "year": 2024})
    assert unknown.status_code == outside.status_code == 404
    assert unknown.json() == outside.json()
