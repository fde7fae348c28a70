"""The annual report as an Excel workbook: one sheet per section."""

from __future__ import annotations

import io
from decimal import Decimal

import xlsxwriter

from .. import formatting
from ..types import AnnualReport
from . import common

# Text that a spreadsheet would evaluate when it starts with one of these.
_FORMULA_PREFIXES = ("=", "+", "-", "@")


class _Sheet:
    """Writes cells by type, and strings always as strings (never formulas, URLs or numbers)."""

    def __init__(self, workbook, formats, name):
        self.ws = workbook.add_worksheet(name)
        self.formats = formats

    def cell(self, row, col, value, fmt=None):
        f = self.formats
        if value is None:
            self.ws.write_blank(row, col, None, fmt or f["text"])
        elif isinstance(value, common.Percent):
            if value.value is None:
                self.ws.write_string(row, col, formatting.percent(None), fmt or f["text"])
            else:
                self.ws.write_number(row, col, float(value.value), f["percent"])
        elif isinstance(value, common.Money):
            self.ws.write_number(row, col, value.value, f["money"])
        elif isinstance(value, bool):
            self.ws.write_string(row, col, "Có" if value else "Không", fmt or f["text"])
        elif isinstance(value, (int, float, Decimal)):
            self.ws.write_number(row, col, float(value) if isinstance(value, Decimal) else value, fmt or f["number"])
        else:
            self.ws.write_string(row, col, str(value), fmt or f["text"])

    def table(self, first_row, table: common.Table):
        for col, width in enumerate(table.widths):
            self.ws.set_column(col, col, width)
        for col, header in enumerate(table.headers):
            self.ws.write_string(first_row, col, header, self.formats["header"])
        for r, values in enumerate(table.rows, start=first_row + 1):
            for col, value in enumerate(values):
                self.cell(r, col, value)
        if not table.rows:
            self.ws.write_string(first_row + 1, 0, "Không có số liệu.", self.formats["muted"])
        self.ws.freeze_panes(first_row + 1, 0)
        return first_row + 1 + max(len(table.rows), 1)


def _formats(workbook):
    base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
    add = lambda **extra: workbook.add_format({**base, **extra})  # noqa: E731
    return {
        "text": add(text_wrap=True, border=1),
        "number": add(num_format="#,##0", border=1),
        "money": add(num_format="#,##0", border=1),
        "percent": add(num_format='0.0"%"', border=1),
        "header": add(bold=True, text_wrap=True, border=1, bg_color="#DDEBF7", align="center", valign="vcenter"),
        "title": add(bold=True, font_size=14, align="center"),
        "center": add(align="center"),
        "center_bold": add(align="center", bold=True),
        "section": add(bold=True, font_size=13),
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
    ws.set_column(0, 0, 70)
    ws.set_column(1, 4, 18)
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
    row += 2
    summary.cell(row, 0, common.SECTION_TITLES["funding"], formats["section"])
    summary.cell(row + 1, 0, tables["funding"].rows[0][0])
    summary.cell(row + 1, 1, tables["funding"].rows[0][1])

    for key in ("organizations", "policies", "in_progress", "channels", "tasks"):
        table = tables[key]
        sheet = _Sheet(workbook, formats, table.sheet)
        sheet.ws.merge_range(0, 0, 0, len(table.headers) - 1, "", formats["section"])
        sheet.cell(0, 0, table.title, formats["section"])
        sheet.table(2, table)

    texts = _Sheet(workbook, formats, "Khó khăn, kiến nghị")
    texts.ws.set_column(0, 0, 110)
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

    workbook.close()
    return output.getvalue()
