import datetime as dt

import pytest
from django.utils import translation

from testbed import factories

S = dt.date(2024, 2, 1)
D = dt.date(2024, 5, 1)
A = dt.date(2024, 9, 30)


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English source strings, whatever translations exist; cheap password hashing."""
    settings.LANGUAGE_CODE = "en"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture
def draft(tree):
    """A draft of a school below the department, so department roles reach it through the subtree."""
    return factories.DraftFactory(
        drafting_organization=tree["unit"],
        title="Nghị quyết học phí",
        issued_number="12/2024/NQ-HĐND",
        proposal_consultation_start=S,
        draft_consultation_start=D,
        adopted_on=None,
    )


@pytest.fixture
def other_draft(tree):
    return factories.DraftFactory(drafting_organization=tree["other"], title="Quy định của tỉnh khác")


@pytest.fixture
def policy(draft):
    return factories.PolicyFactory(draft=draft, title="Miễn học phí")


def login(client, user):
    client.force_login(user)
    return client
