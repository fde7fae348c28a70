"""Issue #5 journey in a real browser: an inspector asks for the XLSX, watches its progress, downloads it."""

import re

import pytest
from django.utils import translation
from openpyxl import load_workbook

from counting.selectors import coverage_for
from reports import exports
from reports.models import ExportJob, ExportStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tr(text: str) -> str:
    with translation.override("vi"):
        return translation.gettext(text)


def test_inspector_exports_the_xlsx_and_downloads_it(page, login, inspector, tree, report_data, monkeypatch, tmp_path, screenshot):
    # Hold the queue so the page is seen waiting; the test then plays the worker.
    queued = []
    monkeypatch.setattr(exports, "_enqueue", lambda job: queued.append(job.pk))

    login("inspector")
    page.goto("/reports/HP-SGDDT/2024/")
    page.get_by_role("button", name="Excel (XLSX)").click()
    page.wait_for_url(re.compile(r"/reports/exports/\d+/$"))
    status = page.locator("#export-status")
    assert status.locator("[data-status]").get_attribute("data-status") == ExportStatus.QUEUED
    assert page.locator("progress").get_attribute("value") == "0"
    screenshot("queued")

    [job_id] = queued
    exports.export_job_execute(job_id=job_id)  # what the Celery worker does

    download_button = page.get_by_role("link", name=re.compile(re.escape(tr("Download"))))
    download_button.wait_for()  # the HTMX poll swapped the finished status in, without a reload
    assert page.locator("progress").get_attribute("value") == "100"
    screenshot("done")
    with page.expect_download() as info:
        download_button.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "bao-cao-HP-SGDDT-2024.xlsx"

    book = load_workbook(path)
    summary = {row[0]: row[1] for row in book["Báo cáo"].iter_rows(values_only=True) if row[0]}
    figures = coverage_for(tree["department"], 2024)
    assert summary["Số chính sách đã được truyền thông"] == figures.numerator
    assert summary["Số chính sách có tác động lớn thuộc phạm vi Đề án (thông qua/ban hành trong năm)"] == figures.denominator
    assert ExportJob.objects.get(pk=job_id).requested_by == inspector
    assert page.js_errors == [] and page.bad_responses == []
