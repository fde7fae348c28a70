"""The draft and policy lists find titles as Vietnamese users type them (core/search.py)."""

import pytest
from django.urls import reverse

from testbed import factories
from testbed.search_cases import DECOY, cases

pytestmark = pytest.mark.django_db


def found(client, user, url, typed):
    client.force_login(user)
    return {row.pk for row in client.get(reverse(url), {"q": typed}).context["object_list"]}


@cases
def test_draft_list_search(client, portal_admin, tree, stored, typed):
    target = factories.DraftFactory(drafting_organization=tree["department"], title=stored)
    decoy = factories.DraftFactory(drafting_organization=tree["department"], title=DECOY)
    assert found(client, portal_admin, "drafts:list", typed) == {target.pk}
    assert decoy.pk not in found(client, portal_admin, "drafts:list", typed)


@cases
def test_policy_list_search_by_policy_or_draft_title(client, portal_admin, tree, stored, typed):
    decoy_draft = factories.DraftFactory(drafting_organization=tree["department"], title=DECOY)
    by_title = factories.PolicyFactory(draft=decoy_draft, title=stored)
    by_summary = factories.PolicyFactory(draft=decoy_draft, title=DECOY, summary=stored)
    factories.PolicyFactory(draft=decoy_draft, title=DECOY)
    by_draft = factories.PolicyFactory(
        draft=factories.DraftFactory(drafting_organization=tree["department"], title=stored), title=DECOY
    )
    assert found(client, portal_admin, "drafts:policy_list", typed) == {by_title.pk, by_summary.pk, by_draft.pk}


def test_draft_list_search_by_number_folds_d_stroke(client, portal_admin, tree):
    target = factories.DraftFactory(drafting_organization=tree["department"], issued_number="12/2024/NQ-HĐND")
    assert found(client, portal_admin, "drafts:list", "nq-hdnd") == {target.pk}
