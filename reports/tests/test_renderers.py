"""Each format is generated, read back with an independent reader, and its numbers compared with the engine's."""

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from coverage.selectors import coverage_for
from reports.renderers import render
from reports.services import build_annual_report

from .conftest import INJECTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(tree, report_data):
    city = tree["city"]
    return build_annual_report(organization=city, year=2024), coverage_for(city, 2024), coverage_for(tree["department"], 2024)


def _rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_read_back(built):
    report, figures, child = built
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    assert book.sheetnames == ["Báo cáo", "Theo đơn vị", "Chính sách", "Đang xây dựng", "Theo kênh", "Nhiệm vụ", "Khó khăn, kiến nghị"]
    summary = {row[0]: row[1] for row in _rows(book["Báo cáo"]) if row[0]}
    assert summary["Số chính sách đã được truyền thông"] == figures.numerator
    assert summary["Tỷ lệ chính sách đã được truyền thông"] == pytest.approx(float(figures.percent))
    assert summary["Tổng kinh phí các kế hoạch truyền thông trong năm"] == 16_234_567
    assert book["Báo cáo"]["B1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    by_org = {row[1]: row for row in _rows(book["Theo đơn vị"])[3:]}
    assert by_org["Sở Giáo dục và Đào tạo"][2:4] == [child.denominator, child.numerator]
    policies = _rows(book["Chính sách"])[3:]
    assert len(policies) == figures.denominator
    assert book["Chính sách"]["A3"].font.bold  # header row


def test_xlsx_never_writes_a_formula(built):
    report, _, _ = built
    content = render(report, "xlsx")
    book = load_workbook(io.BytesIO(content))  # formulas are read back as "=..." strings with data_type "f"
    cells = [c for row in book["Chính sách"].iter_rows() for c in row if c.value == INJECTION]
    assert len(cells) == 1
    assert cells[0].data_type == "s"
    for prefix in ("+", "-", "@"):
        report.policies[0] = type(report.policies[0])(**{**report.policies[0].__dict__, "title": prefix + "SUM(A1:A2)"})
        book = load_workbook(io.BytesIO(render(report, "xlsx")))
        [cell] = [c for row in book["Chính sách"].iter_rows() for c in row if c.value == prefix + "SUM(A1:A2)"]
        assert cell.data_type == "s"
    assert b"<f>" not in _sheet_xml(content)


def _sheet_xml(content):
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))


def test_pdf_read_back(built):
    report, figures, child = built
    content = render(report, "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    flat = re.sub(r"\s+", " ", text)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "BÁO CÁO" in flat and "năm 2024" in flat
    assert "Số chính sách đã được truyền thông 1" in flat
    assert f"{figures.percent}".replace(".", ",") + "%" in flat  # 33,3%
    assert "16.234.567 đồng" in flat
    assert f"Sở Giáo dục và Đào tạo {child.denominator} {child.numerator}" in flat
    assert "Nơi nhận" in flat and "THỦ TRƯỞNG CƠ QUAN" in flat


def test_docx_read_back(built):
    report, figures, child = built
    document = Document(io.BytesIO(render(report, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "I. KẾT QUẢ CHUNG" and "VII. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ" in headings
    grids = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    overall = {row.cells[0].text: row.cells[1].text for row in grids[0].rows}
    assert overall["Số chính sách đã được truyền thông"] == str(figures.numerator)
    assert overall["Tỷ lệ chính sách đã được truyền thông"] == "33,3%"
    org_rows = {row.cells[1].text: [c.text for c in row.cells] for row in grids[2].rows}
    assert org_rows["Sở Giáo dục và Đào tạo"][2:4] == [str(child.denominator), str(child.numerator)]
    policy_titles = [row.cells[1].text for row in grids[3].rows[1:]]
    assert len(policy_titles) == figures.denominator and INJECTION in policy_titles
    assert document.tables[0].cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_signed_off_copy_renders_the_frozen_numbers(tree, head, report_data):
    from reports.services import signoff_create

    signoff = signoff_create(organization=tree["department"], year=2024, actor=head)
    report = build_annual_report(organization=tree["department"], year=2024, signoff=signoff)
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    summary = {row[0]: row[1] for row in _rows(book["Báo cáo"]) if row[0]}
    assert summary["Số chính sách đã được truyền thông"] == signoff.data["numerator"]
    last = _rows(book["Khó khăn, kiến nghị"])
    assert any(row[0] == str(head) for row in last)  # the signer's name in the signature block
