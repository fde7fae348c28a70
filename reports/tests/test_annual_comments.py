"""The annual report carries the comment figures per organization beside coverage, in all four renderings."""

import datetime as dt
import io
import re
import subprocess
import zoneinfo

import pytest
from docx import Document
from openpyxl import load_workbook

from consultation.models import Decision, Status
from counting.selectors import coverage_for
from reports.builder import build_annual_report
from reports.renderers import render
from reports.renderers.pdf import report_html
from reports.types import report_from_dict, report_to_dict
from testbed import factories

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def comments(tree, report_data):
    """department: 3 comments in 2024 (1 answered, 1 hidden, 1 overdue); unit: 2 (1 answered through its group);
    one 2023 comment that the 2024 report leaves out."""
    closed = dict(proposal_consultation_start=dt.date(2024, 2, 1), adopted_on=dt.date(2024, 6, 30))
    dep = factories.DraftFactory(drafting_organization=tree["department"], **closed)
    unit = factories.DraftFactory(drafting_organization=tree["unit"], **closed)

    factories.CommentFactory(draft=dep, status=Status.PUBLISHED, decision=Decision.ACCEPTED, response="Tiếp thu")
    factories.CommentFactory(draft=dep, status=Status.HIDDEN, hidden_reason="spam")
    factories.CommentFactory(draft=dep, status=Status.PENDING)
    rep = factories.CommentFactory(
        draft=unit, status=Status.PUBLISHED, decision=Decision.EXPLAINED, response="Giải trình"
    )
    factories.CommentFactory(draft=unit, status=Status.PUBLISHED, group=rep)
    factories.CommentFactory(draft=dep, received_at=dt.datetime(2023, 12, 31, 9, tzinfo=HCM), status=Status.PENDING)


def _line(report, code):
    return next(c for c in report.comments if c.code == code)


def test_the_report_data_has_the_figures_per_organization_and_coverage_is_unchanged(tree, comments):
    before = coverage_for(tree["city"], 2024, with_policies=False)
    report = build_annual_report(organization=tree["city"], year=2024)

    total, department = report.comments[0], _line(report, tree["department"].code)
    assert total.code == tree["city"].code
    assert (total.received, total.published, total.answered, total.unanswered, total.overdue) == (5, 3, 3, 1, 1)
    assert (department.received, department.answered, department.unanswered) == (5, 3, 1)  # the unit rolls up
    assert (report.numerator, report.denominator) == (before.numerator, before.denominator)
    assert report_from_dict(report_to_dict(report)).comments == report.comments  # frozen by a sign-off as is


def test_an_old_sign_off_without_comments_still_renders(tree, comments):
    data = report_to_dict(build_annual_report(organization=tree["city"], year=2024))
    data.pop("comments")
    old = report_from_dict(data)
    assert old.comments == []
    book = load_workbook(io.BytesIO(render(old, "xlsx")))
    assert "Góp ý dự thảo" not in book.sheetnames
    assert render(old, "docx") and "Tiếp nhận và trả lời ý kiến góp ý" not in report_html(old)


def test_xlsx_docx_pdf_and_html_read_back(tree, comments, tmp_path):
    report = build_annual_report(organization=tree["city"], year=2024)

    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    rows = [list(r) for r in book["Góp ý dự thảo"].iter_rows(values_only=True)]
    assert rows[2] == ["STT", "Đơn vị", "Số ý kiến nhận được", "Đã công khai", "Đã trả lời", "Chưa trả lời", "Quá hạn trả lời"]
    by_name = {r[1]: r[2:] for r in rows[3:]}
    assert by_name["Tổng cộng"] == [5, 3, 3, 1, 1]
    assert by_name["Sở Giáo dục và Đào tạo"] == [5, 3, 3, 1, 1]

    document = Document(io.BytesIO(render(report, "docx")))
    grid = next(t for t in document.tables if t.rows[0].cells[0].text == "STT" and t.rows[0].cells[2].text == "Số ý kiến nhận được")
    cells = {row.cells[1].text: [c.text for c in row.cells[2:]] for row in grid.rows[1:]}
    assert cells["Tổng cộng"] == ["5", "3", "3", "1", "1"]
    assert any(p.text.startswith("Tiếp nhận và trả lời ý kiến góp ý") for p in document.paragraphs)

    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render(report, "pdf"))
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert "Tiếp nhận và trả lời ý kiến góp ý" in text
    assert re.search(r"Tổng cộng 5 3 3 1 1", text)

    html = report_html(report)  # the web page and the PDF share this document
    assert "Tiếp nhận và trả lời ý kiến góp ý" in html and "Số ý kiến nhận được" in html
