"""Issue 15 point 9: the annual report's workbook prints as an office expects (A4, one page wide, repeated header
rows, a print area) and computes (percentages are fractions with a percent format; numeric columns hold numbers or
nothing, never "—" or "no data" as text)."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from campaigns.models import ActivityStatus
from drafts.models import DraftStatus
from reports.builder import build_annual_report
from reports.renderers import render
from testbed import factories


@pytest.fixture
def book(tree, report_data):
    report = build_annual_report(organization=tree["city"], year=2024)
    return load_workbook(io.BytesIO(render(report, "xlsx")))


def test_every_sheet_prints_on_a4_one_page_wide_with_a_print_area(book):
    for ws in book.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        # One page wide (1 is the format's default, which the file leaves out), as many pages high as needed (0).
        assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.print_area, ws.title
        assert ws.page_setup.orientation in ("portrait", "landscape"), ws.title


def test_table_sheets_repeat_their_title_and_header_rows_and_wide_ones_go_landscape(book):
    for name in ("Theo đơn vị", "Chính sách", "Đang xây dựng", "Theo kênh", "Nhiệm vụ"):
        ws = book[name]
        assert ws.print_title_rows == "$1:$3", name  # title, blank line, header row
    assert book["Chính sách"].page_setup.orientation == "landscape"  # 8 columns, about 200 characters wide
    assert book["Theo kênh"].page_setup.orientation == "portrait"


def test_percentages_are_fractions_with_a_percent_format(book):
    ws = book["Báo cáo"]
    row = next(r for r in ws.iter_rows() if r[0].value == "Tỷ lệ chính sách đã được truyền thông")
    assert isinstance(row[1].value, float) and 0 <= row[1].value <= 1
    assert row[1].number_format == "0.0%"
    # The target percent of the organizations' sheet too: 100 % is 1.0, not 100.
    by_org = book["Theo đơn vị"]
    headers = [c.value for c in by_org[3]]
    target = headers.index("Chỉ tiêu")
    values = [r[target].value for r in by_org.iter_rows(min_row=4) if r[0].value is not None]
    assert values and all(v is None or 0 <= v <= 1 for v in values)


def test_numeric_columns_hold_numbers_or_nothing(book):
    ws = book["Theo đơn vị"]
    headers = [c.value for c in ws[3]]
    rows = [r for r in ws.iter_rows(min_row=4) if isinstance(r[0].value, int)]
    assert rows
    for name in ("Số chính sách", "Đã truyền thông", "Tỷ lệ", "Chỉ tiêu", "Còn thiếu"):
        col = headers.index(name)
        assert all(r[col].value is None or isinstance(r[col].value, (int, float)) for r in rows), name


def test_a_figure_that_does_not_exist_is_an_empty_numeric_cell_and_the_legend_says_so(tree):
    """2021 has no target (the first is 70 % for 2022): the target and gap columns are empty, not "—"."""
    draft = factories.DraftFactory(
        drafting_organization=tree["department"],
        proposal_consultation_start=dt.date(2021, 2, 1),
        adopted_on=dt.date(2021, 6, 30),
        status=DraftStatus.ADOPTED,
    )
    policy = factories.PolicyFactory(draft=draft)
    factories.ActivityFactory(draft=draft, date=dt.date(2021, 3, 1), status=ActivityStatus.DONE, policies=[policy])
    report = build_annual_report(organization=tree["city"], year=2021)
    ws = load_workbook(io.BytesIO(render(report, "xlsx")))["Theo đơn vị"]
    headers = [c.value for c in ws[3]]
    row = ws[4]
    assert row[headers.index("Tỷ lệ")].value == 1.0
    for name in ("Chỉ tiêu", "Còn thiếu"):
        assert row[headers.index(name)].value is None, name
        assert row[headers.index(name)].number_format != "General", name
    assert not any(c.value == "—" for r in ws.iter_rows() for c in r)
    assert any(str(c.value).startswith("Ô để trống") for r in ws.iter_rows() for c in r if c.value)


def test_rows_with_wrapped_text_are_tall_enough_for_their_lines(book):
    """Neither the format nor LibreOffice sizes a wrapped row on opening: without a height the lines overprint."""
    ws = book["Chính sách"]
    headers = [c.value for c in ws[3]]
    reason = headers.index("Lý do")
    rows = [r for r in ws.iter_rows(min_row=4) if isinstance(r[0].value, int)]
    one_line = ws.column_dimensions[get_column_letter(reason + 1)].width * 1.2
    long_rows = [r for r in rows if len(r[reason].value or "") > one_line]
    assert long_rows
    for r in long_rows:
        assert (ws.row_dimensions[r[0].row].height or 15) >= 30
