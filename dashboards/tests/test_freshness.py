"""Whatever was saved and recomputed shows at once on the dashboard, and each user's page is their own (right to
recompute, language, CSRF token, breadcrumbs, memberships): only the counted part is kept in the cache, under the
organization's snapshot stamp (test_cache.py), never a copy of a page."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership, Role
from campaigns import services as campaign_services
from campaigns.models import ActivityStatus
from dashboards.models import RecomputeRequest
from directives import services as directive_services
from directives.models import Requirement, RequirementKind, TaskCode
from testbed import factories

from .conftest import D, make_activity, tr

pytestmark = pytest.mark.django_db

URL_YEAR = "?year=2024"


def _url(org):
    return reverse("dashboards:organization", args=[org.code]) + URL_YEAR


def _coverage(html):
    return re.search(r'data-testid="coverage-percent">([^<]*?)(?: %)?<', html).group(1)


@pytest.fixture
def head_client(client, head):
    client.force_login(head)
    return client


def test_the_htmx_fragment_is_the_body_with_its_title(head_client, dash, tree):
    page = head_client.get(_url(tree["department"])).content.decode()
    fragment = head_client.get(_url(tree["department"]), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard")
    html = fragment.content.decode()
    assert "<title>" in html and "66,7" in html and "navbar" not in html and "navbar" in page
    assert "{#" not in page and "{%" not in page  # no template source leaks
    assert {"HX-Request", "HX-Target"} <= {v.strip() for v in fragment["Vary"].split(",")}


def test_child_urls_are_what_reverse_gives(head_client, dash, tree):
    factories.OrganizationFactory(code="HP-SGDDT-A B", name="Đơn vị có dấu cách", kind="unit", parent=tree["department"])
    html = head_client.get(_url(tree["department"])).content.decode()
    for code in ("HP-SGDDT-THPT1", "HP-SGDDT-A B"):
        child = reverse("dashboards:organization", args=[code]) + URL_YEAR
        assert f'href="{child}" hx-get="{child}"' in html
        assert f'href="{reverse("dashboards:policies", args=[code, 2024])}"' in html
    assert "%20" in html  # quoted as reverse() quotes


def test_a_new_activity_through_the_service_changes_the_page(
    head_client, dash, tree, official, django_capture_on_commit_callbacks
):
    before = head_client.get(_url(tree["department"])).content.decode()
    assert _coverage(before) == "66,7"
    with django_capture_on_commit_callbacks(execute=True):  # the write commits: recompute, then the version moves
        campaign_services.activity_create(
            draft=dash.not_communicated[0].draft, actor=official, title="Họp báo", channel="press",
            date=D + dt.timedelta(days=20), status=ActivityStatus.DONE,
        )
    after = head_client.get(_url(tree["department"])).content.decode()
    assert _coverage(after) == "100,0"


def test_a_recompute_changes_the_page(head_client, dash, tree, django_capture_on_commit_callbacks):
    assert _coverage(head_client.get(_url(tree["department"])).content.decode()) == "66,7"
    # Data changed behind the hooks' back (as a bulk import would): the stored figures stay as they were ...
    make_activity(dash.not_communicated[0].draft, D + dt.timedelta(days=20))
    assert _coverage(head_client.get(_url(tree["department"])).content.decode()) == "66,7"
    # ... until a head asks for a recompute
    with django_capture_on_commit_callbacks(execute=True):
        head_client.post(reverse("dashboards:recompute", args=[tree["department"].code]), {"year": 2024})
    assert RecomputeRequest.objects.get().status == "done"
    html = head_client.get(_url(tree["department"])).content.decode()
    assert _coverage(html) == "100,0"
    assert tr("Last recompute finished at %(at)s.").split("%")[0] in html


def test_a_task_report_changes_the_checklist(head_client, dash, tree, head):
    assert head_client.get(_url(tree["department"])).content.decode().count("status-communicated\" aria-hidden") == 1
    requirement = Requirement.objects.get(kind=RequirementKind.TASK, task_code=TaskCode.TRAINING_HELD)
    directive_services.task_report_set(requirement=requirement, organization=tree["department"], year=2024, done=True, actor=head)
    assert head_client.get(_url(tree["department"])).content.decode().count("status-communicated\" aria-hidden") == 2


def test_users_without_the_right_to_recompute_never_get_the_heads_page(client, head, dash, tree):
    inspector = factories.user_with_role(Role.INSPECTOR, tree["department"], username="insp2")
    recompute_url = reverse("dashboards:recompute", args=[tree["department"].code])
    client.force_login(head)
    assert recompute_url in client.get(_url(tree["department"])).content.decode()
    client.force_login(inspector)
    response = client.get(_url(tree["department"]))
    assert recompute_url not in response.content.decode() and "66,7" in response.content.decode()


def test_each_user_gets_their_own_csrf_token_and_breadcrumbs(client, head, portal_admin, dash, tree):
    def token(html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    client.force_login(head)
    head_html = client.get(_url(tree["department"])).content.decode()
    head_token = client.cookies[settings.CSRF_COOKIE_NAME].value
    client.logout()
    client.force_login(portal_admin)
    admin_html = client.get(_url(tree["department"])).content.decode()
    assert token(head_html) != token(admin_html)
    assert client.cookies[settings.CSRF_COOKIE_NAME].value != head_token
    city_crumb = reverse("dashboards:organization", args=[tree["city"].code]) + URL_YEAR
    assert city_crumb in admin_html and city_crumb not in head_html  # the head cannot read the city


def test_languages_are_rendered_apart(head_client, dash, tree):
    vietnamese = head_client.get(_url(tree["department"])).content.decode()
    head_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = head_client.get(_url(tree["department"])).content.decode()
    assert "Units directly below" in english and "66.7" in english
    assert "Units directly below" not in vietnamese and "66,7" in vietnamese


def test_a_bad_year_is_shown_with_its_error(head_client, dash, tree):
    url = reverse("dashboards:organization", args=[tree["department"].code])
    response = head_client.get(url + "?year=abc")
    assert response.context["year_form"].errors and 'id="year-error"' in response.content.decode()
    assert 'id="year-error"' not in head_client.get(url).content.decode()


def test_the_page_does_not_depend_on_redis(head_client, dash, tree):
    # A real Redis cache whose server is not there (nothing listens on port 9 of loopback).
    broken = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    with override_settings(CACHES=broken):
        response = head_client.get(_url(tree["department"]))
    assert response.status_code == 200 and "66,7" in response.content.decode()


def test_breadcrumbs_fetch_only_the_ancestors_the_user_may_read(client, head, portal_admin, dash, tree):
    from dashboards.views import DashboardView

    def crumbs(user, organization):
        view = DashboardView()
        view.request = type("R", (), {"user": user})()
        view.kwargs = {"code": organization.code}
        assert view.organization == organization  # fetched now: the lookup is not what is counted
        with CaptureQueriesContext(connection) as ctx:
            result = view.breadcrumbs(2024, (organization.name, None))
        return [label for label, _url in result], len(ctx.captured_queries)

    # The head's membership is on the department: the city above it is not theirs, so nothing is fetched.
    assert crumbs(head, tree["unit"]) == ([tree["department"].name, tree["unit"].name], 1)
    assert crumbs(head, tree["department"]) == ([tree["department"].name], 0)
    # The administrator's is on the city: both ancestors are readable and named.
    assert crumbs(portal_admin, tree["unit"]) == ([tree["city"].name, tree["department"].name, tree["unit"].name], 1)
    assert crumbs(portal_admin, tree["city"]) == ([tree["city"].name], 0)


def test_a_membership_change_is_seen_at_once(head_client, head, dash, tree, django_capture_on_commit_callbacks):
    url = _url(tree["department"])
    assert head_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.filter(user=head).delete()
    assert head_client.get(url).status_code == 404


def test_a_deactivated_user_is_logged_out_at_once(head_client, head, dash, tree, django_capture_on_commit_callbacks):
    url = _url(tree["department"])
    assert head_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        head.is_active = False
        head.save()
    response = head_client.get(url)
    assert response.status_code == 302 and reverse("login") in response.url


def test_a_waiting_message_is_shown_once_and_never_kept(head_client, dash, tree, django_capture_on_commit_callbacks):
    url = _url(tree["department"])
    assert head_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        head_client.post(reverse("dashboards:recompute", args=[tree["department"].code]), {"year": 2024})
    with_message = head_client.get(url)
    assert with_message.context is not None and 'role="alert"' in with_message.content.decode()
    after = head_client.get(url)
    assert 'role="alert"' not in after.content.decode()
