"""Issue 16's whole loop in Chromium against a real Celery worker: two citizens comment on an open draft (one with an
e-mail address, confirmed through the link the worker mailed), an official publishes both, records the opinions
heard at a meeting against that meeting's activity, groups the near-duplicate under the first comment and answers;
a head approves the summary-and-response report; the report is on the public page with its PDF, the worker mails
the answer to the confirmed address, and the citizen reads the answer with the receipt code."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from browser_fixtures import signed_in
from consultation.models import Comment, ConsultationReport, Source, Status
from testbed import factories
from worker_fixtures import until, worker_ran

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

FIRST = "Đề nghị miễn học phí cho học sinh trung học cơ sở ở các xã đảo, vì chi phí đi lại đã rất cao."
SECOND = "Đề nghị miễn học phí cho học sinh trung học cơ sở ở các xã đảo vì chi phí đi lại đã rất cao!"
MEETING = "Các đại biểu đề nghị bổ sung hỗ trợ tiền ăn trưa cho học sinh bán trú."
ANSWER = "Tiếp thu: dự thảo bổ sung học sinh trung học cơ sở ở xã đảo vào đối tượng được miễn học phí (Điều 3)."


def comment_on(page, draft, text, email=""):
    page.goto(f"/public/drafts/{draft.pk}/")
    page.fill("#id_text", text)
    if email:
        page.fill("#id_email", email)
        page.check("#id_consent")
    page.locator("#comment-form [type=submit]").click()
    page.wait_for_url(re.compile(r"/public/comments/[A-Z0-9]+/"))
    return page.locator("#receipt-code").inner_text().strip()


def test_comment_moderate_record_group_answer_approve_and_read_the_answer(
    page, browser, live_server, live_worker, tree, official, head
):
    cache.clear()
    today = timezone.localdate()
    draft = factories.DraftFactory(
        drafting_organization=tree["department"], published=True, draft_consultation_start=None,
        title="Nghị quyết quy định mức học phí năm học 2026-2027",
        proposal_consultation_start=today - dt.timedelta(days=20), proposal_consultation_end=today + dt.timedelta(days=10),
    )
    factories.PolicyFactory(draft=draft, title="Miễn học phí cho học sinh vùng đảo")
    meeting = factories.ActivityFactory(draft=draft, title="Hội nghị lấy ý kiến phụ huynh", date=today - dt.timedelta(days=3))

    # 1. Two citizens comment; the first gives an e-mail address and confirms it through the worker's mail.
    first_code = comment_on(page, draft, FIRST, email="hoa@example.vn")
    second_code = comment_on(page, draft, SECOND)
    until(live_worker, lambda: worker_ran(live_worker, "consultation.send_comment_confirmation"), "the confirmation mail")
    link = re.search(r"https?://[^/\s]+(/public/comments/confirm/\S+/)", live_worker.log)
    assert link, live_worker.log[-3000:]
    page.goto(link.group(1))
    assert Comment.objects.get(receipt_code=first_code).email_confirmed_at is not None

    # 2. The official publishes both from the draft's queue.
    official_tab = signed_in(browser, live_server, "official")
    for code in (first_code, second_code):
        comment = Comment.objects.get(receipt_code=code)
        official_tab.goto(f"/consultation/drafts/{draft.pk}/")
        official_tab.locator(f"#row-{comment.pk} a.btn-outline-success").click()
        official_tab.locator("main form [type=submit]").click()
        official_tab.wait_for_url(f"**/consultation/drafts/{draft.pk}/")
    assert set(Comment.objects.values_list("status", flat=True)) == {Status.PUBLISHED}

    # 3. The opinions heard at the meeting, recorded against its activity.
    official_tab.goto(f"/drafts/{draft.pk}/")
    official_tab.locator(f"#draft-comments a[href='/consultation/drafts/{draft.pk}/record/']").click()
    official_tab.select_option("#id_source", "meeting")
    official_tab.select_option("#id_activity", str(meeting.pk))
    official_tab.fill("#id_text", MEETING)
    official_tab.locator("form:has(#id_text) [type=submit]:not([name=another])").click()
    official_tab.wait_for_url(lambda url: "/record/" not in url)
    recorded = Comment.objects.get(source=Source.MEETING)
    assert recorded.activity_id == meeting.pk and recorded.status == Status.PUBLISHED

    # 4. The near-duplicate is grouped under the first comment; the first and the meeting's opinion are answered.
    second = Comment.objects.get(receipt_code=second_code)
    official_tab.goto(f"/consultation/comments/{second.pk}/")
    official_tab.fill("#id_group-representative", first_code)
    official_tab.locator("#group form [type=submit]").click()
    official_tab.wait_for_load_state()
    second.refresh_from_db()
    assert second.group.receipt_code == first_code
    for comment, decision, text in (
        (Comment.objects.get(receipt_code=first_code), "accepted", ANSWER),
        (recorded, "explained", "Giải trình: tiền ăn trưa được hỗ trợ theo Nghị định 81/2021/NĐ-CP."),
    ):
        official_tab.goto(f"/consultation/comments/{comment.pk}/")
        official_tab.check(f"#answer input[name=answer-decision][value={decision}]")
        official_tab.fill("#answer textarea[name=answer-response]", text)
        official_tab.locator("#answer form [type=submit]").click()
        official_tab.wait_for_load_state()
        comment.refresh_from_db()
        assert comment.decision == decision
    official_tab.context.close()
    # Nothing of the answer is public before the head approves.
    page.goto(f"/public/comments/{first_code}/")
    assert page.locator("#receipt-state").get_attribute("data-state") == "published"
    assert ANSWER not in page.content()

    # 5. The head approves the report of the proposal consultation.
    head_tab = signed_in(browser, live_server, "head")
    head_tab.goto(f"/reports/consultation/{draft.pk}/proposal/")
    head_tab.locator("#approve-link").click()
    head_tab.locator("#approve-confirm").click()
    head_tab.locator("#consultation-approved").wait_for()
    head_tab.context.close()
    assert ConsultationReport.objects.get(draft=draft, phase="proposal").is_approved

    # 6. The worker mails the answer to the confirmed address, once; the report is on the public page with its PDF.
    until(live_worker, lambda: worker_ran(live_worker, "consultation.approval.send_answers"), "the answer mail")
    until(live_worker, lambda: Comment.objects.get(receipt_code=first_code).answer_sent_at is not None, "the stamp")
    assert "hoa@example.vn" in live_worker.log
    page.goto(f"/public/drafts/{draft.pk}/")
    assert page.locator("#consultation-report-proposal").is_visible()
    assert ANSWER in page.locator("#consultation-report-proposal").inner_text()
    pdf = page.request.get(f"/public/drafts/{draft.pk}/consultation-report/proposal/pdf/")
    assert pdf.status == 200 and pdf.body()[:4] == b"%PDF"

    # 7. Both citizens read the answer with their codes; the second through its group's representative.
    for code in (first_code, second_code):
        page.goto(f"/public/comments/{code}/")
        assert page.locator("#receipt-state").get_attribute("data-state") == "answered"
        assert ANSWER in page.content()
    assert page.js_errors == []
