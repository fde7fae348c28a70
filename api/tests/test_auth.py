import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

URL = "/api/v1/drafts/"


@pytest.mark.django_db
class TestTokenAuth:
    def test_valid_token(self, api, official, own_draft):
        response = api(official).get(URL)
        assert response.status_code == 200
        assert response.json()["count"] == 1

    def test_wrong_token_is_401(self, tree):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
        assert client.get(URL).status_code == 401

    def test_inactive_user_is_refused(self, api, official):
        client = api(official)
        official.is_active = False
        official.save()
        assert client.get(URL).status_code == 401


@pytest.mark.django_db
class TestSessionAuth:
    def test_session_reads_and_writes_need_csrf(self, official, own_draft):
        client = APIClient(enforce_csrf_checks=True)
        client.force_login(official)
        assert client.get(URL).json()["count"] == 1
        response = client.patch(f"{URL}{own_draft.pk}/", {"title": "x"}, format="json")
        assert response.status_code == 403  # no CSRF token
        own_draft.refresh_from_db()
        assert own_draft.title != "x"


@pytest.mark.django_db
def test_createsuperuser_noinput_and_drf_create_token(monkeypatch, tree):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "ops")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-enough-passphrase-42")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "ops@example.gov.vn")
    call_command("createsuperuser", "--noinput", stdout=io.StringIO())
    user = get_user_model().objects.get(username="ops")
    assert user.is_superuser and user.email == "ops@example.gov.vn"
    assert user.check_password("a-long-enough-passphrase-42")

    out = io.StringIO()
    call_command("drf_create_token", "ops", stdout=out)
    key = Token.objects.get(user=user).key
    assert key in out.getvalue()

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 200
    assert {o["code"] for o in response.json()["results"]} == {"HP", "HP-SGDDT", "HP-SGDDT-THPT1", "QN"}


@pytest.mark.slow
def test_command_line_superuser_and_token(tmp_path):
    """The same, as an operator runs it: real processes on a fresh SQLite database."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'ops.sqlite3'}",
        "DJANGO_SUPERUSER_USERNAME": "ops",
        "DJANGO_SUPERUSER_PASSWORD": "a-long-enough-passphrase-42",
        "DJANGO_SUPERUSER_EMAIL": "ops@example.gov.vn",
    }

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        ).stdout

    manage("migrate", "--noinput", "-v", "0")
    assert "Superuser created successfully" in manage("createsuperuser", "--noinput")
    out = manage("drf_create_token", "ops")
    assert out.startswith("Generated token ") and out.strip().endswith("for user ops")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/api/v1/drafts/", "/api/v1/organizations/HP-SGDDT/", "/api/v1/activities/", "/api/v1/coverage/?organization=HP-SGDDT&year=2024"],
)
def test_browsable_api_renders_for_a_session(client, official, url):
    client.force_login(official)
    response = client.get(url, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
