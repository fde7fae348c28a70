import pytest

from organizations.models import Organization
from testbed import factories

URL = "/api/v1/organizations/"


@pytest.mark.django_db
class TestRead:
    def test_list_contract_and_scope(self, api, official, tree):
        body = api(official).get(URL).json()
        assert [o["code"] for o in body["results"]] == ["HP-SGDDT", "HP-SGDDT-THPT1"]
        item = body["results"][0]
        assert {"code", "name", "kind", "parent"} <= set(item)
        assert item == item | {"code": "HP-SGDDT", "kind": "department", "parent": "HP"}

    def test_root_parent_is_null(self, api, superuser, tree):
        item = api(superuser).get(f"{URL}HP/").json()
        assert item["parent"] is None and item["kind"] == "province"

    def test_lookup_by_code_and_scope(self, api, official, tree):
        client = api(official)
        assert client.get(f"{URL}HP-SGDDT-THPT1/").status_code == 200
        assert client.get(f"{URL}QN/").status_code == 404
        assert client.get(f"{URL}HP/").status_code == 404  # above the official's organization

    def test_filters(self, api, superuser, tree):
        client = api(superuser)

        def codes(**params):
            return {o["code"] for o in client.get(URL, params).json()["results"]}

        assert codes(kind="province") == {"HP", "QN"}
        assert codes(parent="HP") == {"HP-SGDDT"}
        assert codes(within="HP-SGDDT") == {"HP-SGDDT", "HP-SGDDT-THPT1"}
        assert codes(q="Ngô Quyền") == {"HP-SGDDT-THPT1"}


@pytest.mark.django_db
class TestWrite:
    def test_portal_admin_creates_under_their_organization(self, api, portal_admin, tree):
        response = api(portal_admin).post(
            URL, {"code": "HP-STP", "name": "Sở Tư pháp", "kind": "department", "parent": "HP"}, format="json"
        )
        assert response.status_code == 201, response.content
        created = Organization.objects.get(code="HP-STP")
        assert created.parent == tree["city"]
        assert created.path == f"{tree['city'].path}{created.pk}/"  # maintained by the service
        assert response.json()["parent"] == "HP"

    def test_update_moves_the_subtree(self, api, portal_admin, tree):
        new_parent = factories.OrganizationFactory(code="HP-UBND", kind="unit", parent=tree["city"])
        response = api(portal_admin).patch(f"{URL}HP-SGDDT/", {"parent": "HP-UBND", "name": "Sở GD"}, format="json")
        assert response.status_code == 200, response.content
        tree["unit"].refresh_from_db()
        assert tree["unit"].path.startswith(new_parent.path)

    def test_put(self, api, portal_admin, tree):
        response = api(portal_admin).put(
            f"{URL}HP-SGDDT-THPT1/",
            {"code": "HP-THPT-NQ", "name": "Trường THPT Ngô Quyền", "kind": "school", "parent": "HP-SGDDT"},
            format="json",
        )
        assert response.status_code == 200, response.content
        assert Organization.objects.filter(code="HP-THPT-NQ").exists()

    def test_delete_and_protected_delete(self, api, portal_admin, tree):
        client = api(portal_admin)
        response = client.delete(f"{URL}HP-SGDDT/")  # still has a school below it
        assert response.status_code == 400
        assert Organization.objects.filter(code="HP-SGDDT").exists()
        assert client.delete(f"{URL}HP-SGDDT-THPT1/").status_code == 204
        assert not Organization.objects.filter(code="HP-SGDDT-THPT1").exists()

    @pytest.mark.parametrize(
        "overrides, field",
        [
            ({"parent": "NOPE"}, "parent"),
            ({"parent": "QN"}, "parent"),  # outside the admin's scope
            ({"parent": None}, "parent"),  # top level: superusers only
            ({"kind": "empire"}, "kind"),
            ({"code": "HP"}, "code"),  # taken
            ({"valid_from": "2025-07-01", "valid_to": "2025-06-30"}, "valid_to"),
            ({"valid_from": "1/7/2025"}, "valid_from"),
        ],
    )
    def test_bad_input_is_400_and_saves_nothing(self, api, portal_admin, tree, overrides, field):
        before = Organization.objects.count()
        data = {"code": "HP-NEW", "name": "Đơn vị mới", "kind": "unit", "parent": "HP"} | overrides
        response = api(portal_admin).post(URL, data, format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert Organization.objects.count() == before

    def test_moving_below_itself_is_400(self, api, portal_admin, tree):
        response = api(portal_admin).patch(f"{URL}HP-SGDDT/", {"parent": "HP-SGDDT-THPT1"}, format="json")
        assert response.status_code == 400
        assert "parent" in response.json()
        tree["department"].refresh_from_db()
        assert tree["department"].parent == tree["city"]

    @pytest.mark.parametrize("role", ["official", "head", "inspector"])
    def test_other_roles_cannot_write(self, request, api, role, tree):
        client = api(request.getfixturevalue(role))
        data = {"code": "HP-NEW", "name": "Đơn vị mới", "kind": "unit", "parent": "HP-SGDDT"}
        assert client.post(URL, data, format="json").status_code == 403
        assert client.patch(f"{URL}HP-SGDDT-THPT1/", {"name": "x"}, format="json").status_code == 403
        assert client.delete(f"{URL}HP-SGDDT-THPT1/").status_code == 403
        assert not Organization.objects.filter(code="HP-NEW").exists()
        assert Organization.objects.get(code="HP-SGDDT-THPT1").name != "x"

    def test_admin_cannot_edit_own_root_or_other_province(self, api, portal_admin, tree):
        client = api(portal_admin)
        assert client.patch(f"{URL}HP/", {"name": "x"}, format="json").status_code == 403
        assert client.patch(f"{URL}QN/", {"name": "x"}, format="json").status_code == 404

    def test_superuser_creates_top_level(self, api, superuser, tree):
        response = api(superuser).post(URL, {"code": "BTP", "name": "Bộ Tư pháp", "kind": "ministry"}, format="json")
        assert response.status_code == 201, response.content
        assert response.json()["parent"] is None
        assert Organization.objects.get(code="BTP").path
