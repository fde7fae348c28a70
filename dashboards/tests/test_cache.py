"""The dashboard's data is kept in Django's cache under its organization's snapshot stamp: a repeated view reads it
back in a fixed, smaller number of queries; a save changes the stamps of the saving organization and its ancestors
only, so other dashboards keep theirs; what the page shows never differs from a page read from the database."""

import datetime as dt
import re
from dataclasses import fields, is_dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns import services as campaign_services
from campaigns.models import ActivityStatus
from counting import engine
from counting.models import SnapshotStamp
from dashboards import selectors
from directives import services as directive_services
from organizations import services as organization_services
from testbed import factories

from .conftest import D, make_draft

pytestmark = pytest.mark.django_db


def _url(org):
    return reverse("dashboards:organization", args=[org.code]) + "?year=2024"


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def _page(response):
    """The page without its per-request parts (the CSRF token)."""
    return re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1…", response.content.decode())


@pytest.fixture
def head_client(client, head):
    client.force_login(head)
    return client


def _grow(parent, children):
    for _ in range(children):
        make_draft(factories.OrganizationFactory(parent=parent, kind="unit"), policies=2)
    engine.recompute()


def test_a_repeated_view_reads_the_data_from_the_cache_in_the_same_queries_at_two_sizes(head_client, dash, tree):
    url = _url(tree["department"])
    head_client.get(url)  # a year computed on first sight moves the stamps once
    sizes = []
    for children in (2, 20):
        _grow(tree["department"], children)
        cache.clear()
        miss, first = _queries(head_client, url)
        hit, second = _queries(head_client, url)
        assert _page(first) == _page(second)  # byte for byte
        sizes.append((miss, hit))
    (small_miss, small_hit), (large_miss, large_hit) = sizes
    assert small_miss == large_miss and small_hit == large_hit
    # The hit reads the session, the user, the scope, the organization, the stamps, the latest recompute request and
    # the drafts waiting: nothing of the figures, activities, comments, postings or tasks.
    assert large_hit <= 10 < small_miss


def test_a_save_moves_the_stamps_of_its_organization_and_ancestors_only(
    head_client, dash, tree, official, django_capture_on_commit_callbacks
):
    _warm(head_client, _url(tree["department"]))

    def tokens():
        return dict(SnapshotStamp.objects.values_list("organization_id", "token"))

    stamps = tokens()
    with django_capture_on_commit_callbacks(execute=True):
        campaign_services.activity_create(
            draft=dash.not_communicated[0].draft, actor=official, title="Họp báo", channel="press",
            date=D + dt.timedelta(days=20), status=ActivityStatus.DONE,
        )
    after = tokens()
    moved = {name for name, org in tree.items() if after.get(org.pk) != stamps.get(org.pk)}
    assert moved == {"unit", "department", "city"}  # the draft is the unit's; the other province keeps its stamp
    html = head_client.get(_url(tree["department"])).content.decode()
    assert 'data-testid="coverage-percent">100,0' in html


def test_an_activity_that_changes_no_verdict_still_changes_the_activity_counts(
    head_client, dash, tree, official, django_capture_on_commit_callbacks
):
    def press_done():
        dashboard = selectors.organization_dashboard(tree["department"], 2024, today=dt.date(2024, 12, 1))
        return dict((code, n) for code, _label, n in dashboard.channels)["press"]

    before = press_done()
    assert press_done() == before  # from the cache now
    with django_capture_on_commit_callbacks(execute=True):
        campaign_services.activity_create(
            draft=dash.communicated[0].draft, actor=official, title="Bài báo", channel="press",
            date=D + dt.timedelta(days=30), status=ActivityStatus.DONE,
        )
    assert press_done() == before + 1


def _warm(client, url):
    """The page seen once: its data is in the cache now."""
    assert client.get(url).status_code == 200


def test_a_renamed_unit_shows_at_once_on_its_parents_dashboard(head_client, dash, tree):
    _warm(head_client, _url(tree["department"]))
    organization_services.organization_update(organization=tree["unit"], name="Trường THPT Lê Quý Đôn")
    assert "Trường THPT Lê Quý Đôn" in head_client.get(_url(tree["department"])).content.decode()


def test_a_changed_target_shows_at_once(head_client, dash, tree, head, django_capture_on_commit_callbacks):
    _warm(head_client, _url(tree["department"]))
    with django_capture_on_commit_callbacks(execute=True):
        directive_services.target_set(requirement=dash.local, year=2024, target_percent=50, actor=head)
    html = head_client.get(_url(tree["department"])).content.decode()
    assert "50 %" in html and "70 %" not in html


def test_a_cache_that_fails_is_a_miss_not_an_error(head_client, dash, tree, monkeypatch):
    expected = _page(head_client.get(_url(tree["department"])))

    def broken(*args, **kwargs):
        raise ConnectionError("Redis is gone")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    assert _page(head_client.get(_url(tree["department"]))) == expected


def test_every_organization_gets_a_new_stamp_when_targets_are_refreshed(tree):
    before = dict(SnapshotStamp.objects.values_list("organization_id", "token"))
    engine.refresh_targets()
    after = dict(SnapshotStamp.objects.values_list("organization_id", "token"))
    assert set(after) == {o.pk for o in tree.values()}
    assert all(after[pk] != before.get(pk) for pk in after)


def test_a_draft_moved_to_another_organization_leaves_the_old_ones_counts(head_client, dash, tree, official):
    from drafts import services as draft_services

    url = _url(tree["other"])
    other_head = factories.user_with_role("head", tree["other"], username="otherhead")
    head_client.force_login(other_head)
    _warm(head_client, url)
    draft = dash.elsewhere[0].draft
    before = dict(SnapshotStamp.objects.values_list("organization_id", "token"))
    draft_services.draft_update(draft=draft, actor=official, drafting_organization=tree["unit"])
    after = dict(SnapshotStamp.objects.values_list("organization_id", "token"))
    assert after[tree["other"].pk] != before[tree["other"].pk]


def test_a_comment_and_a_task_report_show_at_once(head_client, dash, tree, head, official):
    from consultation import services as consultation_services
    from consultation.models import Source
    from directives.models import Requirement, RequirementKind, TaskCode

    url = _url(tree["department"])
    _warm(head_client, url)
    draft = dash.communicated[0].draft
    consultation_services.comment_record(
        draft=draft, actor=official, source=Source.MEETING, text="Đề nghị làm rõ đối tượng áp dụng.",
        received_at=dt.datetime(2024, 6, 1, 9, tzinfo=dt.UTC),
    )
    assert selectors.organization_dashboard(tree["department"], 2024).comments.received == 1
    requirement = Requirement.objects.get(kind=RequirementKind.TASK, task_code=TaskCode.TRAINING_HELD)
    before = head_client.get(url).content.decode().count('status-communicated" aria-hidden')
    directive_services.task_report_set(requirement=requirement, organization=tree["department"], year=2024, done=True,
                                       actor=head)
    assert head_client.get(url).content.decode().count('status-communicated" aria-hidden') == before + 1


def test_the_cached_data_holds_no_model_instance_but_the_organization(dash, tree):
    """A hit unpickles the cached value on every request: rows of plain strings and numbers cost a fraction of
    model instances (a province's 115 units, drafts of the posting warnings). The organization itself is kept."""
    board = selectors.organization_dashboard(tree["department"], 2024)
    assert board.unit_lines and board.checklist
    found = []

    def walk(value):
        if isinstance(value, Model):
            found.append(value)
        elif is_dataclass(value):
            for f in fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    board.latest_recompute = None  # read per request, never cached
    walk(board)
    assert found == [tree["department"]]
