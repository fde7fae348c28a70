"""The dashboard costs the same number of SQL queries whatever the number of units, policies and activities."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from counting import engine
from directives.models import Requirement, RequirementKind, TaskReport
from testbed import factories

from .conftest import D, S, make_activity, make_draft

pytestmark = pytest.mark.django_db


def _grow(parent, *, children: int, policies: int):
    kids = [factories.OrganizationFactory(parent=parent, kind="unit") for _ in range(children)]
    for kid in kids:
        grandchild = factories.OrganizationFactory(parent=kid, kind="school")
        make_draft(grandchild, policies=1)
    tasks = list(Requirement.objects.filter(kind=RequirementKind.TASK))
    for i in range(policies // 2 - children):
        org = kids[i % children]
        draft, made = make_draft(org, policies=2, a=None if i % 5 == 0 else dt.date(2024, 9, 30))
        make_activity(draft, S, channel=["portal", "press", "social"][i % 3])
        make_activity(draft, D + dt.timedelta(days=i % 60), policies=made[:1])
    for kid, task in zip(kids, tasks * children):
        TaskReport.objects.create(requirement=task, organization=kid, year=2024, done=True, reported_at=dt.datetime.now(dt.UTC))
    engine.recompute()


def _count(client, url):
    client.get(url)  # anything computed on first sight is computed now, not measured
    cache.clear()  # the counted part is read from the snapshots, not the cache (test_cache.py measures a hit)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_dashboard_costs_the_same_number_of_queries_at_two_sizes(client, head, tree):
    client.force_login(head)
    department = tree["department"]
    url = reverse("dashboards:organization", args=[department.code]) + "?year=2024"
    policies_url = reverse("dashboards:policies", args=[department.code, 2024])

    _grow(department, children=3, policies=10)
    small, response = _count(client, url)
    small_policies, _ = _count(client, policies_url)
    small_denominator = response.context["dashboard"].figures.denominator
    assert len(response.context["dashboard"].unit_lines) == 4  # the root conftest's unit, plus 3

    _grow(department, children=12, policies=200)
    large, response = _count(client, url)
    large_policies, _ = _count(client, policies_url)
    assert len(response.context["dashboard"].unit_lines) == 16
    assert response.context["dashboard"].figures.denominator > 10 * small_denominator

    assert small == large
    assert small_policies == large_policies
    assert large <= 25


def test_htmx_fragment_costs_the_same_at_two_sizes(client, head, tree):
    client.force_login(head)
    department = tree["department"]
    url = reverse("dashboards:organization", args=[department.code]) + "?year=2024"

    def count():
        client.get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard")
        return len(ctx.captured_queries)

    _grow(department, children=3, policies=10)
    small = count()
    _grow(department, children=12, policies=200)
    assert count() == small
