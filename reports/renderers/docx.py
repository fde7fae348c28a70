"""The annual report as a Word document with real styles (Heading 1/2, Table Grid) so offices can edit it."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..types import AnnualReport
from . import common

FONT = "Times New Roman"


def _set_font(style, size=None, bold=None, colour=RGBColor(0, 0, 0)):
    style.font.name = FONT
    # East-Asian and complex-script slots too, or Word falls back to another face for some characters.
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    style.font.color.rgb = colour


def _styles(document):
    _set_font(document.styles["Normal"], 13)
    _set_font(document.styles["Heading 1"], 13, bold=True)
    _set_font(document.styles["Heading 2"], 13, bold=True)
    document.styles["Heading 2"].font.italic = True
    _set_font(document.styles["Title"], 14, bold=True)
    for name in ("Heading 1", "Heading 2"):
        document.styles[name].paragraph_format.space_before = Pt(8)
        document.styles[name].paragraph_format.space_after = Pt(4)


def _line(cell_or_doc, text, *, bold=False, italic=False, underline=False, align=WD_ALIGN_PARAGRAPH.CENTER, first=False):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    return paragraph


def _borderless(table):
    table.style = None
    table.alignment = WD_TABLE_ALIGNMENT.CENTER


def _grid(document, table: common.Table):
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = document.styles["Table Grid"]
    for cell, header in zip(grid.rows[0].cells, table.headers):
        cell.text = ""
        run = cell.paragraphs[0].add_run(header)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not table.rows:
        row = grid.add_row().cells
        merged = row[0].merge(row[-1])
        merged.text = "Không có số liệu."
    for values in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = common.text(value)
            if isinstance(value, (int, common.Percent, common.Money)) and not isinstance(value, bool):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    total = sum(table.widths)
    usable = 16.0  # cm between the Decree 30 margins on A4
    for index, width in enumerate(table.widths):
        for cell in grid.columns[index].cells:
            cell.width = Cm(usable * width / total)
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    return grid


def render_docx(report: AnnualReport) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    _styles(document)
    document.core_properties.title = f"{report.heading.title} {report.heading.subtitle}"
    document.core_properties.author = report.organization_name

    h = report.heading
    heading = document.add_table(rows=1, cols=2)
    _borderless(heading)
    left, right = heading.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    _line(left, h.parent_body, first=True)
    _line(left, h.issuing_body, bold=True, underline=True)
    _line(left, h.number)
    _line(right, h.nation, bold=True, first=True)
    _line(right, h.motto, bold=True, underline=True)
    _line(right, h.place_date, italic=True)

    title = document.add_paragraph(h.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(document, h.subtitle, bold=True)

    tables = {t.key: t for t in common.tables(report)}
    document.add_heading(tables["overall"].title, level=1)
    _grid(document, tables["overall"])
    document.add_heading(tables["targets"].title, level=2)
    _grid(document, tables["targets"])
    for key in ("organizations", "policies"):
        document.add_heading(tables[key].title, level=1)
        _grid(document, tables[key])
    document.add_heading(tables["in_progress"].title, level=2)
    _grid(document, tables["in_progress"])
    for key in ("channels", "tasks", "funding"):
        document.add_heading(tables[key].title, level=1)
        _grid(document, tables[key])

    document.add_heading(common.SECTION_TITLES["texts"], level=1)
    for subtitle, body in (("1. Khó khăn, vướng mắc", report.difficulties), ("2. Kiến nghị, đề xuất", report.recommendations)):
        document.add_heading(subtitle, level=2)
        for paragraph in common.paragraphs(body) or ["Không có."]:
            document.add_paragraph(paragraph)

    closing = document.add_table(rows=1, cols=2)
    _borderless(closing)
    recipients, signature = closing.rows[0].cells
    _line(recipients, "Nơi nhận:", bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    for line in report.recipients:
        paragraph = _line(recipients, f"- {line}", align=WD_ALIGN_PARAGRAPH.LEFT)
        paragraph.runs[0].font.size = Pt(11)
    _line(signature, report.signer_title, bold=True, first=True)
    _line(signature, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True)
    for _ in range(3):
        _line(signature, "")
    _line(signature, report.signer_name, bold=True)

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
