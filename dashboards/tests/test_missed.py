"""Counting rule 1.1 on the head's dashboard (and digest: notifications/tests/test_selectors.py): a policy whose
proposal phase closed with no counting activity is *missed* — counted as such beside the annual figures, and listed
before the policies at risk. The data: ``in_progress`` (conftest.py)."""

from django.urls import reverse

from counting.models import ProgressSnapshot
from counting.selectors import at_risk_policies, coverage_for
from drafts import counting

from .conftest import TODAY, tr


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
