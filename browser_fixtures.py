"""Browser-test fixtures: Playwright's sync API driving Debian's Chromium against pytest-django's live server.

Registered from the root ``conftest.py`` (``pytest_plugins``). Tests that use them are marked
``@pytest.mark.browser``. Without ``/usr/bin/chromium`` they are skipped, unless ``PLAYWRIGHT_REQUIRED=1`` (CI),
where a missing browser is an error. Screenshots go to ``$SCREENSHOT_DIR`` (default ``artifacts/screenshots``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DEFAULT_SCREENSHOT_DIR = Path(__file__).resolve().parent / "artifacts" / "screenshots"
TIMEOUT_MS = int(os.environ.get("PLAYWRIGHT_TIMEOUT_MS", "15000"))


def label_pattern(text: str) -> re.Pattern:
    """Match a form label exactly, allowing the required-field asterisk crispy forms appends."""
    return re.compile(rf"^\s*{re.escape(str(text))}\s*\*?\s*$")


def by_label(page, text: str):
    """The form control labelled ``text`` (exact match, required asterisk allowed)."""
    return page.get_by_label(label_pattern(text))


def _browser_required() -> bool:
    return os.environ.get("PLAYWRIGHT_REQUIRED") == "1"


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session (each test gets its own context in ``page``)."""
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}"
        if _browser_required():
            pytest.fail(f"{message}, and PLAYWRIGHT_REQUIRED=1: browser tests must run here.", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context per test (no shared cookies), Vietnamese locale, pointed at the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    # What went wrong in the page, for tests to assert on: script errors and CSP violations (console), and
    # sub-resources answering 4xx/5xx (the favicon included: every page links one).
    tab.js_errors = []
    tab.bad_responses = []
    tab.on("pageerror", lambda exc: tab.js_errors.append(str(exc)))
    tab.on(
        "console",
        lambda msg: tab.js_errors.append(msg.text)
        if msg.type == "error" and not msg.text.startswith("Failed to load resource")
        else None,
    )
    tab.on(
        "response",
        lambda response: tab.bad_responses.append((response.status, response.url))
        if response.status >= 400
        else None,
    )
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def screenshot_dir() -> Path:
    directory = Path(os.environ.get("SCREENSHOT_DIR") or DEFAULT_SCREENSHOT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def screenshot(page, screenshot_dir, request):
    """``screenshot("step-name")`` saves a full-page PNG named after the test and returns its path."""
    test_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)

    def take(name: str) -> Path:
        path = screenshot_dir / f"{test_name}--{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login(page, live_server):
    """``login(username, password)`` signs in through the real login page and waits to leave it."""
    from django.contrib.auth.forms import AuthenticationForm
    from django.utils import translation

    from testbed.factories import PASSWORD

    def do(username: str, password: str = PASSWORD):
        page.goto("/login/")
        with translation.override("vi"):
            form = AuthenticationForm()
            username_label = str(form.fields["username"].label)
            password_label = str(form.fields["password"].label)
        by_label(page, username_label).fill(username)
        by_label(page, password_label).fill(password)
        page.locator("form").filter(has=page.locator("input[name=password]")).locator("[type=submit]").click()
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    return do


def signed_in(browser, live_server, username: str, password: str | None = None):
    """A second person at their own browser (a context of its own, Vietnamese, 1280 px), signed in: for journeys
    where a citizen on ``page`` and an official or head act in turn. Close it with ``tab.context.close()``."""
    from testbed.factories import PASSWORD

    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto("/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", password or PASSWORD)
    tab.locator("form").filter(has=tab.locator("input[name=password]")).locator("[type=submit]").click()
    tab.wait_for_url(lambda url: "/login/" not in url)
    return tab
