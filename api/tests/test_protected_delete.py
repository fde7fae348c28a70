"""Issue 15 point 6 over the API: DELETE of a draft that counts answers 409 with a message in the request's language,
and nothing is deleted."""

import datetime as dt

import pytest

from campaigns.models import Activity
from drafts.models import Draft
from testbed import factories

URL = "/api/v1/drafts/"


@pytest.fixture
def counted(tree):
    draft = factories.DraftFactory(
        drafting_organization=tree["department"],
        proposal_consultation_start=dt.date(2025, 2, 1),
        adopted_on=dt.date(2025, 6, 30),
    )
    factories.PolicyFactory(draft=draft)
    factories.ActivityFactory(draft=draft)
    return draft


@pytest.mark.django_db
def test_deleting_a_counted_draft_answers_409_in_vietnamese(api, official, counted):
    response = api(official).delete(f"{URL}{counted.pk}/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Không thể xoá dự thảo này.")
    assert "2025" in response.json()["detail"]
    assert Draft.objects.filter(pk=counted.pk).exists() and Activity.objects.filter(draft=counted).exists()


@pytest.mark.django_db
def test_a_superuser_is_refused_too_outside_the_admin(api, superuser, counted):
    assert api(superuser).delete(f"{URL}{counted.pk}/").status_code == 409
