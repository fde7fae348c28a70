"""Issue 15 point 13: responses to logged-in requests and every API response say ``Cache-Control: private,
no-store``; anonymous public pages and the Atom feed keep their own headers."""

import pytest
from django.urls import reverse
from django.utils.cache import get_max_age
from rest_framework.authtoken.models import Token

from testbed import factories


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        reverse("dashboards:index"),
        reverse("dashboards:organization", args=["HP-SGDDT"]),
        reverse("drafts:list"),
        reverse("reports:index"),
        "/api/v1/drafts/",
    ],
)
def test_logged_in_pages_and_api_are_private_no_store(client, official, url):
    client.force_login(official)
    response = client.get(url)
    assert response.status_code in (200, 302)  # the dashboards' index sends an official to their organization
    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)


@pytest.mark.django_db
def test_api_with_a_token_and_anonymous_api_errors_are_private_no_store(client, official, tree):
    token, _ = Token.objects.get_or_create(user=official)
    response = client.get("/api/v1/drafts/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200 and {"private", "no-store"} <= directives(response)
    anonymous = client.get("/api/v1/drafts/")
    assert anonymous.status_code == 401 and {"private", "no-store"} <= directives(anonymous)


@pytest.mark.django_db
def test_anonymous_public_pages_and_feed_keep_their_headers(client, tree):
    for url in (reverse("public:index"), reverse("public:feed")):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" not in directives(response), url


@pytest.mark.django_db
def test_existing_directives_stay(client, tree):
    superuser = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    response = client.get(reverse("admin:index"))
    assert {"private", "no-store", "no-cache", "must-revalidate"} <= directives(response)
    assert get_max_age(response) == 0
