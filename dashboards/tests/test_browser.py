"""A head reads the dashboard in Chromium, drills down to a unit and opens a policy's reason."""

import pytest

from .conftest import tr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_reads_the_dashboard_drills_down_and_opens_a_reason(page, login, head, dash, tree, screenshot):
    login("head")
    page.goto("/dashboards/")
    page.wait_for_url("**/dashboards/HP-SGDDT/")
    page.select_option("#id_year", "2024")
    page.get_by_role("button", name=tr("Show"), exact=True).click()
    page.wait_for_url("**/dashboards/HP-SGDDT/?year=2024")
    figure = page.get_by_test_id("coverage-percent")
    assert figure.inner_text().strip() == "66,7 %"
    page.wait_for_selector("figure.chart-drawn canvas")  # Chart.js drew the charts
    assert page.locator("figure.chart-drawn").count() == 3
    screenshot("1-dashboard")
    page.emulate_media(media="print")
    assert page.locator("nav.navbar").is_hidden() and page.locator("#id_year").is_hidden()
    screenshot("1b-print")
    page.emulate_media(media="screen")

    # Drill down in place (HTMX): the URL changes, the page does not reload.
    page.evaluate("window.__same_page = true")
    page.get_by_role("link", name=tree["unit"].name).first.click()
    page.wait_for_url("**/dashboards/HP-SGDDT-THPT1/?year=2024")
    page.wait_for_selector(f"h1:has-text('{tree['unit'].name}')")
    assert page.evaluate("window.__same_page") is True
    assert page.get_by_test_id("coverage-percent").inner_text().strip() == "0,0 %"
    screenshot("2-unit")

    page.get_by_role("link", name=tr("See every policy with its status and reason")).click()
    page.wait_for_url("**/dashboards/HP-SGDDT-THPT1/2024/policies/")
    reason = page.locator("details.policy-reason").filter(has_text=tr("Not communicated")).first
    reason.locator("summary").click()
    text = reason.locator("p").inner_text()
    assert "(01/05/2024–30/09/2024)" in text and text.startswith(tr("Not communicated: %(list)s.").split("%")[0])
    screenshot("3-policy-reason")

    assert page.js_errors == [], page.js_errors
    assert page.bad_responses == [], page.bad_responses


def test_head_asks_for_a_recompute_and_the_figures_refresh_in_place(page, login, head, dash, tree, screenshot):
    from dashboards.models import RecomputeRequest, RecomputeStatus

    login("head")
    page.goto("/dashboards/HP-SGDDT/?year=2024")
    page.evaluate("window.__same_page = true")
    page.get_by_role("button", name=tr("Recompute now")).click()
    page.wait_for_selector("#recompute-status .text-success")
    # the figures reload in place once the job is done, and the rest of the page is still there
    page.wait_for_selector("#dashboard h1:has-text('Sở Giáo dục và Đào tạo')")
    assert page.get_by_test_id("coverage-percent").inner_text().strip() == "66,7 %"
    assert page.evaluate("window.__same_page") is True
    request = RecomputeRequest.objects.get()
    assert request.status == RecomputeStatus.DONE and request.requested_by == head
    screenshot("recomputed")
    assert page.js_errors == [], page.js_errors
