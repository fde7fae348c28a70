"""The dashboard's policy list finds policy and draft titles as Vietnamese users type them (core/search.py)."""

import pytest
from django.urls import reverse

from drafts.models import Draft, Policy
from testbed.search_cases import DECOY, cases


@cases
def test_dashboard_policy_list_search_by_policy_or_draft_title(client, head, dash, tree, stored, typed):
    listed = dash.communicated + dash.not_communicated + dash.at_risk
    Draft.objects.filter(pk__in={p.draft_id for p in listed}).update(title=DECOY)
    Policy.objects.filter(pk__in=[p.pk for p in listed]).update(title=DECOY, summary="")
    by_title = listed[0]
    Policy.objects.filter(pk=by_title.pk).update(title=stored)
    by_draft = next(p for p in listed if p.draft_id != by_title.draft_id)
    Draft.objects.filter(pk=by_draft.draft_id).update(title=stored)
    expected = {by_title.pk} | {p.pk for p in listed if p.draft_id == by_draft.draft_id}
    client.force_login(head)
    url = reverse("dashboards:policies", args=[tree["department"].code, 2024])
    assert {row.policy_id for _, row in client.get(url, {"q": typed}).context["rows"]} == expected


pytestmark = pytest.mark.django_db
