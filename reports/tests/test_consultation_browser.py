"""In a real browser, at phone width: a head reads the summary-and-response report, confirms and approves it; the
page then says it is published. (The text is Vietnamese; the test goes by ids and roles.)"""

import datetime as dt

import pytest

from consultation.models import ConsultationReport, Decision, Phase, ReportStatus, Source, Status
from testbed import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_approves_the_report_on_a_phone(page, login, head, tree, screenshot):
    draft = factories.DraftFactory(
        drafting_organization=tree["department"], title="Nghị quyết quy định mức học phí",
        proposal_consultation_start=dt.date(2026, 3, 1),
    )
    policy = factories.PolicyFactory(draft=draft, title="Miễn học phí cho học sinh trung học cơ sở")
    factories.CommentFactory(
        draft=draft, phase=Phase.PROPOSAL, source=Source.WRITTEN, status=Status.PUBLISHED,
        submitter_organization="Sở Tư pháp", provision="Điều 2, khoản 1", text="Đề nghị bổ sung căn cứ pháp lý.",
        decision=Decision.ACCEPTED, response="Đã bổ sung.",
    )
    factories.CommentFactory(
        draft=draft, phase=Phase.PROPOSAL, source=Source.PORTAL, status=Status.PUBLISHED, policy=policy,
        text="Mức thu quá cao đối với vùng nông thôn.", decision=Decision.EXPLAINED,
        response="Mức thu đã thấp hơn mức trần của Nghị định 81/2021/NĐ-CP.",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    login("head")
    page.goto(f"/reports/consultation/{draft.pk}/proposal/")
    assert page.locator('[data-figure="received"]').inner_text() == "2"
    screenshot("report-page")
    page.locator("#approve-link").click()
    page.wait_for_url(f"**/reports/consultation/{draft.pk}/proposal/approve/")
    screenshot("confirm")
    page.locator("#approve-confirm").click()
    page.wait_for_url(f"**/reports/consultation/{draft.pk}/proposal/")
    page.locator("#consultation-approved").wait_for()
    screenshot("approved")
    assert ConsultationReport.objects.get(draft=draft).status == ReportStatus.APPROVED
    # Phone-friendly: the page does not scroll sideways (the preview table scrolls inside its own box).
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.js_errors == [] and page.bad_responses == []
