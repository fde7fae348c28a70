"""In Chromium: the dashboard's public-comment section and the draft page's posting section, at desktop width and
on a 390 px phone (no sideways scrolling), with screenshots."""

import datetime as dt

import pytest

from consultation.models import Comment, Decision, Phase, Posting, Status
from directives.models import PostingRule
from testbed import factories

from .conftest import tr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth > document.documentElement.clientWidth"


def _seeded_posting_rules():
    """The migration's minimum periods; created again when a transactional test flushed the seed away."""
    for valid_from, days in ((dt.date(2016, 7, 1), 60), (dt.date(2025, 4, 1), 20)):
        PostingRule.objects.get_or_create(document_type="", valid_from=valid_from,
                                          defaults={"minimum_days": days, "legal_basis": "Luật"})


@pytest.fixture
def data(tree):
    _seeded_posting_rules()
    today = dt.date.today()
    closed = factories.DraftFactory(
        drafting_organization=tree["unit"], title="Nghị quyết quy định mức học phí năm học 2025-2026",
        proposal_consultation_start=today - dt.timedelta(days=120), draft_consultation_start=today - dt.timedelta(days=80),
        adopted_on=today - dt.timedelta(days=40),
    )
    now = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    rep = Comment.objects.create(draft=closed, phase=Phase.DRAFT, text="Đề nghị làm rõ đối tượng", received_at=now,
                                 status=Status.PUBLISHED, decision=Decision.ACCEPTED, response="Tiếp thu")
    Comment.objects.create(draft=closed, phase=Phase.DRAFT, text="Đồng ý", received_at=now, status=Status.PUBLISHED, group=rep)
    for _ in range(3):
        Comment.objects.create(draft=closed, phase=Phase.DRAFT, text="Chưa trả lời", received_at=now)
    current = factories.DraftFactory(
        drafting_organization=tree["department"], title="Quyết định quy định về dạy thêm, học thêm",
        proposal_consultation_start=today - dt.timedelta(days=10),
    )
    Posting.objects.create(draft=current, phase=Phase.PROPOSAL, venue="agency_portal", url="https://sgddt.haiphong.gov.vn/",
                           posted_from=today - dt.timedelta(days=10), posted_until=today)
    return {"closed": closed, "current": current}


def test_dashboard_comment_section_on_desktop_and_phone(page, login, head, data, tree, screenshot):
    login("head")
    page.goto(f"/dashboards/{tree['department'].code}/")
    section = page.locator("#comments")
    section.wait_for()
    assert section.locator('[data-figure="received"]').inner_text() == "5"
    assert section.locator('[data-figure="overdue"]').inner_text() == "3"
    assert section.get_by_role("link", name=data["closed"].title).is_visible()
    assert section.get_by_role("link", name=data["current"].title).is_visible()
    section.scroll_into_view_if_needed()
    screenshot("desktop")
    page.set_viewport_size(PHONE)
    page.reload()
    page.locator("#comments").wait_for()
    assert not page.evaluate(OVERFLOW)
    screenshot("phone")
    assert not page.js_errors


def test_posting_section_add_and_delete_on_desktop_and_phone(page, login, official, data, screenshot):
    login("official")
    page.goto(f"/drafts/{data['current'].pk}/")
    section = page.locator("#postings")
    assert section.locator("[data-posting-problem=too_short]").count() == 1
    section.locator("summary").click()
    page.select_option("#id_posting_venue", "national_law_portal")
    page.fill("#id_posting_url", "https://phapluat.gov.vn/du-thao/123")
    start = dt.date.today() - dt.timedelta(days=10)
    page.fill("#id_posting_posted_from", start.strftime("%d/%m/%Y"))
    page.fill("#id_posting_posted_until", (start + dt.timedelta(days=29)).strftime("%d/%m/%Y"))
    screenshot("desktop-form")
    section.get_by_role("button", name=tr("Save the posting")).click()
    page.wait_for_url("**#postings")
    assert page.locator("#postings tbody tr").count() == 2
    assert page.locator("#postings [data-posting-problem]").count() == 0  # 30 days meet the 20-day minimum
    screenshot("desktop")
    page.set_viewport_size(PHONE)
    page.reload()
    assert not page.evaluate(OVERFLOW)
    page.locator("#postings").scroll_into_view_if_needed()
    screenshot("phone")

    page.locator("#postings tbody tr").first.get_by_role("link", name=tr("Delete")).click()
    page.get_by_role("button", name=tr("Yes, delete it")).click()
    page.wait_for_url("**#postings")
    assert page.locator("#postings tbody tr").count() == 1
    assert not page.js_errors
