import pytest

from drafts.models import Policy
from testbed import factories

URL = "/api/v1/policies/"
CONTRACT = {"id": int, "draft": int, "title": str, "high_impact": bool, "in_scope": bool}


@pytest.mark.django_db
class TestPolicies:
    def test_list_contract_and_scope(self, api, official, own_draft, other_draft):
        body = api(official).get(URL).json()
        assert body["count"] == 2
        for item in body["results"]:
            for name, kind in CONTRACT.items():
                assert isinstance(item[name], kind), name
            assert item["draft"] == own_draft.pk

    def test_filters(self, api, superuser, own_draft, other_draft):
        low = factories.PolicyFactory(draft=own_draft, high_impact=False)
        client = api(superuser)

        def ids(**params):
            return {p["id"] for p in client.get(URL, params).json()["results"]}

        own_ids = set(own_draft.policies.values_list("pk", flat=True))
        assert ids(draft=own_draft.pk) == own_ids
        assert ids(draft=own_draft.pk, high_impact="false") == {low.pk}
        assert ids(high_impact="true", organization="HP") == own_ids - {low.pk}
        assert ids(organization="QN") == set(other_draft.policies.values_list("pk", flat=True))

    def test_create_update_delete(self, api, official, own_draft):
        client = api(official)
        response = client.post(
            URL, {"draft": own_draft.pk, "title": "Miễn học phí", "high_impact": True, "in_scope": True}, format="json"
        )
        assert response.status_code == 201, response.content
        policy = Policy.objects.get(pk=response.json()["id"])
        assert policy.draft == own_draft and policy.high_impact
        assert policy.assessed_by == official  # the service stamps the assessment

        response = client.patch(f"{URL}{policy.pk}/", {"in_scope": False}, format="json")
        assert response.status_code == 200
        policy.refresh_from_db()
        assert policy.in_scope is False

        response = client.put(
            f"{URL}{policy.pk}/",
            {"draft": own_draft.pk, "title": "Miễn giảm học phí", "high_impact": False, "in_scope": True},
            format="json",
        )
        assert response.status_code == 200, response.content
        policy.refresh_from_db()
        assert (policy.title, policy.high_impact) == ("Miễn giảm học phí", False)

        assert client.delete(f"{URL}{policy.pk}/").status_code == 204
        assert not Policy.objects.filter(pk=policy.pk).exists()

    @pytest.mark.parametrize(
        "payload, field",
        [
            ({"title": "x", "high_impact": "maybe"}, "high_impact"),
            ({"title": ""}, "title"),
            ({"title": "x", "draft": 999999}, "draft"),
        ],
    )
    def test_bad_input_is_400_and_saves_nothing(self, api, official, own_draft, payload, field):
        before = Policy.objects.count()
        payload = {"draft": own_draft.pk, **payload}
        response = api(official).post(URL, payload, format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert Policy.objects.count() == before

    def test_draft_of_other_organization_is_400(self, api, official, other_draft):
        response = api(official).post(URL, {"draft": other_draft.pk, "title": "x"}, format="json")
        assert response.status_code == 400
        assert "draft" in response.json()
        assert other_draft.policies.count() == 1

    def test_policy_cannot_move_to_another_draft(self, api, superuser, own_draft, other_draft):
        policy = own_draft.policies.first()
        response = api(superuser).patch(f"{URL}{policy.pk}/", {"draft": other_draft.pk}, format="json")
        assert response.status_code == 400
        assert "draft" in response.json()
        policy.refresh_from_db()
        assert policy.draft == own_draft

    def test_scope(self, api, inspector, outsider, own_draft):
        policy = own_draft.policies.first()
        assert api(inspector).get(f"{URL}{policy.pk}/").status_code == 200
        assert api(inspector).patch(f"{URL}{policy.pk}/", {"title": "x"}, format="json").status_code == 403
        assert api(outsider).get(f"{URL}{policy.pk}/").status_code == 404
        assert api(outsider).delete(f"{URL}{policy.pk}/").status_code == 404
        policy.refresh_from_db()
        assert policy.title != "x"
