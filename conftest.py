"""Root fixtures: an organization tree and one user per role, as the permission tests and journeys need."""

import os

import pytest

from accounts.models import Role
from testbed import factories

pytest_plugins = ["browser_fixtures", "worker_fixtures"]

# Playwright's sync API runs an event loop in the test thread; Django must still let the test touch the DB.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Tasks run in-process unless a test starts a real worker (see ``counting/tests/test_worker.py``)."""
    from policycomms.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2 with production rounds dominates the suite's time; hashing strength is not what tests check.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def english(settings):
    """For tests that assert the English source text: Vietnamese is the default language (docs/i18n.md).

    Requests without a language cookie fall back to ``LANGUAGE_CODE``; code called directly runs under the override.
    """
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def tree(db):
    """city → department → unit, plus an unrelated province: enough for own/other organization checks."""
    city = factories.OrganizationFactory(code="HP", name="Thành phố Hải Phòng", kind="province")
    department = factories.OrganizationFactory(code="HP-SGDDT", name="Sở Giáo dục và Đào tạo", kind="department", parent=city)
    unit = factories.OrganizationFactory(code="HP-SGDDT-THPT1", name="Trường THPT Ngô Quyền", kind="school", parent=department)
    other = factories.OrganizationFactory(code="QN", name="Tỉnh Quảng Ninh", kind="province")
    return {"city": city, "department": department, "unit": unit, "other": other}


@pytest.fixture
def official(tree):
    return factories.user_with_role(Role.OFFICIAL, tree["department"], username="official")


@pytest.fixture
def head(tree):
    return factories.user_with_role(Role.HEAD, tree["department"], username="head")


@pytest.fixture
def inspector(tree):
    return factories.user_with_role(Role.INSPECTOR, tree["department"], username="inspector")


@pytest.fixture
def portal_admin(tree):
    return factories.user_with_role(Role.ADMIN, tree["city"], username="portaladmin")


@pytest.fixture
def outsider(tree):
    return factories.user_with_role(Role.OFFICIAL, tree["other"], username="outsider")


@pytest.fixture
def users(official, head, inspector, portal_admin, outsider):
    return {"official": official, "head": head, "inspector": inspector, "admin": portal_admin, "outsider": outsider}
