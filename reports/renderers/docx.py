"""The annual report as a Word document with real styles (Heading 1/2, Table Grid) so offices can edit it."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from ..types import AnnualReport
from . import common

FONT = "Times New Roman"


def _drop_theme_fonts(styles_element):
    """python-docx's template names theme fonts (w:asciiTheme="majorHAnsi"… = Calibri Light) in the defaults and
    the heading styles; a theme attribute wins over w:ascii, so the headings ignored Times New Roman. Remove every
    theme attribute and give the document defaults the explicit face."""
    for rfonts in styles_element.iter(qn("w:rFonts")):
        for name in list(rfonts.attrib):
            if name.lower().endswith("theme"):
                del rfonts.attrib[name]
    defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    if defaults is not None:
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            defaults.set(qn(attr), FONT)


BLACK = RGBColor(0, 0, 0)


def _set_font(style, size=None, bold=None, colour=BLACK):
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


TABLE_TEXT = "Table Text"
TABLE_TEXT_PT = 12  # Decree 30: the body 13-14 pt; a table's text may be smaller (docs/reports.md)
STT_MIN_CM = 1.3  # "STT" in bold 12 pt plus the cell margins, so it never wraps letter by letter
PORTRAIT_WIDTH_CM = 16.5  # A4 portrait between the Decree 30 margins (3 cm left, 1.5 cm right)
LANDSCAPE_WIDTH_CM = 25.7  # A4 landscape for the annexes, 2 cm left and right


def _styles(document):
    _drop_theme_fonts(document.styles.element)
    _set_font(document.styles["Normal"], 13)
    _set_font(document.styles["Heading 1"], 13, bold=True)
    _set_font(document.styles["Heading 2"], 13, bold=True)
    document.styles["Heading 2"].font.italic = True
    _set_font(document.styles["Title"], 14, bold=True)
    # The template's Title has a bottom rule and wide spacing: a Decree 30 title ("BÁO CÁO") has neither.
    title_ppr = document.styles["Title"].element.pPr
    if title_ppr is not None:
        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)
    document.styles["Title"].paragraph_format.space_before = Pt(12)
    document.styles["Title"].paragraph_format.space_after = Pt(0)
    for name in ("Heading 1", "Heading 2"):
        document.styles[name].paragraph_format.space_before = Pt(8)
        document.styles[name].paragraph_format.space_after = Pt(4)
    # One paragraph style for every table cell: one attribute per cell instead of a font size on every run.
    cell_text = document.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cell_text.base_style = document.styles["Normal"]
    _set_font(cell_text, TABLE_TEXT_PT)
    cell_text.paragraph_format.space_after = Pt(0)


def _line(cell_or_doc, text, *, bold=False, italic=False, underline=False, align=WD_ALIGN_PARAGRAPH.CENTER, first=False):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    return paragraph


def _borderless(table, *widths_cm):
    table.style = None
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _row_flags(row, *, header=False):
    """A row never breaks across pages (w:cantSplit); the header row repeats on every page (w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _column_widths(table: common.Table, usable_cm: float) -> list[float]:
    """The table's proportions over the usable width, with "STT" columns at least ``STT_MIN_CM`` wide."""
    narrow = {i for i, header in enumerate(table.headers) if header == "STT"}
    total = sum(table.widths)
    widths = [usable_cm * width / total for width in table.widths]
    if any(widths[i] < STT_MIN_CM for i in narrow):
        rest = usable_cm - STT_MIN_CM * len(narrow)
        others = sum(w for i, w in enumerate(table.widths) if i not in narrow)
        widths = [STT_MIN_CM if i in narrow else rest * w / others for i, w in enumerate(table.widths)]
    return widths


def _grid(document, table: common.Table, *, usable_cm: float = PORTRAIT_WIDTH_CM):
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = document.styles["Table Grid"]
    grid.autofit = False
    widths = [Cm(width) for width in _column_widths(table, usable_cm)]
    for column, width in zip(grid.columns, widths):
        column.width = width
    # ``paragraph.style = …`` looks up the default style on every call (70 % of the time on 700 rows); the style
    # id written straight into <w:pStyle> is the same XML.
    style_id = document.styles[TABLE_TEXT].style_id

    def fill(cell, width, text, *, bold=False, align=None):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run(text)
        if bold:
            run.bold = True

    for cell, width, header in zip(grid.rows[0].cells, widths, table.headers):
        fill(cell, width, header, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _row_flags(grid.rows[0], header=True)
    if not table.rows:
        added = grid.add_row()
        _row_flags(added)
        row = added.cells
        merged = row[0].merge(row[-1])
        fill(merged, Emu(sum(widths)), "Không có số liệu.", align=WD_ALIGN_PARAGRAPH.CENTER)
    for values in table.rows:
        added = grid.add_row()
        _row_flags(added)
        for cell, width, value in zip(added.cells, widths, values):
            figure = isinstance(value, (int, common.Percent, common.Money)) and not isinstance(value, bool)
            fill(cell, width, common.text(value), align=WD_ALIGN_PARAGRAPH.RIGHT if figure else None)
    return grid


def _annex(document, title, report, table):
    """An annex on its own landscape pages, after the signature, as offices attach them to a report."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(2), Cm(2)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.5)
    _line(document, title, bold=True)
    reference = report.heading.number.removeprefix("Số: ")
    _line(document, f"(Kèm theo Báo cáo {reference} của {report.organization_name})", italic=True)
    _grid(document, table, usable_cm=LANDSCAPE_WIDTH_CM)


def _a4_portrait(document, h, author):
    """A4 portrait with Decree 30's margins, our styles, and the heading block: the bodies' names and number on the
    left, the nation line, motto and place-date on the right, then the title. Decree 30, Appendix I: the bodies'
    names and the nation line in 12-13 pt, the motto and place-date in 13-14 pt."""
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    _styles(document)
    document.core_properties.title = f"{h.title} {h.subtitle}"
    document.core_properties.author = author
    heading = document.add_table(rows=1, cols=2)
    _borderless(heading, 7.0, 9.5)
    left, right = heading.rows[0].cells
    for paragraph in (
        _line(left, h.parent_body, first=True),
        _line(left, h.issuing_body, bold=True, underline=True),
        _line(left, h.number),
        _line(right, h.nation, bold=True, first=True),
    ):
        paragraph.runs[0].font.size = Pt(12)
    _line(right, h.motto, bold=True, underline=True)
    _line(right, h.place_date, italic=True)
    title = document.add_paragraph(h.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(document, h.subtitle, bold=True)


def _signature_block(document, report):
    """"Nơi nhận" with the recipients on the left, the signer's title and name on the right (``report`` has
    ``recipients``, ``signer_title`` and ``signer_name``)."""
    closing = document.add_table(rows=1, cols=2)
    _borderless(closing, 8.25, 8.25)
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


def render_docx(report: AnnualReport, progress: Callable[[int], None] | None = None) -> bytes:
    report_progress = progress or (lambda percent: None)
    document = Document()
    _a4_portrait(document, report.heading, report.organization_name)

    tables = {t.key: t for t in common.document_tables(report)}
    document.add_heading(tables["overall"].title, level=1)
    _grid(document, tables["overall"])
    document.add_heading(tables["targets"].title, level=2)
    _grid(document, tables["targets"])
    document.add_heading(tables["organizations"].title, level=1)
    _grid(document, tables["organizations"])
    if report.comments:
        document.add_heading(tables["comments"].title, level=2)
        _grid(document, tables["comments"])
    document.add_heading(tables["policies"].title, level=1)
    document.add_heading(tables["policy_summary"].title, level=2)
    _grid(document, tables["policy_summary"])
    document.add_paragraph(common.ANNEX_POLICIES_NOTE)
    document.add_heading(tables["in_progress_summary"].title, level=2)
    _grid(document, tables["in_progress_summary"])
    document.add_paragraph(common.IN_PROGRESS_NOTE)
    for key in ("channels", "tasks", "funding"):
        document.add_heading(tables[key].title, level=1)
        _grid(document, tables[key])

    document.add_heading(common.SECTION_TITLES["texts"], level=1)
    for subtitle, body in (("1. Khó khăn, vướng mắc", report.difficulties), ("2. Kiến nghị, đề xuất", report.recommendations)):
        document.add_heading(subtitle, level=2)
        for paragraph in common.paragraphs(body) or ["Không có."]:
            document.add_paragraph(paragraph)

    _signature_block(document, report)

    report_progress(30)
    _annex(document, common.ANNEX_POLICIES_TITLE, report, common.policies_by_draft_table(report))
    _annex(document, tables["at_risk"].title, report, tables["at_risk"])
    report_progress(75)

    output = io.BytesIO()
    document.save(output)
    report_progress(100)
    return output.getvalue()


# --- the summary-and-response report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý) -------------------------


def _body(document, text):
    paragraph = document.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    return paragraph


def _splittable(grid):
    """A comment may run to 5,000 characters, more than a page: its row may break across pages (the header row
    still repeats)."""
    for row in grid.rows[1:]:
        tr_pr = row._tr.trPr
        if tr_pr is not None:
            for flag in tr_pr.findall(qn("w:cantSplit")):
                tr_pr.remove(flag)
    return grid


def render_consultation_docx(doc, progress: Callable[[int], None] | None = None) -> bytes:
    """``doc``: a ``reports.consultation.ConsultationDocument``. The same heading, styles, tables and signature
    block as the annual report; the annex on landscape pages."""
    report_progress = progress or (lambda percent: None)
    document = Document()
    _a4_portrait(document, doc.heading, doc.organization_name)

    tables = doc.tables()
    document.add_heading("I. KHÁI QUÁT CHUNG", level=1)
    _body(document, doc.opening)
    document.add_heading("II. KẾT QUẢ TỔNG HỢP Ý KIẾN GÓP Ý", level=1)
    document.add_heading(tables["c_sources"].title, level=2)
    _grid(document, tables["c_sources"])
    document.add_heading(tables["c_decisions"].title, level=2)
    _grid(document, tables["c_decisions"])
    _body(document, doc.hidden_note)
    document.add_heading(tables["c_responses"].title, level=1)
    _splittable(_grid(document, tables["c_responses"]))
    report_progress(40)
    _body(document, "Danh sách đầy đủ các ý kiến góp ý và nội dung tiếp thu, giải trình: Phụ lục kèm theo Báo cáo.")

    _signature_block(document, doc)

    _annex(document, tables["c_annex"].title, doc, tables["c_annex"])
    _splittable(document.tables[-1])
    report_progress(75)
    output = io.BytesIO()
    document.save(output)
    report_progress(100)
    return output.getvalue()
