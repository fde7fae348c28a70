"""Each web process keeps the users it served, memberships included (accounts.backends): a logged-in request reads
neither the user nor the memberships again, and any change of a user, a membership or an organization is seen on
the next request, in every process."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import backends, scope
from accounts.models import Membership, Role
from core import factories
from core.factories import PASSWORD
from organizations import services as organization_services

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.USER_COPY_SECONDS = 60  # as with Redis (the default there)


def _tables_read(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return {table for table in ("accounts_user", "accounts_membership") if any(f'"{table}"' in q["sql"] for q in ctx.captured_queries)}


def _drafts_url():
    return reverse("drafts:list")


def test_the_second_request_reads_neither_user_nor_memberships(client, official):
    client.force_login(official)
    assert _tables_read(client, _drafts_url()) == {"accounts_user", "accounts_membership"}
    assert _tables_read(client, _drafts_url()) == set()


def test_without_a_shared_cache_every_request_reads_the_user(client, official, settings):
    settings.USER_COPY_SECONDS = 0  # the local-memory default: no process could tell the others of a change
    client.force_login(official)
    client.get(_drafts_url())
    assert _tables_read(client, _drafts_url()) == {"accounts_user", "accounts_membership"}


def test_when_the_counter_cannot_be_read_every_request_reads_the_user(client, official, settings):
    client.force_login(official)
    client.get(_drafts_url())
    broken = {"default": {"BACKEND": "policycomms.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    settings.CACHES = broken
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    assert _tables_read(client, _drafts_url()) == {"accounts_user", "accounts_membership"}


def test_each_request_gets_its_own_copy(official):
    backend = backends.ModelBackend()
    first, second = backend.get_user(official.pk), backend.get_user(official.pk)
    assert first == second and first is not second and first._state is not second._state
    first.first_name = "Đổi"
    first._perm_cache = {"x"}
    first._state.fields_cache["anything"] = object()
    scope.forget(first)
    third = backend.get_user(official.pk)
    assert third.first_name == official.first_name and not hasattr(third, "_perm_cache")
    assert third._state.fields_cache == {} and scope.paths_for(third, [Role.OFFICIAL]) == [official.memberships.get().organization.path]


def test_a_new_membership_is_seen_at_once(client, official, tree, django_capture_on_commit_callbacks):
    client.force_login(official)
    other = reverse("organizations:detail", args=[tree["other"].code])
    assert client.get(other).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.create(user=official, organization=tree["other"], role=Role.OFFICIAL)
    assert client.get(other).status_code == 200


def test_a_moved_organization_is_seen_at_once(client, official, tree, django_capture_on_commit_callbacks):
    """The official's membership is on the department; moving the department under the other province gives them
    nothing new, but their scope's paths must follow (a kept user with the old path would see nothing)."""
    client.force_login(official)
    draft = factories.DraftFactory(drafting_organization=tree["department"])
    url = reverse("drafts:detail", args=[draft.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        organization_services.organization_update(organization=tree["department"], parent=tree["other"])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("change", ["deactivate", "password"])
def test_a_deactivated_user_or_a_changed_password_ends_the_session_at_once(
    client, official, change, django_capture_on_commit_callbacks
):
    client.force_login(official)
    assert client.get(_drafts_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        user = User.objects.get(pk=official.pk)  # as an administrator would, in another request
        if change == "deactivate":
            user.is_active = False
        else:
            user.set_password(PASSWORD + "-new")
        user.save()
    response = client.get(_drafts_url())
    assert response.status_code == 302 and reverse("login") in response.url


def test_a_login_does_not_drop_the_kept_users(client, official, head):
    client.force_login(official)
    client.get(_drafts_url())
    before = backends.ACCESS_VERSION.get()
    other = client.__class__()
    assert other.post(reverse("login"), {"username": head.username, "password": PASSWORD}).status_code == 302
    assert User.objects.get(pk=head.pk).last_login is not None
    assert backends.ACCESS_VERSION.get() == before
    assert _tables_read(client, _drafts_url()) == set()


def test_kept_users_expire(monkeypatch, official):
    from core import localcopies

    now = [1000.0]
    monkeypatch.setattr(localcopies.time, "monotonic", lambda: now[0])
    backend = backends.ModelBackend()
    backend.get_user(official.pk)
    with CaptureQueriesContext(connection) as ctx:
        backend.get_user(official.pk)
    assert len(ctx.captured_queries) == 0
    now[0] += 60
    with CaptureQueriesContext(connection) as ctx:
        backend.get_user(official.pk)
    assert len(ctx.captured_queries) == 2  # the user and the memberships, again
