"""The API lists' ``q`` finds text as Vietnamese users type it (core/search.py)."""

import pytest

from testbed import factories
from testbed.search_cases import DECOY, cases

pytestmark = pytest.mark.django_db


def found(api, user, path, typed, key="id"):
    response = api(user).get(f"/api/v1/{path}/", {"q": typed})
    assert response.status_code == 200, response.content
    body = response.json()
    return {row[key] for row in body.get("results", body)}


@cases
def test_drafts_policies_and_activities(api, official, tree, stored, typed):
    draft = factories.DraftFactory(drafting_organization=tree["department"], title=stored)
    decoy = factories.DraftFactory(drafting_organization=tree["department"], title=DECOY)
    policy = factories.PolicyFactory(draft=decoy, title=stored)
    factories.PolicyFactory(draft=decoy, title=DECOY)
    activity = factories.ActivityFactory(draft=decoy, title=stored)
    factories.ActivityFactory(draft=decoy, title=DECOY)
    assert found(api, official, "drafts", typed) == {draft.pk}
    assert found(api, official, "policies", typed) == {policy.pk}
    assert found(api, official, "activities", typed) == {activity.pk}


@cases
def test_organizations(api, official, tree, stored, typed):
    target = factories.OrganizationFactory(name=stored, parent=tree["department"])
    decoy = factories.OrganizationFactory(name=DECOY, parent=tree["department"])
    result = found(api, official, "organizations", typed, key="code")
    assert target.code in result and decoy.code not in result
