"""The main navigation: which section a path marks as active, and nothing of one user's on another's page."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _render(source, **context):
    return Template("{% load portal %}" + source).render(Context(context))


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
