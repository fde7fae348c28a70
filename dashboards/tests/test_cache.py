"""The dashboard's body content is cached (issue #4): hit on the second request, invalidated by every change it
shows, and never shared across users whose page differs (right to recompute, language, CSRF token, breadcrumbs)."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from campaigns import services as campaign_services
from campaigns.models import ActivityStatus
from core import factories
from dashboards.models import RecomputeRequest
from directives import services as directive_services
from directives.models import Requirement, RequirementKind, TaskCode

from .conftest import D, make_activity, tr

pytestmark = pytest.mark.django_db

URL_YEAR = "?year=2024"


def _url(org):
    return reverse("dashboards:organization", args=[org.code]) + URL_YEAR


def _get(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def _coverage(html):
    return re.search(r'data-testid="coverage-percent">([^<]*?)(?: %)?<', html).group(1)


def _without_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.fixture
def head_client(client, head):
    client.force_login(head)
    return client


def test_second_request_is_a_cache_hit_with_the_same_page(head_client, dash, tree, settings):
    settings.USER_COPY_SECONDS = 0  # the content cache, beneath the whole-page copies (test_pages.py)
    head_client.get(_url(tree["department"]))  # the trend's years never computed are computed on first sight
    cache.clear()
    first, cold = _get(head_client, _url(tree["department"]))
    second, warm = _get(head_client, _url(tree["department"]))
    assert "dashboard" in first.context and "dashboard" not in second.context  # the selectors did not run again
    assert warm < cold - 5, (cold, warm)
    assert _without_csrf(second.content.decode()) == _without_csrf(first.content.decode())
    assert "{#" not in first.content.decode() and "{%" not in first.content.decode()  # no template source leaks
    # the HTMX fragment shares the cached content
    fragment, hx = _get(head_client, _url(tree["department"]), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard")
    assert hx == warm and "<title>" in fragment.content.decode() and "66,7" in fragment.content.decode()


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


def test_pending_changes_are_not_cached(head_client, dash, tree, official):
    """Saved but not yet recomputed (the after-commit task has not run): the page is not stored meanwhile."""
    campaign_services.activity_create(
        draft=dash.not_communicated[0].draft, actor=official, title="Họp báo", channel="press",
        date=D + dt.timedelta(days=20), status=ActivityStatus.DONE,
    )
    first = head_client.get(_url(tree["department"]))
    second = head_client.get(_url(tree["department"]))
    assert "dashboard" in first.context and "dashboard" in second.context  # rendered twice, nothing stored


def test_a_recompute_changes_the_page(head_client, dash, tree, django_capture_on_commit_callbacks):
    assert _coverage(head_client.get(_url(tree["department"])).content.decode()) == "66,7"
    # Data changed behind the hooks' back (as a bulk import would): the cached page stays as it was ...
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


def test_the_cache_counter_moves_at_once_and_once_more_after_commit(dash, official):
    from counting.hooks import DATA_VERSION, data_version

    start = data_version()
    for day in (D, D + dt.timedelta(days=1)):
        campaign_services.activity_create(
            draft=dash.communicated[0].draft, actor=official, title="Tọa đàm", channel="press", date=day,
            status=ActivityStatus.DONE,
        )
    assert data_version() == start + 2  # at once, for this transaction's own later reads
    pending = [entry[1] for entry in connection.run_on_commit if entry[1] == DATA_VERSION.bump_now]
    assert len(pending) == 1  # one after-commit bump per transaction, however many writes it made
    pending[0]()
    assert data_version() == start + 3


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
    assert "csrf-token-placeholder" not in head_html + admin_html
    assert token(head_html) != token(admin_html)
    assert client.cookies[settings.CSRF_COOKIE_NAME].value != head_token
    city_crumb = reverse("dashboards:organization", args=[tree["city"].code]) + URL_YEAR
    assert city_crumb in admin_html and city_crumb not in head_html  # the head cannot read the city


def test_languages_are_cached_apart(head_client, dash, tree):
    vietnamese = head_client.get(_url(tree["department"])).content.decode()
    head_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = head_client.get(_url(tree["department"])).content.decode()
    assert "Units directly below" in english and "66.7" in english
    assert "Units directly below" not in vietnamese and "66,7" in vietnamese


def test_a_bad_year_is_shown_with_its_error_and_never_cached(head_client, dash, tree):
    url = reverse("dashboards:organization", args=[tree["department"].code])
    response = head_client.get(url + "?year=abc")
    assert response.context["year_form"].errors and 'id="year-error"' in response.content.decode()
    assert 'id="year-error"' not in head_client.get(url).content.decode()


def test_a_broken_cache_costs_speed_not_the_page(head_client, dash, tree):
    # A real Redis cache whose server is not there (nothing listens on port 9 of loopback).
    broken = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    with override_settings(CACHES=broken):
        response = head_client.get(_url(tree["department"]))
    assert response.status_code == 200 and "66,7" in response.content.decode()


@pytest.mark.parametrize("backend", ["policycomms.cache.RedisCache", "django.core.cache.backends.redis.RedisCache"])
def test_a_broken_redis_costs_speed_not_the_page_with_either_backend(head_client, dash, tree, backend):
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:9/0"}}):
        first = head_client.get(_url(tree["department"]))
        second = head_client.get(_url(tree["department"]))
    assert "66,7" in first.content.decode() and "dashboard" in second.context  # rendered each time, never stored


# --- this process's own copies (views.LocalCopies) ---------------------------------------------------------------


def test_a_hit_is_served_from_the_process_copy_without_the_shared_cache(head_client, dash, tree, monkeypatch, settings):
    settings.USER_COPY_SECONDS = 0  # the content's copies, beneath the whole-page copies (test_pages.py)
    head_client.get(_url(tree["department"]))  # the trend's years never computed are computed on first sight
    first = head_client.get(_url(tree["department"]))
    assert "dashboard" in first.context  # rendered, then stored in the shared cache and kept by this process
    reads = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *a, **kw: reads.append(key) or real_get(key, *a, **kw))
    second = head_client.get(_url(tree["department"]))
    assert "dashboard" not in second.context
    assert [key for key in reads if key.startswith("dashboards:content:")] == []
    assert _without_csrf(second.content.decode()) == _without_csrf(first.content.decode())


def test_a_change_is_seen_through_the_process_copy(head_client, dash, tree, official, django_capture_on_commit_callbacks):
    from dashboards.views import local_copies

    head_client.get(_url(tree["department"]))  # the trend's years never computed are computed on first sight
    assert _coverage(head_client.get(_url(tree["department"])).content.decode()) == "66,7"
    assert len(local_copies._items) >= 1
    with django_capture_on_commit_callbacks(execute=True):
        campaign_services.activity_create(
            draft=dash.not_communicated[0].draft, actor=official, title="Họp báo", channel="press",
            date=D + dt.timedelta(days=20), status=ActivityStatus.DONE,
        )
    assert _coverage(head_client.get(_url(tree["department"])).content.decode()) == "100,0"


def test_process_copies_expire_and_are_bounded(monkeypatch):
    from core import localcopies

    now = [1000.0]
    monkeypatch.setattr(localcopies.time, "monotonic", lambda: now[0])
    copies = localcopies.LocalCopies(size=2, seconds=60)
    copies.set("a", "A")
    now[0] += 59
    assert copies.get("a") == "A"
    now[0] += 1
    assert copies.get("a") is None  # expired
    copies.set("a", "A")
    copies.set("b", "B")
    assert copies.get("a") == "A"  # "a" is now the most recently used
    copies.set("c", "C")
    assert copies.get("b") is None and copies.get("a") == "A" and copies.get("c") == "C"


def test_process_copies_are_bounded_in_bytes_too():
    from core.localcopies import LocalCopies

    copies = LocalCopies(size=10, seconds=60, max_bytes=10)
    copies.set("a", b"12345")
    copies.set("b", b"1234")
    copies.set("a", b"123456")  # replaced: counted once, and now the most recent
    assert copies.get("a") == b"123456" and copies.get("b") == b"1234" and len(copies) == 2
    copies.set("c", b"12")  # 12 bytes: the least recently used goes
    assert copies.get("a") is None and copies.get("b") == b"1234" and copies.get("c") == b"12"
    copies.set("big", b"x" * 50)  # larger than the bound alone: kept, the rest go
    assert len(copies) == 1 and copies.get("big")


# --- breadcrumbs ----------------------------------------------------------------------------------------------------


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
