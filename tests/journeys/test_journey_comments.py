"""Issue 16 journey, in a real browser: a citizen comments on an open draft and gets a receipt code, an official
of the drafting organization publishes it from the moderation queue, the comment shows on the public page, and the
citizen checks the code; once the window has closed (the draft adopted yesterday) the form is refused and what was
typed is kept. Screenshots (desktop and 390 px) of the public form and of the queue go to /tmp/shots_h1/ (or
$SHOTS_DIR)."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone

from browser_fixtures import signed_in
from consultation.models import Comment, Status
from drafts.models import DraftStatus
from testbed import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots_h1"))
PHONE = {"width": 390, "height": 844}
TEXT = "Đề nghị miễn học phí cho cả học sinh trung học cơ sở ở xã đảo Cát Hải.\nXin cảm ơn."


@pytest.fixture
def draft(tree):
    cache.clear()
    draft = factories.DraftFactory(
        drafting_organization=tree["department"], published=True,
        title="Nghị quyết quy định mức học phí năm học 2026-2027",
        proposal_consultation_start=timezone.localdate() - dt.timedelta(days=5),
        proposal_consultation_end=timezone.localdate() + dt.timedelta(days=14),
    )
    factories.PolicyFactory(draft=draft, title="Miễn học phí cho học sinh vùng đảo",
                            summary="Học sinh ở xã đảo được miễn học phí từ năm học 2026-2027.")
    return draft


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    page.set_viewport_size(size)
    return overflow


def test_a_citizen_comments_an_official_publishes_and_the_citizen_checks_the_code(
    page, browser, live_server, draft, official
):
    # 1. The citizen reads the draft and fills the form (one policy, a name shown, consent given).
    page.goto(f"/public/drafts/{draft.pk}/")
    assert page.locator("#comment-form").is_visible()
    assert not page.locator(".pc-hp input").is_visible()  # the honeypot is not shown
    assert not shoot(page, "public-draft-form"), "the public page scrolls sideways at 390 px"
    page.select_option("#id_policy", label="Miễn học phí cho học sinh vùng đảo")
    page.fill("#id_text", TEXT)
    page.fill("#id_name", "Nguyễn Thị Hoa")
    page.check("#id_show_name")
    page.fill("#id_email", "")
    page.locator("#comment-form [type=submit]").click()
    # 2. Named without consent: refused, nothing lost.
    assert page.locator("#form-errors").is_visible()
    assert page.input_value("#id_text") == TEXT and page.input_value("#id_name") == "Nguyễn Thị Hoa"
    assert Comment.objects.count() == 0
    page.check("#id_consent")
    page.locator("#comment-form [type=submit]").click()
    page.wait_for_url(re.compile(r"/public/comments/[A-Z0-9]+/\?sent=1(#comment)?$"))  # the form's anchor stays
    code = page.locator("#receipt-code").inner_text().strip()
    assert page.locator("#receipt-state").get_attribute("data-state") == "received"
    assert Comment.objects.get().receipt_code == code

    # 3. The official publishes it from the draft's queue, after the confirmation.
    official_tab = signed_in(browser, live_server, "official")
    official_tab.goto(f"/drafts/{draft.pk}/")
    official_tab.locator("#draft-comments-link").click()
    official_tab.wait_for_url(f"**/consultation/drafts/{draft.pk}/")
    row = official_tab.locator(f"#row-{Comment.objects.get().pk}")
    assert "Nguyễn Thị Hoa" in row.inner_text()
    assert not shoot(official_tab, "moderation-queue"), "the queue scrolls sideways at 390 px (outside its table)"
    row.locator("a.btn-outline-success").click()
    official_tab.locator("main form [type=submit]").click()
    official_tab.wait_for_url(f"**/consultation/drafts/{draft.pk}/")
    assert official_tab.locator(f"#row-{Comment.objects.get().pk}").get_attribute("data-status") == "published"
    assert Comment.objects.get().status == Status.PUBLISHED
    official_tab.context.close()

    # 4. The comment is on the public page, with the name the citizen agreed to show.
    page.goto(f"/public/drafts/{draft.pk}/")
    comments = page.locator("#comments")
    assert not shoot(page, "public-draft-published"), "the public page scrolls sideways at 390 px"
    assert "cả học sinh trung học cơ sở" in comments.inner_text() and "Nguyễn Thị Hoa" in comments.inner_text()
    # 5. The citizen checks the code with the lookup form.
    page.fill("#id_code", code.lower())
    page.locator("#receipt-lookup [type=submit]").click()
    page.wait_for_url(f"**/public/comments/{code}/")
    assert page.locator("#receipt-state").get_attribute("data-state") == "published"
    assert not shoot(page, "receipt"), "the receipt scrolls sideways at 390 px"
    assert page.js_errors == []
    assert [status for status, _ in page.bad_responses] == [400]  # only the refusal of step 2


def test_the_form_is_refused_once_the_window_has_closed(page, draft):
    page.goto(f"/public/drafts/{draft.pk}/")
    page.fill("#id_text", TEXT)
    # While the page is open, the draft is adopted (yesterday): the window closed.
    draft.adopted_on = timezone.localdate() - dt.timedelta(days=1)
    draft.status = DraftStatus.ADOPTED
    draft.save()
    page.locator("#comment-form [type=submit]").click()
    assert page.locator("#window-refusal").is_visible()
    assert page.input_value("#refused-text") == TEXT  # what was typed is kept, to be copied
    assert page.locator("#comment-form").count() == 0
    assert Comment.objects.count() == 0
    page.goto(f"/public/drafts/{draft.pk}/")
    assert page.locator("#comments-closed").is_visible() and page.locator("#comment-form").count() == 0
