"""Counting rule 1.1 on the head's dashboard and digest: a policy whose proposal phase closed with no counting
activity is *missed* — counted as such beside the annual figures, and listed before the policies at risk."""

import datetime as dt

import pytest
from django.urls import reverse

from counting import engine
from counting.models import ProgressSnapshot
from counting.selectors import at_risk_policies, coverage_for
from dashboards import selectors
from drafts import counting

from .conftest import make_activity, make_draft, tr

TODAY = dt.date.today()


@pytest.fixture
def in_progress(tree):
    """In the department's subtree: one policy missed (D passed, nothing in the proposal phase even though the draft
    phase has an activity), one at risk (still in its proposal phase, nothing for 30 days), one on track."""
    missed_draft, (missed,) = make_draft(tree["unit"], s=TODAY - dt.timedelta(days=90), d=TODAY - dt.timedelta(days=10),
                                         a=None)
    make_activity(missed_draft, TODAY - dt.timedelta(days=5))
    _, (at_risk,) = make_draft(tree["department"], s=TODAY - dt.timedelta(days=30), d=None, a=None)
    on_track_draft, (on_track,) = make_draft(tree["department"], s=TODAY - dt.timedelta(days=60),
                                             d=TODAY - dt.timedelta(days=10), a=None)
    make_activity(on_track_draft, TODAY - dt.timedelta(days=50))
    make_activity(on_track_draft, TODAY - dt.timedelta(days=3))
    engine.recompute()
    return missed, at_risk, on_track


def test_the_engine_counts_missed_policies_beside_at_risk_ones(tree, in_progress):
    progress = ProgressSnapshot.objects.get(organization=tree["department"])
    assert (progress.in_progress, progress.missed, progress.at_risk) == (3, 1, 1)
    assert ProgressSnapshot.objects.get(organization=tree["unit"]).missed == 1
    figures = coverage_for(tree["department"], TODAY.year)
    assert (figures.missed, figures.at_risk) == (1, 1)


def test_missed_is_listed_before_at_risk_and_on_track_is_not_listed(tree, in_progress):
    missed, at_risk, _ = in_progress
    rows = at_risk_policies(tree["department"])
    assert [(row.policy_id, row.status) for row in rows] == [
        (missed.pk, counting.MISSED), (at_risk.pk, counting.AT_RISK)
    ]


def test_the_head_reads_missed_not_on_track(client, head, tree, in_progress):
    missed, _, _ = in_progress
    client.force_login(head)
    body = client.get(reverse("dashboards:organization", args=[tree["department"].code])).content.decode()
    assert tr("Policies missed or at risk") in body
    assert tr("missed the proposal consultation") in body
    listed = body.split('id="atrisk-heading"', 1)[1]
    assert listed.index(missed.title) < listed.index("status-at_risk")
    assert "Đã bỏ lỡ" in listed  # the reason, in Vietnamese


def test_the_policy_list_filters_missed(client, head, tree, in_progress):
    missed, at_risk, _ = in_progress
    client.force_login(head)
    url = reverse("dashboards:policies", args=[tree["department"].code, TODAY.year]) + "?status=missed"
    body = client.get(url).content.decode()
    assert missed.title in body
    assert at_risk.title not in body


def test_the_digest_names_missed_policies(tree, in_progress):
    digest = selectors.digest_for(tree["department"], TODAY.year)
    assert digest["figures"].missed == 1
    assert digest["at_risk"][0].status == counting.MISSED
