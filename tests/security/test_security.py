"""Deny by default, security headers, CSRF and the production configuration (`check --deploy`)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.security.urlwalk import endpoints

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)

# URLs an anonymous visitor may reach, each with the reason. Everything else must send them to the login page.
ANONYMOUS_ALLOWED = {
    "login": "the login form itself",
    "accounts:password_reset": "asking for a reset e-mail",
    "accounts:password_reset_done": "confirmation that the e-mail was sent",
    "accounts:password_reset_confirm": "the link in the reset e-mail (checked by its token)",
    "accounts:password_reset_complete": "confirmation that the new password was set",
    "set_language": "switching language on the login page",
    "healthz": "the load balancer's health check (no data)",
    "favicon": "the icon browsers ask for at /favicon.ico (a redirect to the static file)",
    "admin:login": "the admin's own log-in form (protected by django-axes like the main one)",
}
# Whole namespaces that are public by design.
ANONYMOUS_ALLOWED_NAMESPACES = {
    "public": "the anonymous consultation page, feed and embed (Decision 407: communicate to the public)",
}


def _anonymous_allowed(endpoint):
    return endpoint.name in ANONYMOUS_ALLOWED or endpoint.namespace in ANONYMOUS_ALLOWED_NAMESPACES


def _redirects_to_login(response, login_url=None):
    login_url = login_url or reverse("login")
    return response.status_code == 302 and response["Location"].startswith(login_url + "?next=")


def _denied(endpoint, response):
    """The anonymous answer a protected URL must give: the login page (the admin: its own login; the API: 401)."""
    if endpoint.namespace == "admin":
        return _redirects_to_login(response) or _redirects_to_login(response, reverse("admin:login"))
    if endpoint.namespace == "api":
        return response.status_code in (401, 403) or _redirects_to_login(response)
    return _redirects_to_login(response)


def _anonymous_leaks(client, method, candidates, is_allowed):
    leaks = []
    for endpoint in candidates:
        if is_allowed(endpoint):
            continue
        response = getattr(client, method)(endpoint.sample_url)
        if not _denied(endpoint, response):
            leaks.append(f"{endpoint.name} {method.upper()} {endpoint.sample_url} -> {response.status_code}")
    return leaks


def test_every_url_has_a_sample():
    missing = [e.route for e in endpoints() if e.sample_url is None]
    assert not missing, f"add a sample value for these converters in tests/security/urlwalk.py: {missing}"


def test_allow_list_names_only_existing_urls():
    names = {e.name for e in endpoints()}
    stale = set(ANONYMOUS_ALLOWED) - names
    assert not stale, f"remove these from ANONYMOUS_ALLOWED, they no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_walk_over_every_url_is_denied(client, tree, method):
    """Fails when a URL answers an anonymous visitor without being on the explicit allow-list."""
    leaks = _anonymous_leaks(client, method, endpoints(), _anonymous_allowed)
    assert not leaks, "reachable anonymously but not on ANONYMOUS_ALLOWED:\n" + "\n".join(leaks)


def test_allowed_urls_really_answer_anonymous_visitors(client):
    for endpoint in endpoints():
        if endpoint.name not in ANONYMOUS_ALLOWED:
            continue
        response = client.get(endpoint.sample_url)
        assert not _denied(endpoint, response), endpoint.name
        assert response.status_code < 500, endpoint.name


def test_the_walk_reports_a_public_url_missing_from_the_allow_list(client):
    """The walk's own check: a view that answers anonymously, judged without the allow-list, is a leak."""
    public = [e for e in endpoints() if e.name in ("healthz", "login")]
    assert len(_anonymous_leaks(client, "get", public, lambda e: False)) == 2


# --- headers ------------------------------------------------------------------------------------------------


EXPECTED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _assert_security_headers(response, where):
    for header, value in EXPECTED_HEADERS.items():
        assert response.get(header) == value, f"{where}: {header}={response.get(header)!r}"
    csp = response.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                      "object-src 'none'"):
        assert directive in csp, f"{where}: CSP lacks {directive!r}: {csp!r}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, where


def test_security_headers_for_anonymous_pages(client):
    for url in (reverse("login"), reverse("accounts:password_reset"), reverse("healthz"), reverse("home"),
                "/no-such-page/"):
        _assert_security_headers(client.get(url), url)


def test_security_headers_for_logged_in_pages(client, official, django_user_model):
    client.force_login(official)
    for url in (reverse("home"), reverse("accounts:profile"), reverse("drafts:list"), reverse("organizations:list"),
                "/drafts/999999/"):
        _assert_security_headers(client.get(url), url)
    admin = django_user_model.objects.create_superuser("root", "root@example.gov.vn", "a-long-admin-passphrase-1")
    client.force_login(admin)
    _assert_security_headers(client.get(reverse("admin:index")), "admin:index")


def test_no_inline_scripts_or_styles_on_our_pages(client, official):
    """CSP blocks them in the browser; catching them here says which template to fix."""
    client.force_login(official)
    for url in (reverse("home"), reverse("accounts:profile"), reverse("accounts:password_change")):
        html = client.get(url).content.decode()
        assert " style=" not in html, url
        for tag in html.split("<script")[1:]:
            assert tag.lstrip().startswith("src=") or 'type="application/json"' in tag.split(">")[0], url


def test_session_and_csrf_cookies_are_http_only_and_same_site(client, official):
    response = client.post(reverse("login"), {"username": "official", "password": "correct-horse-battery-42"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


# --- CSRF ---------------------------------------------------------------------------------------------------


def test_post_without_csrf_token_is_refused(official):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "official", "password": "correct-horse-battery-42"})
    assert response.status_code == 403

    client.force_login(official)
    assert client.post(reverse("logout")).status_code == 403
    assert client.get(reverse("home")).status_code == 200  # still logged in: the forged logout did nothing


def test_post_with_csrf_token_is_accepted(official):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        reverse("login"), {"username": "official", "password": "correct-horse-battery-42", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


# --- production configuration -------------------------------------------------------------------------------


def _production_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_"))}
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="portal.example.gov.vn",
        DJANGO_SETTINGS_MODULE="policycomms.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    env.pop("REDIS_URL", None)
    return env


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=BASE_DIR, env=_production_env(tmp_path), capture_output=True, text=True, timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output, output
    assert "WARNING" not in output and "?:" not in output, output


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client(HTTP_HOST="portal.example.gov.vn")
secure = client.get("/login/", secure=True)
plain = client.get("/login/")
print(json.dumps({
    "debug": settings.DEBUG,
    "secure_status": secure.status_code,
    "secure_headers": dict(secure.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
}))
"""


@pytest.mark.slow
def test_production_mode_sends_hsts_and_redirects_to_https(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=BASE_DIR, env=_production_env(tmp_path),
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["debug"] is False
    assert probe["secure_status"] == 200
    hsts = probe["secure_headers"]["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    for header, value in EXPECTED_HEADERS.items():
        assert probe["secure_headers"][header] == value
    assert "script-src 'self'" in probe["secure_headers"]["Content-Security-Policy"]
    assert probe["plain_status"] == 301
    assert probe["plain_location"].startswith("https://portal.example.gov.vn/")
    assert probe["session_cookie_secure"] and probe["csrf_cookie_secure"]


def test_development_mode_sends_no_hsts(client):
    # HSTS on localhost would pin the browser to https for a year; only production sends it.
    assert "Strict-Transport-Security" not in client.get(reverse("login"))
