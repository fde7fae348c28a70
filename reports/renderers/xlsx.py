"""The annual report as an Excel workbook: one sheet per section."""

from __future__ import annotations

import io
import math
from decimal import Decimal

import xlsxwriter

from ..types import AnnualReport
from . import common


class _Sheet:
    """Writes cells by type, and strings always as strings (never formulas, URLs or numbers).

    Numbers stay numbers: a percent is the fraction with a percent format (0.833 shown 83,3%), so formulas over the
    sheet are right; a figure that does not exist (no data, no target) is an empty cell of the column's format,
    never text in a numeric column, and the table's legend says what an empty cell means. Every sheet prints on A4,
    one page wide, with its title and header rows repeated on each page."""

    def __init__(self, workbook, formats, name):
        self.ws = workbook.add_worksheet(name)
        self.formats = formats
        self.last_row = 0
        self.last_col = 0
        self.widths: dict[int, float] = {}
        self.header_row: int | None = None

    def column(self, first, last, width):
        self.ws.set_column(first, last, width)
        for col in range(first, last + 1):
            self.widths[col] = width

    def _seen(self, row, col):
        self.last_row, self.last_col = max(self.last_row, row), max(self.last_col, col)

    def cell(self, row, col, value, fmt=None):
        f = self.formats
        self._seen(row, col)
        if value is None:
            self.ws.write_blank(row, col, None, fmt or f["text"])
        elif isinstance(value, common.Percent):
            if value.value is None:
                self.ws.write_blank(row, col, None, f["percent"])
                self.blanks = True
            else:
                self.ws.write_number(row, col, float(value.value / 100), f["percent"])
        elif isinstance(value, common.Missing):
            self.ws.write_blank(row, col, None, f["number"])
            self.blanks = True
        elif isinstance(value, common.Money):
            self.ws.write_number(row, col, value.value, f["money"])
        elif isinstance(value, bool):
            self.ws.write_string(row, col, "Có" if value else "Không", fmt or f["text"])
        elif isinstance(value, (int, float, Decimal)):
            self.ws.write_number(row, col, float(value) if isinstance(value, Decimal) else value, fmt or f["number"])
        else:
            self.ws.write_string(row, col, str(value), fmt or f["text"])

    blanks = False  # an empty numeric cell was written: the legend explains it

    def fit_row_height(self, row, values, widths):
        """Wrapped text needs a taller row, and neither the file format nor LibreOffice sizes it on opening (the
        lines would print over each other): the height comes from the longest cell's line count at its width."""
        lines = max(
            math.ceil(len(common.text(value)) / (width * CHARS_PER_WIDTH)) if isinstance(value, str) else 1
            for value, width in zip(values, widths)
        )
        if lines > 1:
            self.ws.set_row(row, LINE_HEIGHT * lines)

    def table(self, first_row, table: common.Table):
        for col, width in enumerate(table.widths):
            self.column(col, col, width)
        for col, header in enumerate(table.headers):
            self.cell(first_row, col, header, self.formats["header"])
        self.header_row = first_row
        for r, values in enumerate(table.rows, start=first_row + 1):
            for col, value in enumerate(values):
                self.cell(r, col, value)
            self.fit_row_height(r, values, table.widths)
        if not table.rows:
            self.cell(first_row + 1, 0, "Không có số liệu.", self.formats["muted"])
        self.ws.freeze_panes(first_row + 1, 0)
        end = first_row + 1 + max(len(table.rows), 1)
        if self.blanks:
            self.cell(end + 1, 0, NO_DATA_LEGEND, self.formats["muted"])
            end += 2
        return end

    def page_setup(self):
        """A4, one page wide (as many pages high as needed), landscape when the columns are wider than a portrait
        page holds, the title and header rows repeated on every page, the print area the written cells."""
        ws = self.ws
        ws.set_paper(9)  # A4
        if sum(self.widths.values()) > PORTRAIT_WIDTH:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
        if self.header_row is not None:
            ws.repeat_rows(0, self.header_row)
        ws.print_area(0, 0, self.last_row, self.last_col)
        ws.set_footer("&C&P/&N")


LINE_HEIGHT = 15  # points, one line of the default 11 pt font
CHARS_PER_WIDTH = 1.2  # proportional text fits about this many characters per unit of column width (LibreOffice)
# Column widths (in characters) that fit a portrait A4 page at a readable scale; wider sheets print landscape.
PORTRAIT_WIDTH = 110
NO_DATA_LEGEND = (
    "Ô để trống ở cột số liệu: không có dữ liệu (không có chính sách nào để tính tỷ lệ) hoặc không có chỉ tiêu."
)


def _formats(workbook):
    base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
    add = lambda **extra: workbook.add_format({**base, **extra})  # noqa: E731
    return {
        "text": add(text_wrap=True, border=1),
        "number": add(num_format="#,##0", border=1),
        "money": add(num_format="#,##0", border=1),
        "percent": add(num_format="0.0%", border=1),
        "header": add(bold=True, text_wrap=True, border=1, bg_color="#DDEBF7", align="center", valign="vcenter"),
        "title": add(bold=True, font_size=14, align="center"),
        "center": add(align="center"),
        "center_bold": add(align="center", bold=True),
        "section": add(bold=True, font_size=13),
        "section_wrap": add(bold=True, font_size=13, text_wrap=True, valign="vcenter"),
        "plain": add(text_wrap=True),
        "muted": add(italic=True, font_color="#666666"),
    }


def render_xlsx(report: AnnualReport) -> bytes:
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        output,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    workbook.set_properties(
        {"title": f"{report.heading.title} {report.heading.subtitle}", "author": report.organization_name}
    )
    formats = _formats(workbook)
    tables = {t.key: t for t in common.tables(report)}

    summary = _Sheet(workbook, formats, "Báo cáo")
    ws = summary.ws
    summary.column(0, 0, 70)
    summary.column(1, 4, 18)
    h = report.heading
    lines = [
        (h.parent_body, h.nation),
        (h.issuing_body, h.motto),
        (h.number, h.place_date),
    ]
    for row, (left, right) in enumerate(lines):
        summary.cell(row, 0, left, formats["center_bold"] if row < 2 else formats["center"])
        ws.merge_range(row, 1, row, 4, "", formats["center_bold"] if row < 2 else formats["center"])
        summary.cell(row, 1, right, formats["center_bold"] if row < 2 else formats["center"])
    ws.merge_range(4, 0, 4, 4, "", formats["title"])
    summary.cell(4, 0, h.title, formats["title"])
    ws.merge_range(5, 0, 5, 4, "", formats["center_bold"])
    summary.cell(5, 0, h.subtitle, formats["center_bold"])
    ws.set_row(5, 48)
    summary.cell(7, 0, common.SECTION_TITLES["overall"], formats["section"])
    row = 8
    for col, header in enumerate(tables["overall"].headers):
        summary.cell(row, col, header, formats["header"])
    for values in tables["overall"].rows:
        row += 1
        for col, value in enumerate(values):
            summary.cell(row, col, value)
    row += 2
    summary.cell(row, 0, tables["targets"].title, formats["section"])
    for col, header in enumerate(tables["targets"].headers):
        summary.cell(row + 1, col, header, formats["header"])
    row += 1
    for values in tables["targets"].rows:
        row += 1
        for col, value in enumerate(values):
            summary.cell(row, col, value)
        summary.fit_row_height(row, values, [summary.widths[col] for col in range(len(values))])
    row += 2
    summary.cell(row, 0, common.SECTION_TITLES["funding"], formats["section"])
    summary.cell(row + 1, 0, tables["funding"].rows[0][0])
    summary.cell(row + 1, 1, tables["funding"].rows[0][1])
    if summary.blanks:
        summary.cell(row + 3, 0, NO_DATA_LEGEND, formats["muted"])
    summary._seen(0, 4)  # the heading's merged cells reach column E
    summary.page_setup()

    for key in ("organizations", "comments", "policies", "in_progress", "channels", "tasks"):
        table = tables[key]
        if key == "comments" and not report.comments:  # a sign-off made before comments existed
            continue
        sheet = _Sheet(workbook, formats, table.sheet)
        sheet.ws.merge_range(0, 0, 0, len(table.headers) - 1, "", formats["section_wrap"])
        sheet.cell(0, 0, table.title, formats["section_wrap"])
        sheet.ws.set_row(0, 36)  # two lines: a merged cell does not grow with its text
        sheet.table(2, table)
        sheet.page_setup()

    texts = _Sheet(workbook, formats, "Khó khăn, kiến nghị")
    texts.column(0, 0, 100)
    row = 0
    texts.cell(row, 0, common.SECTION_TITLES["texts"], formats["section"])
    for heading, body in (("1. Khó khăn, vướng mắc", report.difficulties), ("2. Kiến nghị, đề xuất", report.recommendations)):
        row += 2
        texts.cell(row, 0, heading, formats["section"])
        for paragraph in common.paragraphs(body) or ["Không có."]:
            row += 1
            texts.cell(row, 0, paragraph, formats["plain"])
    row += 2
    texts.cell(row, 0, "Nơi nhận:", formats["section"])
    for recipient in report.recipients:
        row += 1
        texts.cell(row, 0, f"- {recipient}", formats["plain"])
    row += 2
    texts.cell(row, 0, report.signer_title, formats["center_bold"])
    texts.cell(row + 1, 0, report.signer_name or "(Ký, ghi rõ họ tên, đóng dấu)", formats["center"])
    texts.page_setup()

    workbook.close()
    return output.getvalue()
