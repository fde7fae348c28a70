import datetime as dt

import pytest

from campaigns.models import Activity
from testbed import factories

URL = "/api/v1/activities/"
CONTRACT = {
    "id": int,
    "draft": int,
    "policies": list,
    "channel": str,
    "date": str,
    "status": str,
    "title": str,
    "evidence_url": str,
}


def payload(draft, **overrides):
    data = {
        "draft": draft.pk,
        "policies": [],
        "channel": "portal",
        "date": "2024-02-10",
        "status": "done",
        "title": "Đăng tải dự thảo trên cổng thông tin điện tử",
        "evidence_url": "https://hp.gov.vn/du-thao/1",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
class TestActivities:
    def test_list_contract_and_scope(self, api, official, own_draft, other_draft):
        policy = own_draft.policies.first()
        factories.ActivityFactory(draft=own_draft, policies=[policy])
        factories.ActivityFactory(draft=other_draft)
        body = api(official).get(URL).json()
        assert body["count"] == 1
        item = body["results"][0]
        for name, kind in CONTRACT.items():
            assert isinstance(item[name], kind), name
        assert item["policies"] == [policy.pk]
        assert item["draft"] == own_draft.pk
        assert item["date"] == "2024-02-01"

    def test_filters(self, api, superuser, own_draft, other_draft):
        a1 = factories.ActivityFactory(draft=own_draft, date=dt.date(2024, 2, 5), channel="press", status="done")
        a2 = factories.ActivityFactory(draft=own_draft, date=dt.date(2024, 6, 5), channel="social", status="planned")
        a3 = factories.ActivityFactory(draft=other_draft, date=dt.date(2024, 3, 5))
        client = api(superuser)

        def ids(**params):
            response = client.get(URL, params)
            assert response.status_code == 200, response.content
            return {a["id"] for a in response.json()["results"]}

        assert ids(draft=own_draft.pk) == {a1.pk, a2.pk}
        assert ids(status="planned") == {a2.pk}
        assert ids(channel="press") == {a1.pk}
        assert ids(date_after="2024-03-01") == {a2.pk, a3.pk}
        assert ids(date_after="2024-02-05", date_before="2024-03-05") == {a1.pk, a3.pk}
        assert ids(organization="QN") == {a3.pk}
        assert client.get(URL, {"channel": "telegram"}).status_code == 400

    def test_create_with_policies_update_and_delete(self, api, official, own_draft):
        p1, p2 = own_draft.policies.all()
        client = api(official)
        response = client.post(URL, payload(own_draft, policies=[p1.pk]), format="json")
        assert response.status_code == 201, response.content
        activity = Activity.objects.get(pk=response.json()["id"])
        assert list(activity.policies.all()) == [p1]
        assert response.json()["policies"] == [p1.pk]

        response = client.patch(f"{URL}{activity.pk}/", {"policies": [p1.pk, p2.pk], "status": "cancelled"}, format="json")
        assert response.status_code == 200, response.content
        activity.refresh_from_db()
        assert activity.status == "cancelled"
        assert set(activity.policies.all()) == {p1, p2}

        response = client.put(f"{URL}{activity.pk}/", payload(own_draft, channel="meeting"), format="json")
        assert response.status_code == 200, response.content
        activity.refresh_from_db()
        assert activity.channel == "meeting"
        assert list(activity.policies.all()) == []  # PUT with an empty list: every policy of the draft

        assert client.delete(f"{URL}{activity.pk}/").status_code == 204
        assert not Activity.objects.exists()

    @pytest.mark.parametrize(
        "overrides, field",
        [
            ({"channel": "telegram"}, "channel"),
            ({"status": "ongoing"}, "status"),
            ({"date": "10/02/2024"}, "date"),
            ({"date": "2024-13-01"}, "date"),
            ({"evidence_url": "not a url"}, "evidence_url"),
            ({"policies": [999999]}, "policies"),
            ({"title": ""}, "title"),
        ],
    )
    def test_bad_input_is_400_and_saves_nothing(self, api, official, own_draft, overrides, field):
        response = api(official).post(URL, payload(own_draft, **overrides), format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert not Activity.objects.exists()

    def test_policy_of_another_draft_is_400(self, api, superuser, own_draft, tree):
        sibling = factories.DraftFactory(drafting_organization=tree["department"])
        foreign = factories.PolicyFactory(draft=sibling)
        client = api(superuser)
        response = client.post(URL, payload(own_draft, policies=[foreign.pk]), format="json")
        assert response.status_code == 400
        assert "policies" in response.json()
        assert not Activity.objects.exists()

        activity = factories.ActivityFactory(draft=own_draft)
        response = client.patch(f"{URL}{activity.pk}/", {"policies": [foreign.pk], "title": "x"}, format="json")
        assert response.status_code == 400
        assert "policies" in response.json()
        activity.refresh_from_db()
        assert activity.title != "x" and not activity.policies.exists()

    def test_draft_of_other_organization_is_400(self, api, official, other_draft):
        response = api(official).post(URL, payload(other_draft), format="json")
        assert response.status_code == 400
        assert "draft" in response.json()
        assert not Activity.objects.exists()

    def test_scope(self, api, inspector, outsider, own_draft):
        activity = factories.ActivityFactory(draft=own_draft)
        assert api(inspector).get(f"{URL}{activity.pk}/").status_code == 200
        assert api(inspector).patch(f"{URL}{activity.pk}/", {"title": "x"}, format="json").status_code == 403
        assert api(inspector).delete(f"{URL}{activity.pk}/").status_code == 403
        assert api(outsider).get(f"{URL}{activity.pk}/").status_code == 404
        assert api(outsider).patch(f"{URL}{activity.pk}/", {"title": "x"}, format="json").status_code == 404
        activity.refresh_from_db()
        assert activity.title != "x"
