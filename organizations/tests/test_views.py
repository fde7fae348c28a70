import datetime as dt

import pytest
from django.urls import reverse

from organizations.models import Organization
from testbed import factories

ROLES = ("official", "head", "inspector", "admin", "outsider")


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_list_and_detail_by_role(client, users, tree, role):
    client = login(client, users[role])
    listing = client.get(reverse("organizations:list"))
    assert listing.status_code == 200
    assert ("Sở Giáo dục và Đào tạo" in listing.text) is (role != "outsider")
    detail = client.get(reverse("organizations:detail", args=[tree["department"].code]))
    assert detail.status_code == (404 if role == "outsider" else 200)


@pytest.mark.parametrize("role, status", [("official", 403), ("head", 403), ("inspector", 403), ("admin", 200), ("outsider", 403)])
def test_create_page_is_for_portal_admins(client, users, role, status):
    assert login(client, users[role]).get(reverse("organizations:create")).status_code == status


@pytest.mark.parametrize("role, status", [("official", 403), ("inspector", 403), ("admin", 200), ("outsider", 404)])
def test_update_needs_manage_on_the_parent(client, users, tree, role, status):
    url = reverse("organizations:update", args=[tree["department"].code])
    assert login(client, users[role]).get(url).status_code == status


def test_admin_cannot_edit_the_root_they_sit_on(client, portal_admin, tree):
    url = reverse("organizations:update", args=[tree["city"].code])
    assert login(client, portal_admin).get(url).status_code == 403


def test_detail_shows_tree_around_it(client, portal_admin, tree):
    old = factories.OrganizationFactory(
        code="HP-OLD", name="Phòng GD cũ", parent=tree["city"], valid_to=dt.date(2025, 6, 30), successor=tree["department"]
    )
    factories.DraftFactory(drafting_organization=tree["unit"], title="Dự thảo của trường")
    response = login(client, portal_admin).get(reverse("organizations:detail", args=[tree["department"].code]))
    html = response.text
    assert tree["city"].name in html  # ancestor
    assert tree["unit"].name in html  # child
    assert old.name in html and "30/06/2025" in html  # predecessor and its end of validity
    assert "Dự thảo của trường" in html and response.context["draft_count"] == 1
    assert reverse("drafts:list") + "?organization=HP-SGDDT" in html


def test_ancestor_out_of_scope_is_named_not_linked(client, official, tree):
    html = login(client, official).get(reverse("organizations:detail", args=[tree["unit"].code])).text
    assert tree["city"].name in html
    assert reverse("organizations:detail", args=[tree["city"].code]) not in html
    assert reverse("organizations:detail", args=[tree["department"].code]) in html


def names(response):
    return [o.name for o in response.context["object_list"]]


def test_list_search_filters_and_sort(client, portal_admin, tree):
    factories.OrganizationFactory(code="HP-HIST", name="Quận cũ", kind="district", parent=tree["city"], valid_to=dt.date(2025, 6, 30))
    client = login(client, portal_admin)
    url = reverse("organizations:list")
    assert names(client.get(url, {"q": "THPT1"})) == ["Trường THPT Ngô Quyền"]
    assert names(client.get(url, {"kind": "school"})) == ["Trường THPT Ngô Quyền"]
    assert names(client.get(url, {"validity": "historic"})) == ["Quận cũ"]
    assert "Quận cũ" not in names(client.get(url, {"validity": "active"}))
    assert names(client.get(url, {"sort": "code"}))[0] == "Thành phố Hải Phòng"
    assert names(client.get(url, {"sort": "code", "desc": "1"}))[0] == "Trường THPT Ngô Quyền"
    assert client.get(url, {"kind": "bogus"}).status_code == 200


def form(parent, **overrides):
    data = {"code": "HP-SYT", "name": "Sở Y tế", "kind": "department", "parent": parent.pk if parent else ""}
    data.update(overrides)
    return data


def test_admin_creates_below_their_organization(client, portal_admin, tree):
    response = login(client, portal_admin).post(reverse("organizations:create"), form(tree["city"], valid_from="01/07/2025"))
    created = Organization.objects.get(code="HP-SYT")
    assert response.status_code == 302 and response.url == reverse("organizations:detail", args=["HP-SYT"])
    assert created.path == f"{tree['city'].path}{created.pk}/" and created.depth == 1
    assert created.valid_from == dt.date(2025, 7, 1)


def test_admin_cannot_create_elsewhere_or_a_root(client, portal_admin, tree):
    client = login(client, portal_admin)
    assert "parent" in client.post(reverse("organizations:create"), form(tree["other"])).context["form"].errors
    assert "parent" in client.post(reverse("organizations:create"), form(None)).context["form"].errors
    assert not Organization.objects.filter(code="HP-SYT").exists()


def test_superuser_creates_a_root(client, tree):
    root = factories.UserFactory(is_superuser=True)
    response = login(client, root).post(reverse("organizations:create"), form(None, code="HN", name="Hà Nội", kind="province"))
    assert response.status_code == 302
    hanoi = Organization.objects.get(code="HN")
    assert hanoi.path == f"/{hanoi.pk}/"


def test_bad_input_shows_errors_and_saves_nothing(client, portal_admin, tree):
    response = login(client, portal_admin).post(
        reverse("organizations:create"),
        form(tree["city"], code="HP SYT/1", valid_from="01/07/2025", valid_to="30/06/2025"),
    )
    errors = response.context["form"].errors
    assert "code" in errors
    assert "30/06/2025" in errors["valid_to"][0] and "01/07/2025" in errors["valid_to"][0]
    duplicate = login(client, portal_admin).post(reverse("organizations:create"), form(tree["city"], code="HP-SGDDT"))
    assert "code" in duplicate.context["form"].errors
    assert Organization.objects.count() == 4


def test_admin_moves_a_unit_and_paths_follow(client, portal_admin, tree):
    unit = tree["unit"]
    data = {"code": unit.code, "name": unit.name, "kind": unit.kind, "parent": tree["city"].pk}
    response = login(client, portal_admin).post(reverse("organizations:update", args=[unit.code]), data)
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.parent == tree["city"] and unit.path == f"{tree['city'].path}{unit.pk}/" and unit.depth == 1


def test_cannot_move_below_its_own_unit(client, portal_admin, tree):
    department = tree["department"]
    data = {"code": department.code, "name": department.name, "kind": department.kind, "parent": tree["unit"].pk}
    response = login(client, portal_admin).post(reverse("organizations:update", args=[department.code]), data)
    assert response.status_code == 200 and "parent" in response.context["form"].errors
    department.refresh_from_db()
    assert department.parent == tree["city"]
