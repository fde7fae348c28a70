import datetime as dt

import pytest

from accounts.models import Membership, Role
from drafts.models import Draft
from testbed import factories

URL = "/api/v1/drafts/"
CONTRACT = {
    "id": int,
    "title": str,
    "document_type": str,
    "drafting_organization": str,
    "proposal_consultation_start": str,
    "draft_consultation_start": (str, type(None)),
    "adopted_on": (str, type(None)),
    "status": str,
}


def valid_payload(**overrides):
    payload = {
        "title": "Dự thảo Nghị quyết quy định mức học phí",
        "document_type": "provincial_council_resolution",
        "drafting_organization": "HP-SGDDT",
        "proposal_consultation_start": "2024-02-01",
        "draft_consultation_start": "2024-05-01",
        "adopted_on": None,
    }
    payload.update(overrides)
    return payload


@pytest.mark.django_db
class TestRead:
    def test_list_contract_and_scope(self, api, official, own_draft, other_draft):
        response = api(official).get(URL)
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"count", "next", "previous", "results"}
        assert body["count"] == 1
        item = body["results"][0]
        for name, kind in CONTRACT.items():
            assert isinstance(item[name], kind), name
        assert item["id"] == own_draft.pk
        assert item["drafting_organization"] == "HP-SGDDT"
        assert item["proposal_consultation_start"] == "2024-02-01"
        assert item["draft_consultation_start"] == "2024-05-01"
        assert item["adopted_on"] is None
        assert item["status"] == "proposal_consultation"
        assert item["document_type"] == "provincial_council_resolution"

    def test_other_organization_is_404(self, api, official, other_draft):
        assert api(official).get(f"{URL}{other_draft.pk}/").status_code == 404

    def test_superuser_sees_everything(self, api, superuser, own_draft, other_draft):
        body = api(superuser).get(URL).json()
        assert {d["id"] for d in body["results"]} == {own_draft.pk, other_draft.pk}

    def test_anonymous_is_refused(self, api, own_draft):
        assert api().get(URL).status_code == 401

    def test_pagination_is_50(self, api, superuser, tree):
        factories.DraftFactory.create_batch(51, drafting_organization=tree["unit"])
        client = api(superuser)
        first = client.get(URL).json()
        assert first["count"] == 51 and len(first["results"]) == 50 and first["next"]
        second = client.get(first["next"]).json()
        assert len(second["results"]) == 1 and second["next"] is None

    def test_filters(self, api, superuser, tree, own_draft, other_draft):
        adopted = factories.DraftFactory(
            drafting_organization=tree["unit"],
            proposal_consultation_start=dt.date(2023, 1, 1),
            adopted_on=dt.date(2023, 6, 1),
        )
        client = api(superuser)

        def ids(**params):
            response = client.get(URL, params)
            assert response.status_code == 200, response.content
            return {d["id"] for d in response.json()["results"]}

        assert ids(organization="HP") == {own_draft.pk, adopted.pk}  # the subtree of the city
        assert ids(organization="HP-SGDDT-THPT1") == {adopted.pk}
        assert ids(organization="QN") == {other_draft.pk}
        assert ids(organization="NOPE") == set()
        assert ids(status="adopted") == {adopted.pk}
        assert ids(year=2023) == {adopted.pk}
        assert ids(q=own_draft.title) == {own_draft.pk}
        assert client.get(URL, {"status": "bogus"}).status_code == 400

    def test_ordering(self, api, superuser, own_draft, other_draft):
        body = api(superuser).get(URL, {"ordering": "proposal_consultation_start"}).json()
        assert [d["id"] for d in body["results"]] == [own_draft.pk, other_draft.pk]


@pytest.mark.django_db
class TestWrite:
    def test_create(self, api, official, tree):
        response = api(official).post(URL, valid_payload(), format="json")
        assert response.status_code == 201, response.content
        draft = Draft.objects.get(pk=response.json()["id"])
        assert draft.drafting_organization == tree["department"]
        assert draft.draft_consultation_start == dt.date(2024, 5, 1)
        assert draft.created_by == official

    def test_adoption_date_sets_status(self, api, official, tree):
        response = api(official).post(URL, valid_payload(adopted_on="2024-09-01"), format="json")
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "adopted"

    @pytest.mark.parametrize(
        "overrides, field",
        [
            ({"draft_consultation_start": "2024-01-15"}, "draft_consultation_start"),  # D before S
            ({"adopted_on": "2024-04-01"}, "adopted_on"),  # A before D
            ({"draft_consultation_start": None, "adopted_on": "2024-01-01"}, "adopted_on"),  # A before S
            ({"status": "adopted"}, "adopted_on"),  # adopted without A
            ({"document_type": "edict"}, "document_type"),
            ({"status": "signed"}, "status"),
            ({"proposal_consultation_start": "01/02/2024"}, "proposal_consultation_start"),
            ({"proposal_consultation_start": "2024-02-30"}, "proposal_consultation_start"),
            ({"drafting_organization": "NOPE"}, "drafting_organization"),
            ({"drafting_organization": "QN"}, "drafting_organization"),  # outside scope: same as unknown
            ({"title": ""}, "title"),
        ],
    )
    def test_bad_input_is_400_and_saves_nothing(self, api, official, tree, overrides, field):
        response = api(official).post(URL, valid_payload(**overrides), format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert not Draft.objects.exists()

    def test_organization_in_read_scope_but_not_editable_is_400(self, api, official, tree):
        Membership.objects.create(user=official, organization=tree["city"], role=Role.INSPECTOR)
        response = api(official).post(URL, valid_payload(drafting_organization="HP"), format="json")
        assert response.status_code == 400
        assert "drafting_organization" in response.json()
        assert not Draft.objects.exists()

    def test_patch_and_put(self, api, head, own_draft):
        client = api(head)
        response = client.patch(f"{URL}{own_draft.pk}/", {"title": "Tên mới"}, format="json")
        assert response.status_code == 200, response.content
        own_draft.refresh_from_db()
        assert own_draft.title == "Tên mới"
        response = client.put(f"{URL}{own_draft.pk}/", valid_payload(adopted_on="2024-10-10"), format="json")
        assert response.status_code == 200, response.content
        own_draft.refresh_from_db()
        assert own_draft.adopted_on == dt.date(2024, 10, 10)
        assert own_draft.status == "adopted"

    def test_patch_out_of_order_keeps_the_stored_draft(self, api, official, own_draft):
        response = api(official).patch(f"{URL}{own_draft.pk}/", {"adopted_on": "2024-03-01"}, format="json")
        assert response.status_code == 400
        assert "adopted_on" in response.json()
        own_draft.refresh_from_db()
        assert own_draft.adopted_on is None
        assert own_draft.version == 1

    def test_delete(self, api, official, own_draft):
        response = api(official).delete(f"{URL}{own_draft.pk}/")
        assert response.status_code == 204
        assert not Draft.objects.filter(pk=own_draft.pk).exists()


@pytest.mark.django_db
class TestScope:
    @pytest.mark.parametrize("role", ["inspector", "portal_admin"])
    def test_read_only_roles_get_403_on_writes(self, request, api, role, own_draft):
        client = api(request.getfixturevalue(role))
        assert client.get(f"{URL}{own_draft.pk}/").status_code == 200
        assert client.patch(f"{URL}{own_draft.pk}/", {"title": "x"}, format="json").status_code == 403
        assert client.delete(f"{URL}{own_draft.pk}/").status_code == 403
        assert client.post(URL, valid_payload(), format="json").status_code == 403
        own_draft.refresh_from_db()
        assert own_draft.title != "x"

    def test_other_organization_is_404_on_writes(self, api, outsider, own_draft):
        client = api(outsider)
        assert client.patch(f"{URL}{own_draft.pk}/", {"title": "x"}, format="json").status_code == 404
        assert client.delete(f"{URL}{own_draft.pk}/").status_code == 404
        assert Draft.objects.filter(pk=own_draft.pk).exists()

    def test_superuser_edits_everything(self, api, superuser, other_draft):
        response = api(superuser).patch(f"{URL}{other_draft.pk}/", {"title": "Sửa"}, format="json")
        assert response.status_code == 200
        other_draft.refresh_from_db()
        assert other_draft.title == "Sửa"
