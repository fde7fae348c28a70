"""A list page costs the same number of queries whatever its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from testbed import factories


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/organizations/", "/api/v1/drafts/", "/api/v1/policies/", "/api/v1/activities/"])
def test_list_queries_do_not_grow(api, official, tree, url):
    client = api(official)

    def add_rows():
        draft = factories.DraftFactory(drafting_organization=tree["department"])
        policies = factories.PolicyFactory.create_batch(2, draft=draft)
        factories.ActivityFactory(draft=draft, policies=policies)
        factories.ActivityFactory(draft=draft)
        factories.OrganizationFactory(parent=tree["department"])

    add_rows()
    small = _count(client, url)
    for _ in range(5):
        add_rows()
    assert _count(client, url) == small
