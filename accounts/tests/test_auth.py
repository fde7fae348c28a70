"""Log in, log out, password change and reset, idle sessions and the lockout, through the real pages."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from testbed.factories import PASSWORD

from .support import end_session_now

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-passphrase-77"


def _login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def _is_logged_in(client):
    """Does the client's session authenticate? (The home page redirects anonymous users to the login page.)"""
    response = client.get(reverse("home"))
    return response.status_code == 200


def test_login_page_renders_with_labelled_fields(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<label\s+for="id_username"', html)
    assert re.search(r'<label\s+for="id_password"', html)
    assert 'name="csrfmiddlewaretoken"' in html


def test_login_with_good_password_opens_a_session(client, official):
    response = _login(client, "official")
    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert int(client.session[SESSION_KEY]) == official.pk
    assert _is_logged_in(client)


def test_login_with_bad_password_shows_an_error_and_no_session(client, official):
    response = _login(client, "official", "wrong-password-123")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert SESSION_KEY not in client.session
    assert not _is_logged_in(client)


def test_login_follows_next_but_not_to_another_site(client, official):
    response = client.post(reverse("login") + "?next=/drafts/", {"username": "official", "password": PASSWORD, "next": "/drafts/"})
    assert response["Location"] == "/drafts/"
    client.post(reverse("logout"))
    response = client.post(
        reverse("login"), {"username": "official", "password": PASSWORD, "next": "https://evil.example.com/"}
    )
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


def test_logout_needs_post(client, official):
    client.force_login(official)
    assert client.get(reverse("logout")).status_code == 405
    assert _is_logged_in(client)


def test_logout_invalidates_the_old_session_key(client, official):
    _login(client, "official")
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert _is_logged_in(client)

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")

    # Someone who copied the cookie before the logout cannot use it afterwards.
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = replay.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Session.objects.filter(session_key=old_key).exists()


def test_login_rotates_the_session_key(client, official):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    _login(client, "official")
    assert client.session.session_key != before


class TestPasswordChange:
    url = reverse("accounts:password_change")

    def test_requires_the_old_password(self, client, official):
        client.force_login(official)
        response = client.post(
            self.url, {"old_password": "not-my-password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )
        assert response.status_code == 200
        assert "old_password" in response.context["form"].errors
        official.refresh_from_db()
        assert official.check_password(PASSWORD)

    def test_refuses_a_password_shorter_than_12_characters(self, client, official):
        client.force_login(official)
        short = "Xq7!vbn3kw"  # 10 characters, not common, not numeric
        response = client.post(self.url, {"old_password": PASSWORD, "new_password1": short, "new_password2": short})
        assert response.status_code == 200
        errors = response.context["form"].errors["new_password2"]
        assert any("12" in e for e in errors)
        official.refresh_from_db()
        assert official.check_password(PASSWORD)

    def test_changes_the_password_and_keeps_the_user_logged_in(self, client, official):
        client.force_login(official)
        response = client.post(
            self.url, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:password_change_done")
        assert client.get(response["Location"]).status_code == 200
        official.refresh_from_db()
        assert official.check_password(NEW_PASSWORD)
        assert _is_logged_in(client)

    def test_other_sessions_of_the_user_end_after_a_change(self, client, official):
        other_device = Client()
        other_device.force_login(official)
        client.force_login(official)
        client.post(self.url, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert not _is_logged_in(other_device)

    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(self.url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


class TestPasswordReset:
    def test_e_mail_link_sets_a_new_password(self, client, official):
        response = client.post(reverse("accounts:password_reset"), {"email": official.email})
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:password_reset_done")
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [official.email]
        link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", message.body).group(1)

        # The link redirects to a token-free URL (the token moves into the session), which shows the form.
        response = client.get(link)
        assert response.status_code == 302
        form_url = response["Location"]
        response = client.get(form_url)
        assert response.status_code == 200
        assert response.context["validlink"] is True

        response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:password_reset_complete")
        official.refresh_from_db()
        assert official.check_password(NEW_PASSWORD)

        # The link works once only.
        response = Client().get(link, follow=True)
        assert response.context["validlink"] is False

    def test_short_password_is_refused_on_the_reset_form(self, client, official):
        client.post(reverse("accounts:password_reset"), {"email": official.email})
        link = re.search(r"(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
        form_url = client.get(link)["Location"]
        response = client.post(form_url, {"new_password1": "Short-pw1", "new_password2": "Short-pw1"})
        assert response.status_code == 200
        assert response.context["form"].errors
        official.refresh_from_db()
        assert official.check_password(PASSWORD)

    def test_unknown_address_sends_nothing_and_reveals_nothing(self, client, official):
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.gov.vn"})
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:password_reset_done")
        assert mail.outbox == []

    def test_forged_link_is_refused(self, client, official):
        response = client.get(
            reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "set-password"}), follow=True
        )
        assert response.status_code == 200
        assert response.context["validlink"] is False


class TestIdleSessions:
    def test_an_expired_session_no_longer_authenticates(self, client, official):
        client.force_login(official)
        assert _is_logged_in(client)
        key = client.session.session_key
        end_session_now(key, timezone.now() - dt.timedelta(seconds=1))

        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_a_request_pushes_the_idle_limit_forward(self, client, official):
        """The first request of a session renews it (the throttle's own tests: accounts/tests/test_sessions.py)."""
        client.force_login(official)
        key = client.session.session_key
        soon = timezone.now() + dt.timedelta(seconds=30)
        Session.objects.filter(session_key=key).update(expire_date=soon)

        assert _is_logged_in(client)
        renewed = Session.objects.get(session_key=key).expire_date
        assert renewed > soon
        assert renewed <= timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 5)

    def test_idle_limit_is_configured(self):
        assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
        # Sessions are renewed by accounts.middleware.SessionRenewalMiddleware, at most a few minutes apart, in the
        # response phase right before SessionMiddleware saves them (not by SESSION_SAVE_EVERY_REQUEST).
        assert settings.SESSION_SAVE_EVERY_REQUEST is False
        assert 0 < settings.SESSION_RENEW_SECONDS <= min(5 * 60, settings.SESSION_COOKIE_AGE // 10)
        middleware = settings.MIDDLEWARE
        session = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
        assert middleware[session + 1] == "accounts.middleware.SessionRenewalMiddleware"


class TestLockout:
    def test_repeated_failures_show_the_locked_out_page_even_with_the_right_password(self, client, official):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = _login(client, "official", "wrong-password-123")
            assert response.status_code == 200
        response = _login(client, "official", "wrong-password-123")
        assert response.status_code == 429
        assert "registration/locked_out.html" in [t.name for t in response.templates]

        response = _login(client, "official")
        assert response.status_code == 429
        assert b"alert-danger" in response.content
        assert not _is_logged_in(client)

    def test_the_lock_is_per_username(self, client, official, head):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client, "official", "wrong-password-123")
        response = _login(client, "head")
        assert response.status_code == 302

    def test_a_success_before_the_limit_resets_the_counter(self, client, official):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            _login(client, "official", "wrong-password-123")
        assert _login(client, "official").status_code == 302
        client.post(reverse("logout"))
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert _login(client, "official", "wrong-password-123").status_code == 200
