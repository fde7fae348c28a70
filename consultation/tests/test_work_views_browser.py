"""The officials' comment pages in Chromium on the demo data, at desktop width and on a 390 px phone: they open,
fit the screen (wide tables scroll in their own box), raise no script error, and the answer form works."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from consultation.models import Comment
from drafts.models import Draft
from testbed.management.commands import _demo_data as data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def overflow(page) -> dict:
    return page.evaluate(
        """() => ({
            width: document.documentElement.scrollWidth,
            sticking_out: [...document.querySelectorAll('body *')]
                .filter(e => !(e.parentElement && e.parentElement.closest('.table-responsive')))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5).map(e => e.tagName + '.' + (e.getAttribute('class') || '')),
        })"""
    )


def test_answers_comment_and_suggestions_pages(page, login, screenshot, screenshot_dir):
    call_command("load_demo", f"--today={timezone.localdate().isoformat()}", stdout=open("/dev/null", "w"))
    safety = Draft.objects.get(title=data.SAFETY)
    comment = Comment.objects.filter(draft=safety, source="portal").exclude(submitter_name="").first()
    paths = {
        "answers": f"/consultation/drafts/{safety.pk}/answers/",
        "comment": f"/consultation/comments/{comment.pk}/",
        "suggestions": f"/consultation/drafts/{safety.pk}/suggestions/",
        "record": f"/consultation/drafts/{safety.pk}/record/",
    }
    login("official", data.PASSWORD)
    too_wide = {}
    for width_name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        for name, path in paths.items():
            assert page.goto(path).status == 200, path
            if width_name == "phone":
                seen = overflow(page)
                if seen["width"] > PHONE["width"] or seen["sticking_out"]:
                    too_wide[path] = seen
            screenshot(f"{width_name}-{name}")
    assert too_wide == {}
    assert page.js_errors == []

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(paths["comment"])
    page.locator("#answer input[value=explained]").check()
    page.locator("#answer button[type=submit]").click()
    assert page.locator("#form-errors").is_visible()
    page.locator("#answer textarea").fill("Giải trình: camera chỉ lắp ở khu vực công cộng.")
    page.locator("#answer button[type=submit]").click()
    page.wait_for_load_state()
    comment.refresh_from_db()
    assert comment.decision == "explained"
