"""{% memo %} (core/templatetags/fragments.py): parts of the page chrome rendered once per process, per language and
per the values given; never anything about the user or the request."""

import re

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from core.templatetags import fragments

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_fragments():
    fragments.clear()
    yield
    fragments.clear()


def _render(source, **context):
    return Template("{% load fragments %}" + source).render(Context(context))


def test_a_fragment_is_rendered_once_per_key():
    template = Template('{% load fragments %}{% memo "t" section %}{{ section }}:{{ other }}{% endmemo %}')
    assert template.render(Context({"section": "a", "other": 1})) == "a:1"
    assert template.render(Context({"section": "a", "other": 2})) == "a:1"  # not a value of the key: kept
    assert template.render(Context({"section": "b", "other": 3})) == "b:3"


def test_a_fragment_is_kept_per_language():
    template = Template('{% load i18n fragments %}{% memo "t" %}{% trans "Log out" %}{% endmemo %}')
    with translation.override("en"):
        assert template.render(Context()) == "Log out"
    with translation.override("vi"):
        vietnamese = template.render(Context())
    assert vietnamese != "Log out"
    with translation.override("en"):
        assert template.render(Context()) == "Log out"


@override_settings(DEBUG=True)
def test_nothing_is_kept_with_debug_on():
    template = Template('{% load fragments %}{% memo "t" %}{{ n }}{% endmemo %}')
    assert template.render(Context({"n": 1})) == "1"
    assert template.render(Context({"n": 2})) == "2"


def test_the_number_of_fragments_is_bounded(monkeypatch):
    monkeypatch.setattr(fragments, "MAX_FRAGMENTS", 3)
    template = Template('{% load fragments %}{% memo "t" n %}{{ n }}{% endmemo %}')
    for n in range(10):
        assert template.render(Context({"n": n})) == str(n)
    assert len(fragments._fragments) <= 3


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/dashboards/", "dashboards"), ("/dashboards/HP/", "dashboards"), ("/drafts/", "drafts"),
        ("/drafts/12/edit/", "drafts"), ("/drafts/policies/", "policies"), ("/drafts/policies/3/", "policies"),
        ("/campaigns/activities/", "activities"), ("/campaigns/", "campaigns"), ("/campaigns/7/", ""),
        ("/reports/", "reports"), ("/organizations/", ""), ("/", ""),
    ],
)
def test_nav_sections_are_what_the_navigation_marked_before(path, section):
    assert _render("{% nav_section path as s %}{{ s }}", path=path) == section


def test_the_navigation_never_carries_one_users_details_to_another(client, official, portal_admin):
    official.full_name, portal_admin.full_name = "Nguyễn Văn Chính", "Trần Thị Quản"
    portal_admin.is_staff = True
    official.save()
    portal_admin.save()
    pages = {}
    for user in (portal_admin, official, portal_admin):
        client.force_login(user)
        html = client.get(reverse("accounts:profile")).content.decode()
        pages.setdefault(user.username, []).append(html)
    admin_url = reverse("admin:index")
    # CSRF tokens are masked afresh on every render: the same user's two pages never share one if it is rendered
    # per request (the language form's and the log-out form's).
    tokens = [re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html) for html in pages["portaladmin"]]
    assert len(tokens[0]) >= 2 and not set(tokens[0]) & set(tokens[1])
    assert "Nguyễn Văn Chính" in pages["official"][0] and "Trần Thị Quản" not in pages["official"][0]
    assert f'href="{admin_url}"' not in pages["official"][0]
    assert all("Trần Thị Quản" in html and f'href="{admin_url}"' in html for html in pages["portaladmin"])
