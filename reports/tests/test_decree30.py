"""Decree 30/2020/NĐ-CP presentation of the annual report (issue 15, point 8): the font, the DOCX styles and tables,
the number line, the addressee and the closing block. Files are read back with independent readers (fc-match,
pdffonts, pypdf, the DOCX's own XML)."""

import io
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from reports.builder import build_annual_report
from reports.renderers import render

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _save(name, content):
    """With REPORT_ARTIFACTS=/some/dir the rendered files are kept there, to open them in LibreOffice."""
    target = os.environ.get("REPORT_ARTIFACTS")
    if target:
        os.makedirs(target, exist_ok=True)
        with open(os.path.join(target, name), "wb") as handle:
            handle.write(content)


def test_liberation_serif_is_installed():
    """The PDF's face (fonts-liberation2, installed by .ci/run and the README's set-up): fontconfig resolves the
    family to the Liberation Serif files themselves, not to a substitute, in a version that has the Vietnamese
    letters (Liberation 1 lacks U+1EA0-1EF9, "ạ" to "ỹ", and Pango would set them in another face)."""
    assert shutil.which("fc-match"), "fontconfig's fc-match is missing"
    for style in ("Regular", "Bold", "Italic", "Bold Italic"):
        found = subprocess.run(
            ["fc-match", "-f", "%{family}|%{style}|%{file}", f"Liberation Serif:style={style}"],
            capture_output=True, text=True, check=True,
        ).stdout
        family, matched_style, path = found.split("|", 2)
        assert "Liberation Serif" in family and "LiberationSerif" in path, f"install fonts-liberation2: {found}"
        assert matched_style.startswith(style.split()[0]), found
        vietnamese = subprocess.run(["fc-list", "-q", f"Liberation Serif:style={style}:charset=1ea0-1ef9"])
        assert vietnamese.returncode == 0, f"install fonts-liberation2: no {style} face with Vietnamese letters"


def _pdf_fonts(content: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(content))
    return {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def _text_sizes(content: bytes) -> dict[str, float]:
    """{text fragment: font size in pt} of every text run pypdf sees (size × the text matrix's scale)."""
    sizes = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes[text.strip()] = round(size * scale, 1)

    for page in PdfReader(io.BytesIO(content)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_pdf_is_set_in_liberation_serif_13pt(tree, report_data):
    report = build_annual_report(organization=tree["department"], year=2024)
    content = render(report, "pdf")
    _save("department-2024.pdf", content)
    fonts = _pdf_fonts(content)
    # The text's faces; the chart's SVG keeps its own sans face (a figure, not the document's text).
    text_fonts = {name.replace("-", "") for name in fonts if not name.startswith("DejaVu")}
    assert {"LiberationSerif", "LiberationSerifBold", "LiberationSerifItalic"} <= text_fonts, fonts
    assert all(name.startswith("LiberationSerif") for name in text_fonts), fonts
    if shutil.which("pdffonts"):  # poppler's view: embedded, subset
        listing = subprocess.run(["pdffonts", "-"], input=content, capture_output=True, check=True).stdout.decode()
        rows = [line.split() for line in listing.splitlines()[2:]]
        serif = [row for row in rows if "LiberationSerif" in row[0].replace("-", "")]
        assert serif and all("yes" in row[-5:-3] for row in serif), listing
    sizes = _text_sizes(content)
    body = next(size for text, size in sizes.items() if text.startswith("Tổng kinh phí các kế hoạch"))
    assert 13 <= body <= 14, sizes
    title = sizes["BÁO CÁO"]
    assert 13 <= title <= 14
    cell = sizes["Tình trạng Số chính sách"]  # a table header
    assert 12 <= cell <= 13


def _xml(content: bytes, part: str):
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return etree.fromstring(archive.read(part))


def test_docx_fonts_have_no_theme_override(tree, report_data):
    """A theme attribute (w:asciiTheme…) in rFonts wins over w:ascii: Word showed the headings in Calibri Light."""
    report = build_annual_report(organization=tree["department"], year=2024)
    content = render(report, "docx")
    _save("department-2024.docx", content)
    for part in ("word/styles.xml", "word/document.xml"):
        root = _xml(content, part)
        for rfonts in root.iter(f"{W}rFonts"):
            themed = [name for name in rfonts.attrib if name.lower().endswith("theme")]
            assert not themed, f"{part}: {rfonts.attrib}"
    styles = _xml(content, "word/styles.xml")
    for style in styles.iter(f"{W}style"):
        name = style.find(f"{W}name").get(f"{W}val")
        if name in ("Normal", "Title", "heading 1", "heading 2", "Table Text"):
            rfonts = style.find(f"{W}rPr/{W}rFonts")
            assert rfonts is not None and rfonts.get(f"{W}ascii") == "Times New Roman", name
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults is not None and defaults.get(f"{W}ascii") == "Times New Roman"


def test_docx_tables_keep_rows_whole_repeat_headers_and_fix_widths(tree, report_data):
    report = build_annual_report(organization=tree["city"], year=2024)
    document = Document(io.BytesIO(render(report, "docx")))
    grids = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    assert grids
    for grid in grids:
        rows = grid._tbl.tr_lst
        for row in rows:
            assert row.trPr is not None and row.trPr.find(qn("w:cantSplit")) is not None
        header = rows[0].trPr.find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val"), "true") in ("true", "1", "on")
        assert grid._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        columns = [int(col.get(qn("w:w"))) for col in grid._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert len(columns) == len(grid.columns) and all(columns)
        first = grid.rows[0].cells[0].text
        if first == "STT":
            # "STT" in bold 12 pt needs about 0.8 cm plus the cell margins (twips: 567 per cm).
            assert columns[0] >= 1.25 * 567, columns


def test_number_line_and_addressee(tree):
    department = build_annual_report(organization=tree["department"], year=2024)
    assert department.heading.number == "Số: ……/BC-SGDĐT"
    assert department.heading.parent_body == "UBND THÀNH PHỐ HẢI PHÒNG"
    assert department.heading.issuing_body == "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert department.recipients[:2] == [
        "UBND thành phố Hải Phòng (để báo cáo);",
        "Thanh tra thành phố Hải Phòng (để theo dõi);",
    ]
    city = build_annual_report(organization=tree["city"], year=2024)
    assert city.heading.number == "Số: ……/BC-UBND"
    assert city.heading.issuing_body == "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    school = build_annual_report(organization=tree["unit"], year=2024)
    assert school.heading.number == "Số: ……/BC-THPT1"  # the code's own part when the initials do not spell it
    assert school.recipients[0] == "Sở Giáo dục và Đào tạo (để báo cáo);"


def _pages(content):
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.parametrize("lines", [0, 29, 31, 33])
def test_pdf_closing_block_never_stands_alone(tree, lines):
    """Whatever the length of the head's text, the page that carries "Nơi nhận" also carries text of the report."""
    department = tree["department"]
    _report_text(department, lines)
    content = render(build_annual_report(organization=department, year=2024), "pdf")
    page = next(p for p in _pages(content) if "Nơi nhận:" in p)
    before = page.split("Nơi nhận:")[0]
    assert "Kiến nghị số" in before or "Không có." in before, f"{lines} lines: the closing stands alone: {page[:200]}"


def _report_text(organization, lines):
    from reports.models import ReportText

    ReportText.objects.create(
        organization=organization,
        year=2024,
        difficulties="",
        recommendations="\n".join(f"Kiến nghị số {n}: tăng cường truyền thông chính sách tại cơ sở." for n in range(lines)),
    )
