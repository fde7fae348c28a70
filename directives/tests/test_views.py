import datetime as dt

import pytest
from django.urls import reverse

from directives.models import Directive
from testbed import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def local(tree):
    return Directive.objects.create(code="06/KH-UBND", kind="plan", title="Kế hoạch 06", issuer="UBND",
                                    issued_on=dt.date(2024, 1, 10), applies_to=tree["department"])


@pytest.mark.parametrize("role", ["official", "head", "inspector", "admin", "outsider"])
def test_every_role_reads_the_list_and_details(client, users, local, role):
    client.force_login(users[role])
    page = client.get(reverse("directives:list"))
    assert page.status_code == 200
    assert "407/QĐ-TTg" in page.content.decode() and "06/KH-UBND" in page.content.decode()
    assert client.get(reverse("directives:detail", args=[local.pk])).status_code == 200


def test_anonymous_is_sent_to_log_in(client, local):
    assert client.get(reverse("directives:list")).status_code == 302


def test_list_search_filter_sort_and_empty_state(client, official, local, english):
    client.force_login(official)
    codes = lambda **q: [d.code for d in client.get(reverse("directives:list"), q).context["object_list"]]  # noqa: E731
    assert codes(q="06/KH") == ["06/KH-UBND"]
    assert codes(reach="national") == ["07/CT-TTg", "407/QĐ-TTg"]
    assert codes(sort="code") == ["06/KH-UBND", "07/CT-TTg", "407/QĐ-TTg"]
    assert codes(sort="issued_on", desc="1")[0] == "06/KH-UBND"
    assert codes(kind="decision") == ["407/QĐ-TTg"]
    body = client.get(reverse("directives:list"), {"q": "nothing-like-this"}).content.decode()
    assert "No directive matches" in body


@pytest.mark.parametrize("role,status", [("official", 403), ("head", 403), ("inspector", 403), ("admin", 200), ("outsider", 403)])
def test_only_administrators_of_its_subtree_edit_a_local_directive(client, users, local, role, status):
    client.force_login(users[role])
    assert client.get(reverse("directives:update", args=[local.pk])).status_code == status
    assert client.get(reverse("directives:delete", args=[local.pk])).status_code == status


def test_a_national_directive_is_edited_by_superusers_only(client, portal_admin):
    d407 = Directive.objects.get(code="407/QĐ-TTg")
    client.force_login(portal_admin)
    assert client.get(reverse("directives:update", args=[d407.pk])).status_code == 403
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("directives:update", args=[d407.pk])).status_code == 200


def test_unknown_directive_is_404(client, official):
    client.force_login(official)
    assert client.get(reverse("directives:detail", args=[999999])).status_code == 404


def test_admin_creates_a_plan_for_their_subtree_and_bad_dates_lose_nothing(client, portal_admin, tree):
    client.force_login(portal_admin)
    data = {"code": "13/VP-ĐC3", "kind": "official_letter", "title": "Công văn", "issuer": "Văn phòng",
            "issued_on": "31/02/2024", "applies_to": tree["department"].pk}
    page = client.post(reverse("directives:create"), data)
    assert page.status_code == 200 and "ngày/tháng/năm" in page.content.decode()
    assert not Directive.objects.filter(code="13/VP-ĐC3").exists()
    page = client.post(reverse("directives:create"), {**data, "issued_on": "05/03/2024"})
    created = Directive.objects.get(code="13/VP-ĐC3")
    assert page.status_code == 302 and created.issued_on == dt.date(2024, 3, 5)
    # Out of their subtree, or national: not offered.
    page = client.post(reverse("directives:create"), {**data, "code": "X/1", "issued_on": "05/03/2024", "applies_to": tree["other"].pk})
    assert page.status_code == 200 and not Directive.objects.filter(code="X/1").exists()
    page = client.post(reverse("directives:create"), {**data, "code": "X/2", "issued_on": "05/03/2024", "applies_to": ""})
    assert page.status_code == 200 and not Directive.objects.filter(code="X/2").exists()


def test_officials_cannot_create(client, official):
    client.force_login(official)
    assert client.get(reverse("directives:create")).status_code == 403


def test_delete_asks_first_then_deletes(client, portal_admin, local):
    client.force_login(portal_admin)
    page = client.get(reverse("directives:delete", args=[local.pk]))
    assert page.status_code == 200 and Directive.objects.filter(pk=local.pk).exists()
    assert client.post(reverse("directives:delete", args=[local.pk])).status_code == 302
    assert not Directive.objects.filter(pk=local.pk).exists()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_target_years_are_written_as_years(client, official, settings, language):
    """A year is not a figure: "2022: 70%", never "2.022: 70%" (Vietnamese grouping) or "2,022: 70%"."""
    settings.LANGUAGE_CODE = language
    client.force_login(official)
    decision = Directive.objects.get(code="407/QĐ-TTg")
    body = client.get(reverse("directives:detail", args=[decision.pk])).content.decode()
    assert "2022: 70%" in body and "2.022" not in body and "2,022" not in body
