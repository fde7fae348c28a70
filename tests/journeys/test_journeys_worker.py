"""Issue #7 item 4: the three users' journeys end to end, in Chromium, with a REAL Celery worker on Redis and the
PostgreSQL test database (eager mode off, see ``worker_fixtures.live_worker``).

1. An official records a draft with two policies and an activity with a PDF; the save enqueues the coverage
   recompute, the worker runs it, and the API and dashboard then count the activity.
2. A head reads stale figures, asks for a recompute, watches its progress until the worker is done, drills down
   to a unit and opens a policy's reason.
3. An inspector asks for the annual report's XLSX, watches the job until the worker has written the file,
   downloads it and checks its headline numbers against ``coverage_for``.

Every test proves the worker did the work: the figures change only after it ran, and its log names the task.
Transactional tests flush the rows data migrations seed (Decision 407), so the data is made here.
Screenshots go to ``$SCREENSHOT_DIR`` (see ``browser_fixtures``); ``docs/journeys.md`` shows a few of them.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst
from openpyxl import load_workbook
from playwright.sync_api import expect

from browser_fixtures import by_label, label_pattern
from campaigns.models import Activity, ActivityStatus, Channel
from counting import engine
from counting.selectors import coverage_for
from directives.models import Directive, Requirement, RequirementKind, RequirementTarget
from drafts.models import DocumentType, Draft, DraftStatus, Policy
from reports.models import ExportJob, ExportStatus
from testbed import factories
from testbed.management.commands.load_demo import tiny_pdf
from worker_fixtures import until, worker_ran

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WORKER_TIMEOUT_S = 30
WORKER_TIMEOUT_MS = WORKER_TIMEOUT_S * 1000
YEAR = 2024


def tr(text: str) -> str:
    """A source string as the portal shows it by default (Vietnamese)."""
    with translation.override("vi"):
        return translation.gettext(text)


def label(model, field_name: str) -> str:
    with translation.override("vi"):
        return capfirst(str(model._meta.get_field(field_name).verbose_name))


def choice(enum_member) -> str:
    with translation.override("vi"):
        return str(enum_member.label)


def dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def assert_page_clean(page):
    assert page.js_errors == [], page.js_errors
    assert page.bad_responses == [], page.bad_responses


# --- data -----------------------------------------------------------------------------------------------------------


def _decision_407(year: int) -> Requirement:
    """Decision 407's national target: seeded by a data migration, gone once a transactional test flushed it."""
    decision, _ = Directive.objects.get_or_create(
        code="407/QĐ-TTg",
        defaults={"kind": "decision", "title": "Đề án truyền thông chính sách", "issuer": "Thủ tướng Chính phủ",
                  "issued_on": dt.date(2022, 3, 30)},
    )
    national, _ = Requirement.objects.get_or_create(
        directive=decision, kind=RequirementKind.COVERAGE_TARGET,
        defaults={"title": "Tỷ lệ chính sách được truyền thông"},
    )
    RequirementTarget.objects.update_or_create(requirement=national, year=year, defaults={"target_percent": 100})
    return national


def _adopted(org, *, title, policies, s=dt.date(YEAR, 2, 1), d=dt.date(YEAR, 5, 1), a=dt.date(YEAR, 9, 30)):
    draft = factories.DraftFactory(
        title=title, drafting_organization=org, proposal_consultation_start=s, draft_consultation_start=d,
        adopted_on=a, status=DraftStatus.ADOPTED,
    )
    return draft, [factories.PolicyFactory(draft=draft, title=policy) for policy in policies]


@pytest.fixture
def year_data(tree):
    """2024, computed: the department's two policies communicated, the unit's one not (nothing in the draft
    phase), so the department reads 2 of 3 (66,7 %) and the unit 0 of 1."""
    department, unit = tree["department"], tree["unit"]
    _decision_407(YEAR)
    draft, policies = _adopted(
        department, title="Nghị quyết quy định mức thu học phí năm học 2024-2025",
        policies=["Mức thu học phí đối với giáo dục phổ thông công lập", "Miễn học phí cho học sinh trung học cơ sở"],
    )
    factories.ActivityFactory(draft=draft, date=dt.date(YEAR, 2, 1), channel=Channel.PORTAL)
    factories.ActivityFactory(draft=draft, date=dt.date(YEAR, 5, 4), channel=Channel.PRESS)
    unit_draft, [missed] = _adopted(
        unit, title="Quy định về dạy thêm, học thêm trong nhà trường", policies=["Điều kiện tổ chức dạy thêm"]
    )
    factories.ActivityFactory(draft=unit_draft, date=dt.date(YEAR, 2, 11), channel=Channel.SOCIAL)
    factories.ActivityFactory(
        draft=unit_draft, date=dt.date(YEAR, 5, 11), channel=Channel.PRESS, status=ActivityStatus.PLANNED
    )
    factories.CampaignFactory(draft=draft, period_start=dt.date(YEAR, 2, 1), budget_vnd=15_000_000)
    engine.recompute()
    return {"communicated": policies, "missed": missed}


# --- 1. official ----------------------------------------------------------------------------------------------------


def test_official_records_a_draft_and_an_activity_and_the_worker_counts_it(
    page, login, official, tree, live_worker, screenshot
):
    today = timezone.localdate()
    s, a, activity_day = today - dt.timedelta(days=60), today - dt.timedelta(days=5), today - dt.timedelta(days=30)
    year = a.year
    department = tree["department"]
    # The year is computed (zeros are real), so every later change to its figures is the worker's doing.
    engine.recompute(engine.Scope(years=(year,)))
    api_url = f"/api/v1/coverage/?organization={department.code}&year={year}"

    def api_figures():
        response = page.request.get(api_url)
        assert response.ok, (response.status, response.text())
        body = response.json()
        return body["communicated"], body["high_impact_policies"]

    draft_title = "Quyết định quy định mức hỗ trợ học phí cho học sinh trung học phổ thông năm học 2026-2027"
    policy_titles = ["Mức hỗ trợ học phí cho học sinh công lập", "Đối tượng được miễn học phí"]
    activity_title = "Hội nghị lấy ý kiến phụ huynh về mức hỗ trợ học phí"

    login("official")
    assert api_figures() == (0, 0)

    # The draft, adopted five days ago: the window is S..A, one phase.
    page.get_by_role("link", name=tr("Drafts"), exact=True).first.click()
    page.get_by_role("link", name=tr("Record a new draft")).first.click()
    by_label(page, label(Draft, "title")).fill(draft_title)
    by_label(page, label(Draft, "document_type")).select_option(
        label=choice(DocumentType.PROVINCIAL_COMMITTEE_DECISION)
    )
    by_label(page, label(Draft, "drafting_organization")).select_option(value=str(department.pk))
    by_label(page, label(Draft, "proposal_consultation_start")).fill(dmy(s))
    by_label(page, label(Draft, "adopted_on")).fill(dmy(a))
    by_label(page, label(Draft, "status")).select_option(label=choice(DraftStatus.ADOPTED))
    screenshot("1-draft-form")
    page.get_by_role("button", name=tr("Save")).click()
    page.wait_for_url(re.compile(r"/drafts/\d+/$"))
    draft = Draft.objects.get(title=draft_title)
    assert (draft.proposal_consultation_start, draft.adopted_on, draft.status) == (s, a, DraftStatus.ADOPTED)

    for title in policy_titles:
        page.get_by_role("link", name=tr("Add a policy")).first.click()
        by_label(page, label(Policy, "title")).fill(title)
        for criterion in ("criterion_rights", "criterion_sensitive", "criterion_wide", "criterion_not_secret"):
            by_label(page, label(Policy, criterion)).check()
        by_label(page, label(Policy, "high_impact")).check()
        page.get_by_role("button", name=tr("Save")).click()
        page.wait_for_url(re.compile(rf"/drafts/{draft.pk}/(#policies)?$"))
    policies = list(draft.policies.order_by("position"))
    assert [p.title for p in policies] == policy_titles

    # The worker picked the new policies up: two policies adopted this year, none communicated yet.
    until(live_worker, lambda: api_figures() == (0, 2), "the worker to count the two new policies")

    page.get_by_role("link", name=tr("Record an activity")).first.click()
    by_label(page, label(Activity, "title")).fill(activity_title)
    page.get_by_label(policy_titles[0], exact=True).check()
    by_label(page, label(Activity, "channel")).select_option(label=choice(Channel.MEETING))
    by_label(page, label(Activity, "date")).fill(dmy(activity_day))
    # The status is an explicit choice (no default that would leave a logged activity uncounted).
    status = page.get_by_role("group", name=label_pattern(label(Activity, "status")))
    assert status.get_by_role("radio", checked=True).count() == 0
    status.get_by_role("radio", name=choice(ActivityStatus.DONE), exact=True).check()
    by_label(page, tr("Evidence files")).set_input_files(
        files=[{"name": "bien-ban-hoi-nghi.pdf", "mimeType": "application/pdf",
                "buffer": tiny_pdf("Bien ban hoi nghi lay y kien phu huynh")}]
    )
    screenshot("2-activity-form")
    page.get_by_role("button", name=tr("Save")).click()
    page.wait_for_url(re.compile(r"/campaigns/activities/\d+/$"))
    activity = Activity.objects.get(title=activity_title)
    assert list(activity.policies.all()) == policies[:1]
    assert activity.evidence_files.get().original_name == "bien-ban-hoi-nghi.pdf"
    expect(page.get_by_text("bien-ban-hoi-nghi.pdf").first).to_be_visible()
    screenshot("3-activity-detail")

    # The timeline judges the draft itself (drafts.counting), whatever the worker has done so far.
    page.goto(f"/drafts/{draft.pk}/")
    row = page.locator("#timeline tr", has_text=activity_title)
    assert row.count() == 1 and dmy(activity_day) in row.inner_text()
    first, second = (page.locator(f"#policy-{p.pk} [class*='status-']") for p in policies)
    assert (first.inner_text().strip(), second.inner_text().strip()) == (tr("Communicated"), tr("Not communicated"))
    screenshot("4-draft-timeline")

    # The activity's save enqueued the recompute; the worker ran it and the API counts the activity.
    until(live_worker, lambda: api_figures() == (1, 2), "the worker to count the new activity")
    assert worker_ran(live_worker, "coverage.recompute_dirty"), live_worker.log
    assert not engine.has_dirty()

    page.goto(f"/dashboards/{department.code}/?year={year}")
    expect(page.get_by_test_id("coverage-percent")).to_have_text(re.compile(r"^\s*50,0\s*%\s*$"))
    screenshot("5-dashboard")
    assert_page_clean(page)


# --- 2. head --------------------------------------------------------------------------------------------------------


def test_head_asks_for_a_recompute_the_worker_runs_it_and_the_head_drills_down(
    page, login, head, tree, year_data, live_worker, screenshot
):
    from dashboards.models import RecomputeRequest, RecomputeStatus

    department, unit = tree["department"], tree["unit"]
    # A communicated policy written straight to the tables: nothing enqueued, the figures do not know it yet.
    late, _ = _adopted(
        department, d=None, title="Quy định mức thu dịch vụ tuyển sinh", policies=["Mức thu dịch vụ tuyển sinh lớp 10"]
    )
    factories.ActivityFactory(draft=late, date=dt.date(YEAR, 3, 1), channel=Channel.PORTAL)

    login("head")
    page.goto("/dashboards/")
    page.wait_for_url(f"**/dashboards/{department.code}/")
    page.select_option("#id_year", str(YEAR))
    page.get_by_role("button", name=tr("Show"), exact=True).click()
    page.wait_for_url(f"**/dashboards/{department.code}/?year={YEAR}")
    figure = page.get_by_test_id("coverage-percent")
    assert figure.inner_text().strip() == "66,7 %"  # 2 of 3: stale, the new policy is not counted yet
    page.wait_for_selector("figure.chart-drawn canvas")
    screenshot("1-dashboard-stale")

    page.evaluate("window.__same_page = true")
    page.get_by_role("button", name=tr("Recompute now")).click()
    page.mouse.move(0, 0)  # no hover highlight on the button in the screenshots
    page.wait_for_selector("#recompute-status progress, #recompute-status .text-success")
    screenshot("2-recompute-requested")
    # HTMX polls the request every 2 s; the worker marks it done and the figures reload in place.
    page.wait_for_selector("#recompute-status .text-success", timeout=WORKER_TIMEOUT_MS)
    expect(figure).to_have_text(re.compile(r"^\s*75,0\s*%\s*$"), timeout=WORKER_TIMEOUT_MS)  # 3 of 4
    assert page.evaluate("window.__same_page") is True
    request = RecomputeRequest.objects.get()
    assert (request.status, request.progress, request.requested_by) == (RecomputeStatus.DONE, 100, head)
    assert worker_ran(live_worker, "dashboards.run_recompute"), live_worker.log
    expect(page.get_by_role("button", name=tr("Recompute now"))).to_be_enabled()  # the head may ask again
    screenshot("3-recomputed")

    page.get_by_role("link", name=unit.name).first.click()
    page.wait_for_url(f"**/dashboards/{unit.code}/?year={YEAR}")
    page.wait_for_selector(f"h1:has-text('{unit.name}')")
    assert page.get_by_test_id("coverage-percent").inner_text().strip() == "0,0 %"
    screenshot("4-unit")

    page.get_by_role("link", name=tr("See every policy with its status and reason")).click()
    page.wait_for_url(f"**/dashboards/{unit.code}/{YEAR}/policies/")
    row = page.locator("tbody tr").filter(has_text=year_data["missed"].title)
    assert row.count() == 1
    reason = row.locator("details.policy-reason")
    assert reason.locator("summary").inner_text().strip() == tr("Not communicated")
    reason.locator("summary").click()
    text = reason.locator("p").inner_text()
    assert text.startswith(tr("Not communicated: %(list)s.").split("%")[0]) and "(01/05/2024–30/09/2024)" in text
    screenshot("5-policy-reason")
    assert_page_clean(page)


# --- 3. inspector ---------------------------------------------------------------------------------------------------


def test_inspector_exports_the_xlsx_through_the_worker_and_downloads_it(
    page, login, inspector, tree, year_data, live_worker, screenshot, tmp_path
):
    department = tree["department"]
    login("inspector")
    page.get_by_role("link", name=tr("Reports"), exact=True).first.click()
    page.locator(f"a[href='/reports/{department.code}/{YEAR}/']").click()
    page.wait_for_url(f"**/reports/{department.code}/{YEAR}/")
    screenshot("1-annual-report")

    page.get_by_role("button", name="Excel (XLSX)").click()
    page.wait_for_url(re.compile(r"/reports/exports/\d+/$"))
    job_id = int(re.search(r"/exports/(\d+)/$", page.url).group(1))
    status = page.locator("#export-status [data-status]")
    assert status.get_attribute("data-status") in (ExportStatus.QUEUED, ExportStatus.RUNNING, ExportStatus.DONE)
    screenshot("2-export-requested")

    # The page polls (HTMX) until the worker has stored the file, then offers it without a reload.
    download = page.get_by_role("link", name=re.compile(re.escape(tr("Download"))))
    download.wait_for(timeout=WORKER_TIMEOUT_MS)
    assert status.get_attribute("data-status") == ExportStatus.DONE
    assert page.locator("progress").get_attribute("value") == "100"
    job = ExportJob.objects.get(pk=job_id)
    assert (job.status, job.requested_by, job.attempts) == (ExportStatus.DONE, inspector, 1)
    assert worker_ran(live_worker, "reports.tasks.export_job_run"), live_worker.log
    screenshot("3-export-done")

    with page.expect_download() as info:
        download.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == f"bao-cao-{department.code}-{YEAR}.xlsx"

    summary = {row[0]: row[1] for row in load_workbook(path)["Báo cáo"].iter_rows(values_only=True) if row[0]}
    figures = coverage_for(department, YEAR)
    assert (figures.numerator, figures.denominator) == (2, 3)
    denominator_row = "Số chính sách có tác động lớn thuộc phạm vi Đề án (thông qua/ban hành trong năm)"
    assert summary[denominator_row] == figures.denominator
    assert summary["Số chính sách đã được truyền thông"] == figures.numerator
    # A fraction with a percent number format (issue 15 point 9), so formulas over the cell compute.
    assert summary["Tỷ lệ chính sách đã được truyền thông"] == pytest.approx(float(figures.percent) / 100)
    assert_page_clean(page)
