"""Whole dashboard pages kept per process and user (issue #4's throughput): a repeated visit is answered without a
query or a template, and never with a page another user, an older membership, older data or a message belongs to."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership, Role
from campaigns import services as campaign_services
from campaigns.models import ActivityStatus
from core import factories
from dashboards.views import page_copies, shared_page_key

from .conftest import D

pytestmark = pytest.mark.django_db

URL_YEAR = "?year=2024"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _pages_kept(settings):
    settings.USER_COPY_SECONDS = 60  # as with Redis (the default there); the local-memory default keeps none


def _url(org, query=URL_YEAR):
    return reverse("dashboards:organization", args=[org.code]) + query


def _get(client, url, **headers):
    """The response and its queries, the session's own load left out: none with sessions read from Redis (with
    ``REDIS_URL``), one without (database sessions, the embedded default)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    return response, sum('"django_session"' not in q["sql"] for q in ctx.captured_queries)


def _coverage(html):
    return re.search(r'data-testid="coverage-percent">([^<]*?)(?: %)?<', html).group(1)


def _forget_pages():
    """As if no process had kept a page: neither this one nor, in the shared cache, any other."""
    for key in list(page_copies._items):
        cache.delete(shared_page_key(key))
    page_copies.clear()


def _warm(client, url):
    """Log-in stamps the session and the first sight of a year computes it: the second request is a steady miss."""
    client.get(url)
    _forget_pages()
    first, _ = _get(client, url)
    assert first.status_code == 200 and first.context is not None  # rendered
    return first


@pytest.fixture
def head_client(client, head):
    client.force_login(head)
    return client


def test_a_repeated_visit_costs_no_query_and_no_template(head_client, dash, tree):
    url = _url(tree["department"])
    first = _warm(head_client, url)
    second, queries = _get(head_client, url)
    assert second.status_code == 200 and second.context is None  # no template rendered
    assert queries == 0
    first_html, second_html = first.content.decode(), second.content.decode()
    assert TOKEN.sub("", second_html) == TOKEN.sub("", first_html)
    assert "csrf-token-placeholder" not in first_html + second_html
    for header in ("Content-Type", "Vary", "Content-Language", "Content-Security-Policy", "X-Frame-Options"):
        assert second.headers.get(header) == first.headers.get(header), header


def test_a_page_kept_by_another_process_is_served_from_the_shared_cache(head_client, dash, tree):
    url = _url(tree["department"])
    first = _warm(head_client, url)
    (key,) = page_copies._items
    page_copies.clear()  # this process has forgotten it; the one that rendered it left it in the shared cache
    assert cache.get(shared_page_key(key)) is not None
    second, queries = _get(head_client, url)
    assert second.status_code == 200 and second.context is None and queries == 0
    assert TOKEN.sub("", second.content.decode()) == TOKEN.sub("", first.content.decode())
    assert len(page_copies) == 1  # and now kept here too
    cache.delete(shared_page_key(key))
    page_copies.clear()
    assert _get(head_client, url)[0].context is not None  # kept nowhere: rendered


def test_the_token_on_a_kept_page_is_the_requests_own_and_valid(head, dash, tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(head)
    url = _url(tree["department"])
    first = _warm(client, url)
    second, queries = _get(client, url)
    assert queries == 0
    tokens = {TOKEN.search(page.content.decode()).group(1) for page in (first, second)}
    assert len(tokens) == 2  # masked anew for each request, never the one kept with the page
    token = TOKEN.search(second.content.decode()).group(1)
    response = client.post(reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": token})
    assert response.status_code == 302  # the form on the kept page posts
    assert client.post(reverse("set_language"), {"language": "en", "next": url}).status_code == 403  # checks are on


def test_another_user_never_gets_the_page_kept_for_someone_else(client, head, dash, tree):
    other_head = factories.user_with_role(Role.HEAD, tree["department"], username="head2", full_name="Trần Thị Hai")
    url = _url(tree["department"])
    client.force_login(head)
    _warm(client, url)
    client.force_login(other_head)
    response, queries = _get(client, url)
    assert response.context is not None and queries > 0  # rendered for this user
    html = response.content.decode()
    assert "Trần Thị Hai" in html and head.display_name not in html


def test_a_membership_change_is_seen_at_once(head_client, head, dash, tree, django_capture_on_commit_callbacks):
    url = _url(tree["department"])
    _warm(head_client, url)
    assert _get(head_client, url)[0].context is None
    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.filter(user=head).delete()
    assert head_client.get(url).status_code == 404


def test_a_deactivated_user_is_logged_out_at_once(head_client, head, dash, tree, django_capture_on_commit_callbacks):
    url = _url(tree["department"])
    _warm(head_client, url)
    with django_capture_on_commit_callbacks(execute=True):
        head.is_active = False
        head.save()
    response = head_client.get(url)
    assert response.status_code == 302 and reverse("login") in response.url


def test_new_figures_are_seen_at_once(head_client, dash, tree, official, django_capture_on_commit_callbacks):
    url = _url(tree["department"])
    assert _coverage(_warm(head_client, url).content.decode()) == "66,7"
    assert _get(head_client, url)[0].context is None
    with django_capture_on_commit_callbacks(execute=True):
        campaign_services.activity_create(
            draft=dash.not_communicated[0].draft, actor=official, title="Họp báo", channel="press",
            date=D + dt.timedelta(days=20), status=ActivityStatus.DONE,
        )
    assert _coverage(head_client.get(url).content.decode()) == "100,0"


def test_a_waiting_message_is_shown_once_and_never_kept(head_client, dash, tree, django_capture_on_commit_callbacks):
    url = _url(tree["department"])
    _warm(head_client, url)
    with django_capture_on_commit_callbacks(execute=True):
        head_client.post(reverse("dashboards:recompute", args=[tree["department"].code]), {"year": 2024})
    with_message = head_client.get(url)
    assert with_message.context is not None and 'role="alert"' in with_message.content.decode()
    after = head_client.get(url)
    assert 'role="alert"' not in after.content.decode()


def test_htmx_fragments_and_other_queries_are_not_the_kept_page(head_client, dash, tree):
    url = _url(tree["department"])
    _warm(head_client, url)
    fragment, _ = _get(head_client, url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard")
    assert fragment.context is not None and "<html" not in fragment.content.decode()
    other_year, _ = _get(head_client, _url(tree["department"], "?year=2023"))
    assert other_year.context is not None and 'value="2023" selected' in other_year.content.decode()


def test_languages_are_kept_apart(head_client, dash, tree):
    url = _url(tree["department"])
    _warm(head_client, url)
    head_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = head_client.get(url)
    assert english.context is not None and "66.7" in english.content.decode()
    assert _get(head_client, url)[0].context is None  # English is kept too, apart
    del head_client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert "66,7" in head_client.get(url).content.decode()


def test_pending_changes_keep_no_page(head_client, dash, tree, official):
    url = _url(tree["department"])
    _warm(head_client, url)
    campaign_services.activity_create(  # saved; its recompute waits for the commit that never comes here
        draft=dash.not_communicated[0].draft, actor=official, title="Họp báo", channel="press",
        date=D + dt.timedelta(days=20), status=ActivityStatus.DONE,
    )
    for _ in range(2):
        assert head_client.get(url).context is not None  # rendered each time


def test_without_the_shared_cache_every_page_is_rendered(head_client, dash, tree):
    broken = {"default": {"BACKEND": "policycomms.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    url = _url(tree["department"])
    with override_settings(CACHES=broken):
        responses = [head_client.get(url) for _ in range(2)]
    assert all(r.status_code == 200 and r.context is not None for r in responses)
    assert len(page_copies) == 0


def test_unknown_query_parameters_make_no_new_copies(head_client, dash, tree):
    """A cache key comes from validated parameters only: junk in the query string is served the kept page and keeps
    nothing new (before: 300 junk queries kept 300 pages); an invalid year is rendered and never kept."""
    url = _url(tree["department"])
    _warm(head_client, url)
    kept = set(page_copies._items)
    for n in range(30):
        response, queries = _get(head_client, f"{url}&utm_source={n}&x{n}=1")
        assert response.status_code == 200 and response.context is None, "served from the kept page"
    assert set(page_copies._items) == kept
    invalid, _ = _get(head_client, _url(tree["department"], "?year=1066"))
    assert invalid.context is not None and set(page_copies._items) == kept
