"""The campaign and activity lists find titles as Vietnamese users type them (core/search.py)."""

import pytest
from django.urls import reverse

from testbed import factories
from testbed.search_cases import DECOY, cases

pytestmark = pytest.mark.django_db


def found(client, user, url, typed):
    client.force_login(user)
    return {row.pk for row in client.get(reverse(url), {"q": typed}).context["object_list"]}


@pytest.fixture
def drafts(tree):
    return {
        "decoy": factories.DraftFactory(drafting_organization=tree["department"], title=DECOY),
        "make": lambda title: factories.DraftFactory(drafting_organization=tree["department"], title=title),
    }


@cases
def test_campaign_list_search_by_campaign_or_draft_title(client, portal_admin, drafts, stored, typed):
    by_title = factories.CampaignFactory(draft=drafts["decoy"], title=stored)
    factories.CampaignFactory(draft=drafts["decoy"], title=DECOY)
    by_draft = factories.CampaignFactory(draft=drafts["make"](stored), title=DECOY)
    assert found(client, portal_admin, "campaigns:campaign_list", typed) == {by_title.pk, by_draft.pk}


@cases
def test_activity_list_search_by_title_description_or_draft_title(client, portal_admin, drafts, stored, typed):
    by_title = factories.ActivityFactory(draft=drafts["decoy"], title=stored)
    by_description = factories.ActivityFactory(draft=drafts["decoy"], title=DECOY, description=stored)
    factories.ActivityFactory(draft=drafts["decoy"], title=DECOY)
    by_draft = factories.ActivityFactory(draft=drafts["make"](stored), title=DECOY)
    assert found(client, portal_admin, "campaigns:activity_list", typed) == {
        by_title.pk, by_description.pk, by_draft.pk,
    }
