import pytest
from django.urls import reverse

from notifications.models import NotificationPreference

pytestmark = pytest.mark.django_db


@pytest.fixture
def head_client(client, head):
    client.force_login(head)
    return client


def test_preferences_page_saves_the_opt_outs(head_client, head):
    url = reverse("notifications:preferences")
    assert url == "/dashboards/preferences/"  # the path the links in sent e-mails carry
    page = head_client.get(url)
    assert page.status_code == 200 and 'for="id_weekly_digest"' in page.content.decode()
    response = head_client.post(url, {"at_risk": "on", "language": "en"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=head)
    assert (preference.at_risk, preference.missing_campaign, preference.weekly_digest, preference.language) == (
        True, False, False, "en",
    )
    response = head_client.post(url, {"language": "xx"})
    assert response.status_code == 200 and response.context["form"].errors["language"]
    assert NotificationPreference.objects.get(user=head).language == "en"
