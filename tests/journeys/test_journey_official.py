"""Issue #2 journey, in a real browser: an official logs in, records a draft with two policies, logs an
activity with a PDF as evidence, and reads each policy's status on the draft's timeline.

Labels are looked up through Django's translations (``tr``), so the test keeps working when the Vietnamese
catalogue arrives and the page (locale vi-VN) shows Vietnamese labels.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst

from browser_fixtures import by_label, label_pattern
from campaigns.models import Activity, ActivityStatus, Channel
from drafts.models import DocumentType, Draft, DraftStatus, Policy
from testbed.management.commands.load_demo import tiny_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tr(text: str) -> str:
    with translation.override("vi"):
        return translation.gettext(text)


def test_login_page_signs_the_official_in(page, login, official, screenshot):
    page.goto("/login/")
    screenshot("login")
    login("official")
    assert page.get_by_role("button", name=official.display_name).is_visible()
    assert page.js_errors == [] and page.bad_responses == []


def test_wrong_password_stays_on_the_login_page_with_an_error(page, official):
    page.goto("/login/")
    with translation.override("vi"):
        from django.contrib.auth.forms import AuthenticationForm

        form = AuthenticationForm()
        by_label(page, form.fields["username"].label).fill("official")
        by_label(page, form.fields["password"].label).fill("not-the-password")
    page.locator("form [type=submit]").last.click()
    assert "/login/" in page.url
    assert page.locator(".alert-danger, .invalid-feedback, .errorlist").first.is_visible()


def label(model, field_name: str) -> str:
    """The label Django renders for a model field, in the page's language."""
    with translation.override("vi"):
        return capfirst(str(model._meta.get_field(field_name).verbose_name))


def choice(enum_member) -> str:
    with translation.override("vi"):
        return str(enum_member.label)


def dmy(day) -> str:
    return day.strftime("%d/%m/%Y")


def test_official_records_a_draft_two_policies_and_an_activity_with_evidence(page, login, official, tree, screenshot):
    today = timezone.localdate()
    # Still in the proposal phase (D ahead), so one policy with an activity is on track and the other, 40 days
    # without one, at risk (with D past and nothing in the proposal phase both would be missed: rule 1.1).
    s, d, activity_day = today - dt.timedelta(days=40), today + dt.timedelta(days=20), today - dt.timedelta(days=5)
    draft_title = "Nghị quyết quy định mức học phí năm học 2026-2027 trên địa bàn thành phố Hải Phòng"
    policy_titles = [
        "Mức thu học phí đối với giáo dục phổ thông công lập",
        "Miễn, giảm học phí cho học sinh vùng khó khăn",
    ]
    activity_title = "Hội nghị lấy ý kiến phụ huynh về mức thu học phí"

    # 1. Log in through the login page.
    login("official")
    assert page.get_by_role("button", name=official.display_name).is_visible()

    # 2. Record the draft: Drafts → Record a new draft → fill the form by its labels.
    page.get_by_role("link", name=tr("Drafts"), exact=True).first.click()
    page.get_by_role("link", name=tr("Record a new draft")).first.click()
    by_label(page, label(Draft, "title")).fill(draft_title)
    by_label(page, label(Draft, "document_type")).select_option(
        label=choice(DocumentType.PROVINCIAL_COUNCIL_RESOLUTION)
    )
    by_label(page, label(Draft, "drafting_organization")).select_option(value=str(tree["department"].pk))
    by_label(page, label(Draft, "proposal_consultation_start")).fill(dmy(s))
    by_label(page, label(Draft, "draft_consultation_start")).fill(dmy(d))
    by_label(page, label(Draft, "status")).select_option(label=choice(DraftStatus.DRAFT_CONSULTATION))
    screenshot("1-draft-form")
    page.get_by_role("button", name=tr("Save")).click()
    page.wait_for_url(re.compile(r"/drafts/\d+/$"))
    draft = Draft.objects.get(title=draft_title)
    assert draft.drafting_organization == tree["department"]
    assert (draft.proposal_consultation_start, draft.draft_consultation_start, draft.adopted_on) == (s, d, None)
    assert page.get_by_role("heading", name=draft_title).is_visible()

    # 3. Two policies, each assessed against the four Decision 407 criteria.
    for title in policy_titles:
        page.get_by_role("link", name=tr("Add a policy")).first.click()
        by_label(page, label(Policy, "title")).fill(title)
        by_label(page, label(Policy, "summary")).fill("Nội dung chính sách để lấy ý kiến.")
        for criterion in ("criterion_rights", "criterion_sensitive", "criterion_wide", "criterion_not_secret"):
            by_label(page, label(Policy, criterion)).check()
        by_label(page, label(Policy, "high_impact")).check()
        if title == policy_titles[0]:
            screenshot("2-policy-form")
        page.get_by_role("button", name=tr("Save")).click()
        page.wait_for_url(re.compile(rf"/drafts/{draft.pk}/(#policies)?$"))
    policies = list(draft.policies.order_by("position"))
    assert [p.title for p in policies] == policy_titles
    assert all(p.high_impact and p.criteria_met and p.assessed_by == official for p in policies)

    # 4. An activity covering the first policy only, with a PDF as evidence.
    page.get_by_role("link", name=tr("Record an activity")).first.click()
    by_label(page, label(Activity, "title")).fill(activity_title)
    page.get_by_label(policy_titles[0], exact=True).check()
    by_label(page, label(Activity, "channel")).select_option(label=choice(Channel.MEETING))
    by_label(page, label(Activity, "date")).fill(dmy(activity_day))
    # The status is an explicit choice (no default that would leave a logged activity uncounted).
    status = page.get_by_role("group", name=label_pattern(label(Activity, "status")))
    assert status.get_by_role("radio", checked=True).count() == 0
    status.get_by_role("radio", name=choice(ActivityStatus.DONE), exact=True).check()
    by_label(page, label(Activity, "reach")).fill("320")
    by_label(page, tr("Evidence files")).set_input_files(
        files=[{"name": "bien-ban-hoi-nghi.pdf", "mimeType": "application/pdf",
                "buffer": tiny_pdf("Bien ban hoi nghi lay y kien phu huynh")}]
    )
    screenshot("3-activity-form")
    page.get_by_role("button", name=tr("Save")).click()
    page.wait_for_url(re.compile(r"/campaigns/activities/\d+/$"))
    activity = Activity.objects.get(title=activity_title)
    assert list(activity.policies.all()) == policies[:1]
    assert (activity.draft, activity.status, activity.date) == (draft, ActivityStatus.DONE, activity_day)
    stored = activity.evidence_files.get()
    assert stored.original_name == "bien-ban-hoi-nghi.pdf" and stored.content_type == "application/pdf"
    with stored.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert page.get_by_text("bien-ban-hoi-nghi.pdf").first.is_visible()
    screenshot("4-activity-detail")

    # 5. The draft's timeline shows the activity, and each policy's status under the counting rule.
    page.goto(f"/drafts/{draft.pk}/")
    timeline = page.locator("#timeline")
    assert timeline.get_by_role("img", name=tr("Communication window and activities")).is_visible()
    row = timeline.locator("tr", has_text=activity_title)
    assert row.count() == 1 and dmy(activity_day) in row.inner_text()
    first, second = (page.locator(f"#policy-{p.pk}") for p in policies)
    assert tr("On track") in first.inner_text()
    assert tr("At risk") in second.inner_text()
    screenshot("5-draft-timeline")
    assert page.js_errors == [] and page.bad_responses == []
