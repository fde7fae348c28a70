"""Each format is generated, read back with an independent reader, and its numbers compared with the engine's."""

import io
import re

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook
from pypdf import PdfReader

from counting.selectors import coverage_for
from reports.builder import build_annual_report
from reports.renderers import render
from reports.renderers.common import ANNEX_DRAFT_HEADERS, POLICY_HEADERS

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
    assert book.sheetnames == ["Báo cáo", "Theo đơn vị", "Góp ý dự thảo", "Chính sách", "Đang xây dựng", "Theo kênh", "Nhiệm vụ", "Khó khăn, kiến nghị"]
    summary = {row[0]: row[1] for row in _rows(book["Báo cáo"]) if row[0]}
    assert summary["Số chính sách đã được truyền thông"] == figures.numerator
    assert summary["Tỷ lệ chính sách đã được truyền thông"] == pytest.approx(float(figures.percent) / 100)
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
    summary = {row.cells[0].text: row.cells[1].text for row in grids[4].rows[1:]}  # [3]: public comments
    assert summary == {"Đã truyền thông": "1", "Chưa truyền thông": "2", "Tổng cộng": str(figures.denominator)}
    annexes = [t for t in grids if [c.text for c in t.rows[0].cells] in (ANNEX_DRAFT_HEADERS, POLICY_HEADERS)]
    assert len(annexes) == 2  # I: the year's policies (one row per draft), II: the at-risk ones in progress
    policy_lines = [line for row in annexes[0].rows[1:] for line in row.cells[3].text.split("\n")]
    assert len(policy_lines) == figures.denominator
    assert any(line.startswith(INJECTION) for line in policy_lines)
    assert document.tables[0].cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_signed_off_copy_renders_the_frozen_numbers(tree, head, report_data):
    from reports.signoffs import signoff_create

    signoff = signoff_create(organization=tree["department"], year=2024, actor=head)
    report = build_annual_report(organization=tree["department"], year=2024, signoff=signoff)
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    summary = {row[0]: row[1] for row in _rows(book["Báo cáo"]) if row[0]}
    assert summary["Số chính sách đã được truyền thông"] == signoff.data["numerator"]
    last = _rows(book["Khó khăn, kiến nghị"])
    assert any(row[0] == str(head) for row in last)  # the signer's name in the signature block


# --- what the printed document lists (docs/performance.md, "Annual report export") --------------------------------


@pytest.fixture
def on_track(tree, report_data):
    """A draft in progress whose current phase already has an activity: tracked, but not listed in the document."""
    import datetime as dt

    from django.utils import timezone

    from campaigns.models import ActivityStatus
    from drafts.models import DraftStatus
    from testbed import factories

    today = timezone.localdate()
    draft = factories.DraftFactory(
        drafting_organization=tree["department"],
        title="Dự thảo đúng tiến độ",
        proposal_consultation_start=today - dt.timedelta(days=30),
        adopted_on=None,
        status=DraftStatus.PROPOSAL_CONSULTATION,
    )
    policy = factories.PolicyFactory(draft=draft, title="Chính sách đúng tiến độ")
    factories.ActivityFactory(draft=draft, date=today - dt.timedelta(days=5), status=ActivityStatus.DONE)
    return policy


def test_pdf_summarises_policies_in_progress_and_lists_the_at_risk_ones(tree, report_data, on_track):
    city = tree["city"]
    report = build_annual_report(organization=city, year=2024)
    figures = coverage_for(city, 2024)
    statuses = {p.policy_title: p.status for p in figures.in_progress_policies}
    assert statuses == {"Chính sách đang xây dựng": "at_risk", "Chính sách đúng tiến độ": "on_track"}

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(render(report, "pdf"))).pages)
    flat = re.sub(r"\s+", " ", text)
    assert f"Đã truyền thông {figures.numerator}" in flat
    assert f"Chưa truyền thông {figures.denominator - figures.numerator} Tổng cộng {figures.denominator}" in flat
    assert f"Có nguy cơ chậm {figures.at_risk}" in flat and figures.at_risk == 1
    assert f"Đang thực hiện, đúng tiến độ 1 Chưa bắt đầu 0 Tổng cộng {figures.in_progress}" in flat
    assert "PHỤ LỤC I." in flat and "PHỤ LỤC II." in flat
    for line in figures.policies:  # annex I: every policy of the denominator, with its status
        assert line.draft_title in flat
    assert "Hỗ trợ chi phí học tập" in flat and "Miễn học phí cho học sinh THCS" in flat
    assert "Chính sách đang xây dựng" in flat  # at risk: annex II
    assert "Chính sách đúng tiến độ" not in flat  # on track: only counted

    book = load_workbook(io.BytesIO(render(report, "xlsx")))  # the spreadsheet keeps the complete list
    listed = [row[1] for row in _rows(book["Đang xây dựng"])[3:]]
    assert sorted(listed) == ["Chính sách đang xây dựng", "Chính sách đúng tiến độ"]


def test_docx_annex_ii_lists_only_the_at_risk_policies(tree, report_data, on_track):
    report = build_annual_report(organization=tree["city"], year=2024)
    document = Document(io.BytesIO(render(report, "docx")))
    grids = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    summary = next(t for t in grids if "Có nguy cơ chậm" in [row.cells[0].text for row in t.rows[1:3]])
    assert {row.cells[0].text: row.cells[1].text for row in summary.rows}["Tổng cộng"] == str(report.in_progress)
    [annex_ii] = [t for t in grids if [c.text for c in t.rows[0].cells] == POLICY_HEADERS]  # annex I: by draft
    assert [row.cells[1].text for row in annex_ii.rows[1:]] == ["Chính sách đang xây dựng"]
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.LANDSCAPE]


def test_pdf_uses_one_font_family(built):
    report, _, _ = built
    reader = PdfReader(io.BytesIO(render(report, "pdf")))
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # The text in Liberation Serif (Decree 30, test_decree30.py); the chart's SVG labels in DejaVu Sans.
    assert fonts and all(name.startswith(("Liberation-Serif", "DejaVu-Sans")) for name in fonts), fonts


def _pdf_column_widths():
    """{(table key, column number): width %} from the PDF stylesheet's ``.grid-<key> .col-<n>`` rules."""
    import tinycss2
    from django.contrib.staticfiles import finders

    with open(finders.find("css/report-pdf.css"), encoding="utf-8") as handle:
        rules = tinycss2.parse_stylesheet(handle.read(), skip_comments=True, skip_whitespace=True)
    widths, fixed = {}, False
    for rule in rules:
        if rule.type != "qualified-rule":
            continue
        declarations = tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
        values = {d.lower_name: tinycss2.serialize(d.value).strip() for d in declarations if d.type == "declaration"}
        selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
        if "table.grid" in selectors and values.get("table-layout") == "fixed":
            fixed = True
        for selector in selectors:
            match = re.fullmatch(r"\.grid-(\w+) \.col-(\d+)", selector)
            if match and "width" in values:
                widths[(match[1], int(match[2]))] = float(values["width"].rstrip("%"))
    return widths, fixed


def test_pdf_tables_have_fixed_layout_and_a_width_for_every_column(built):
    report, _, _ = built
    widths, fixed = _pdf_column_widths()
    assert fixed
    from reports.renderers.common import tables

    for table in tables(report):
        columns = [widths.get((table.key, n)) for n in range(1, len(table.headers) + 1)]
        assert None not in columns, f"{table.key}: a column has no width in report-pdf.css"
        assert sum(columns) == pytest.approx(100), table.key


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_report_without_data_still_renders_its_empty_annexes(tree, fmt):
    report = build_annual_report(organization=tree["other"], year=2024)
    content = render(report, fmt)
    if fmt == "pdf":
        text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages))
        assert "Không có dữ liệu" in text and "PHỤ LỤC II." in text
        assert text.count("Không có số liệu.") >= 2  # both annexes say so instead of an empty table
    else:
        document = Document(io.BytesIO(content))
        headers = (ANNEX_DRAFT_HEADERS, POLICY_HEADERS)
        annexes = [t for t in document.tables if [c.text for c in t.rows[0].cells] in headers]
        assert [t.rows[1].cells[0].text for t in annexes] == ["Không có số liệu.", "Không có số liệu."]
