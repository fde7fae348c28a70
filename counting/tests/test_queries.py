"""A recompute is a fixed number of statements whatever the number of drafts, policies and activities."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from counting import engine
from counting.selectors import coverage_for

from .helpers import TODAY, S, activity, draft

pytestmark = pytest.mark.django_db


def _grow(tree, n):
    for i in range(n):
        org = [tree["city"], tree["department"], tree["unit"], tree["other"]][i % 4]
        dr, policies = draft(org, a=None if i % 5 == 0 else dt.date(2024, 9, 30), policies=2)
        activity(dr, S)
        activity(dr, S + dt.timedelta(days=100), policies=[policies[0]])
        activity(dr, S, status="planned")


def _queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_full_recompute_and_reading_cost_the_same_number_of_queries_at_two_sizes(tree):
    engine.recompute(today=TODAY)  # the first run ever also creates the lock row
    _grow(tree, 3)
    small = _queries(lambda: engine.recompute(today=TODAY))
    small_read = _queries(lambda: coverage_for(tree["city"], 2024))
    _grow(tree, 40)
    large = _queries(lambda: engine.recompute(today=TODAY))
    large_read = _queries(lambda: coverage_for(tree["city"], 2024))
    in_city_and_adopted = sum(1 for n in (3, 40) for i in range(n) if i % 4 != 3 and i % 5 != 0)
    assert coverage_for(tree["city"], 2024).denominator == 2 * in_city_and_adopted
    assert small == large
    assert small_read == large_read
    assert large <= 20


def test_year_recompute_costs_the_same_at_two_sizes(tree):
    engine.recompute(today=TODAY)
    _grow(tree, 2)
    small = _queries(lambda: engine.recompute(engine.Scope(years=(2024,)), today=TODAY))
    _grow(tree, 30)
    assert _queries(lambda: engine.recompute(engine.Scope(years=(2024,)), today=TODAY)) == small
