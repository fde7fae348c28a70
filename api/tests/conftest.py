import datetime as dt

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from testbed import factories


@pytest.fixture
def api():
    """``api(user)``: a client authenticated with the user's token, as another system would call us."""

    def make(user=None):
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def own_draft(tree):
    """A draft of the officials' department, with two policies."""
    draft = factories.DraftFactory(
        drafting_organization=tree["department"],
        proposal_consultation_start=dt.date(2024, 2, 1),
        draft_consultation_start=dt.date(2024, 5, 1),
    )
    factories.PolicyFactory(draft=draft, title="Học phí")
    factories.PolicyFactory(draft=draft, title="Hỗ trợ giáo viên")
    return draft


@pytest.fixture
def other_draft(tree):
    """A draft of the unrelated province, with one policy."""
    draft = factories.DraftFactory(drafting_organization=tree["other"], proposal_consultation_start=dt.date(2024, 3, 1))
    factories.PolicyFactory(draft=draft)
    return draft
