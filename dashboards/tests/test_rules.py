"""Who reaches which dashboard URL, for every role (root conftest: official, head, inspector at the department,
admin at the city, outsider at another province)."""

import pytest
from django.urls import reverse

from dashboards.models import RecomputeRequest

pytestmark = pytest.mark.django_db

READERS = ["official", "head", "inspector", "admin"]


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("role", READERS)
def test_every_role_of_the_organization_or_above_reads_its_dashboard_and_policies(client, users, tree, role):
    department = tree["department"]
    assert _get(client, users[role], reverse("dashboards:organization", args=[department.code])).status_code == 200
    assert _get(client, users[role], reverse("dashboards:policies", args=[department.code, 2024])).status_code == 200


@pytest.mark.parametrize(
    "name,args", [("dashboards:organization", ["HP-SGDDT"]), ("dashboards:policies", ["HP-SGDDT", 2024])]
)
def test_another_organization_answers_404(client, users, tree, name, args):
    assert _get(client, users["outsider"], reverse(name, args=args)).status_code == 404


def test_an_organization_above_the_users_own_answers_404(client, users, tree):
    response = _get(client, users["head"], reverse("dashboards:organization", args=[tree["city"].code]))
    assert response.status_code == 404
    assert _get(client, users["admin"], reverse("dashboards:organization", args=[tree["city"].code])).status_code == 200


def test_unknown_organization_answers_404(client, users):
    assert _get(client, users["admin"], reverse("dashboards:organization", args=["NOPE"])).status_code == 404


@pytest.mark.parametrize("role", ["head", "admin"])
def test_head_and_admin_may_ask_for_a_recompute(client, users, tree, role):
    client.force_login(users[role])
    url = reverse("dashboards:recompute", args=[tree["department"].code])
    response = client.post(url, {"year": 2024})
    assert response.status_code == 302
    request = RecomputeRequest.objects.get()
    assert (request.organization, request.year, request.requested_by) == (tree["department"], 2024, users[role])


@pytest.mark.parametrize("role,status", [("official", 403), ("inspector", 403), ("outsider", 404)])
def test_others_may_not_ask_for_a_recompute(client, users, tree, role, status):
    client.force_login(users[role])
    response = client.post(reverse("dashboards:recompute", args=[tree["department"].code]), {"year": 2024})
    assert response.status_code == status
    assert not RecomputeRequest.objects.exists()


def test_recompute_is_post_only(client, users, tree):
    client.force_login(users["head"])
    assert client.get(reverse("dashboards:recompute", args=[tree["department"].code])).status_code == 405


def test_recompute_status_of_another_organization_answers_404(client, users, tree):
    request = RecomputeRequest.objects.create(organization=tree["department"], year=2024, requested_by=users["head"])
    client.force_login(users["outsider"])
    response = client.get(reverse("dashboards:recompute_status", args=[request.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    client.force_login(users["inspector"])
    response = client.get(reverse("dashboards:recompute_status", args=[request.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200


def test_anonymous_users_are_sent_to_the_login_page(client, tree):
    response = client.get(reverse("dashboards:organization", args=[tree["department"].code]))
    assert response.status_code == 302 and "/login/" in response["Location"]
