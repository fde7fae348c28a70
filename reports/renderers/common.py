"""The report's sections as titled tables, shared by the XLSX, PDF and DOCX renderers so they show the same
cells in the same order. Cells are raw values; each renderer formats them for its medium."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from .. import formatting
from ..types import AnnualReport


@dataclass(frozen=True)
class Percent:
    value: Decimal | None


@dataclass(frozen=True)
class Missing:
    """A figure that does not exist (no target, no gap): the documents write "—"; a spreadsheet leaves the cell
    empty, so its column keeps one type (numbers) and sums and formulas over it work."""

    label: str = "—"


@dataclass(frozen=True)
class Money:
    value: int


@dataclass(frozen=True)
class Table:
    key: str  # stable identifier (XLSX sheet names are derived from titles; tests look sections up by key)
    title: str
    sheet: str  # at most 31 characters, no []:*?/\
    headers: list[str]
    rows: list[list]
    widths: list[int]  # XLSX column widths (characters); DOCX/PDF use them as proportions


def text(cell) -> str:
    """A cell as the document writes it: 1.234.567, 66,7%, Đạt…"""
    if cell is None:
        return ""
    if isinstance(cell, Percent):
        return formatting.percent(cell.value)
    if isinstance(cell, Missing):
        return cell.label
    if isinstance(cell, Money):
        return formatting.vnd(cell.value)
    if isinstance(cell, bool):
        return "Có" if cell else "Không"
    if isinstance(cell, int):
        return formatting.number(cell)
    return str(cell)


SECTION_TITLES = {
    "overall": "I. KẾT QUẢ CHUNG",
    "organizations": "II. KẾT QUẢ THEO ĐƠN VỊ",
    "policies": "III. CÁC CHÍNH SÁCH CÓ TÁC ĐỘNG LỚN ĐẾN XÃ HỘI",
    "channels": "IV. HOẠT ĐỘNG TRUYỀN THÔNG THEO KÊNH",
    "tasks": "V. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO VĂN BẢN CHỈ ĐẠO",
    "funding": "VI. KINH PHÍ",
    "texts": "VII. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ",
}


def overall_table(report: AnnualReport) -> Table:
    rows = [
        ["Số chính sách có tác động lớn thuộc phạm vi Đề án (thông qua/ban hành trong năm)", report.denominator],
        ["Số chính sách đã được truyền thông", report.numerator],
        ["Tỷ lệ chính sách đã được truyền thông", Percent(report.percent)],
        ["Số chính sách đang trong quá trình xây dựng (không tính vào tỷ lệ)", report.in_progress],
        ["Trong đó: đã bỏ lỡ giai đoạn lấy ý kiến đề nghị", report.missed],
        ["Trong đó: có nguy cơ chậm", report.at_risk],
    ]
    return Table("overall", SECTION_TITLES["overall"], "Kết quả chung", ["Chỉ tiêu", "Kết quả"], rows, [70, 18])


def targets_table(report: AnnualReport) -> Table:
    rows = [
        [t.directive_code, t.directive_title, Percent(t.target_percent), Percent(report.percent), formatting.met(t.met)]
        for t in report.targets
    ]
    return Table(
        "targets",
        "Kết quả so với chỉ tiêu",
        "Chỉ tiêu",
        ["Văn bản", "Nội dung", "Chỉ tiêu", "Kết quả", "Đánh giá"],
        rows,
        [16, 50, 12, 12, 16],
    )


def organizations_table(report: AnnualReport) -> Table:
    rows = [
        [
            index,
            o.name,
            o.denominator,
            o.numerator,
            Percent(o.percent),
            Percent(o.target_percent) if o.target_percent is not None else Missing(),
            formatting.met(o.met),
            o.gap if o.gap is not None else Missing(),
        ]
        for index, o in enumerate(report.organizations, start=1)
    ]
    return Table(
        "organizations",
        SECTION_TITLES["organizations"],
        "Theo đơn vị",
        ["STT", "Đơn vị", "Số chính sách", "Đã truyền thông", "Tỷ lệ", "Chỉ tiêu", "Đánh giá", "Còn thiếu"],
        rows,
        [6, 40, 14, 16, 12, 12, 16, 12],
    )


COMMENTS_TITLE = "Tiếp nhận và trả lời ý kiến góp ý đối với dự thảo (thống kê riêng, không tính vào tỷ lệ)"


def comments_table(report: AnnualReport) -> Table:
    """Public comments received in the year, per organization: beside coverage, never in it. The first row is the
    whole subtree of the reporting organization."""
    rows = [
        ["", "Tổng cộng", c.received, c.published, c.answered, c.unanswered, c.overdue]
        if index == 0 else [index, c.name, c.received, c.published, c.answered, c.unanswered, c.overdue]
        for index, c in enumerate(report.comments)
    ]
    return Table(
        "comments",
        COMMENTS_TITLE,
        "Góp ý dự thảo",
        ["STT", "Đơn vị", "Số ý kiến nhận được", "Đã công khai", "Đã trả lời", "Chưa trả lời", "Quá hạn trả lời"],
        rows,
        [6, 40, 14, 14, 14, 14, 14],
    )


def _policy_rows(lines):
    return [
        [index, p.title, p.draft_title, p.organization_code, formatting.status(p.status), p.reason]
        for index, p in enumerate(lines, start=1)
    ]


POLICY_HEADERS = ["STT", "Chính sách", "Dự thảo", "Đơn vị", "Tình trạng", "Lý do"]
POLICY_WIDTHS = [6, 45, 45, 16, 20, 70]
IN_PROGRESS_SHEET = "Đang xây dựng"
# The statuses of a policy counted in the year and of one in progress, in the order the document lists them.
YEAR_STATUSES = ("communicated", "not_communicated")
IN_PROGRESS_STATUSES = ("missed", "at_risk", "waiting", "on_track", "not_started")

# The printed document lists the year's policies in annex I and the at-risk ones in progress in annex II; the
# complete list of policies in progress is in the XLSX only (docs/performance.md, "Annual report export").
ANNEX_POLICIES_TITLE = "PHỤ LỤC I. DANH SÁCH CÁC CHÍNH SÁCH CÓ TÁC ĐỘNG LỚN ĐẾN XÃ HỘI THÔNG QUA/BAN HÀNH TRONG NĂM"
ANNEX_POLICIES_NOTE = "Danh sách chi tiết các chính sách, tình trạng và lý do: Phụ lục I kèm theo Báo cáo."
IN_PROGRESS_NOTE = (
    "Các chính sách đã bỏ lỡ giai đoạn lấy ý kiến đề nghị hoặc có nguy cơ chậm: Phụ lục II kèm theo Báo cáo. Danh sách đầy đủ các chính sách đang xây dựng "
    f"có trong bản Excel của Báo cáo (trang tính “{IN_PROGRESS_SHEET}”)."
)


def policies_table(report: AnnualReport) -> Table:
    return Table(
        "policies", SECTION_TITLES["policies"], "Chính sách", POLICY_HEADERS, _policy_rows(report.policies), POLICY_WIDTHS
    )


ANNEX_DRAFT_HEADERS = ["STT", "Dự thảo", "Đơn vị", "Chính sách, tình trạng", "Lý do"]


def policies_by_draft_table(report: AnnualReport) -> Table:
    """Annex I as the printed document carries it: one row per draft, its policies numbered in one cell with their
    status, the reason once when all of them share it (they usually do: one window per draft). Same policies, same
    statuses and reasons as ``policies_table`` (the XLSX keeps one row per policy); about a quarter of the rows and
    of the text to lay out, which is most of the national PDF's cost (docs/performance.md, "National exports")."""
    drafts: dict = {}
    for line in report.policies:
        drafts.setdefault(line.draft_id, []).append(line)
    rows = []
    for index, lines in enumerate(drafts.values(), start=1):
        numbered = len(lines) > 1
        policies = "\n".join(
            f"{f'{n}. ' if numbered else ''}{p.title} — {formatting.status(p.status)}" for n, p in enumerate(lines, 1)
        )
        reasons = {p.reason for p in lines}
        if len(reasons) == 1:
            reason = lines[0].reason
        else:
            reason = "\n".join(f"{n}. {p.reason}" for n, p in enumerate(lines, 1))
        rows.append([index, lines[0].draft_title, lines[0].organization_code, policies, reason])
    return Table("policies_by_draft", SECTION_TITLES["policies"], "Chính sách theo dự thảo", ANNEX_DRAFT_HEADERS, rows,
                 [6, 40, 16, 70, 70])


def in_progress_table(report: AnnualReport) -> Table:
    return Table(
        "in_progress",
        "Chính sách của các dự thảo chưa thông qua (theo dõi, không tính vào tỷ lệ)",
        IN_PROGRESS_SHEET,
        POLICY_HEADERS,
        _policy_rows(report.in_progress_policies),
        POLICY_WIDTHS,
    )


def _status_counts(lines, statuses, total_label) -> list[list]:
    counts = Counter(p.status for p in lines)
    rows = [[formatting.status(code), counts.pop(code, 0)] for code in statuses]
    rows += [[formatting.status(code), count] for code, count in sorted(counts.items())]  # a status added later
    rows.append([total_label, len(lines)])
    return rows


def policy_summary_table(report: AnnualReport) -> Table:
    return Table(
        "policy_summary",
        "Tình trạng truyền thông các chính sách thông qua/ban hành trong năm",
        "Tình trạng chính sách",
        ["Tình trạng", "Số chính sách"],
        _status_counts(report.policies, YEAR_STATUSES, "Tổng cộng"),
        [60, 22],
    )


def in_progress_summary_table(report: AnnualReport) -> Table:
    return Table(
        "in_progress_summary",
        "Chính sách của các dự thảo chưa thông qua (theo dõi, không tính vào tỷ lệ)",
        "Đang xây dựng (tổng hợp)",
        ["Tình trạng", "Số chính sách"],
        _status_counts(report.in_progress_policies, IN_PROGRESS_STATUSES, "Tổng cộng"),
        [60, 22],
    )


def at_risk_table(report: AnnualReport) -> Table:
    return Table(
        "at_risk",
        "PHỤ LỤC II. CÁC CHÍNH SÁCH ĐANG XÂY DỰNG ĐÃ BỎ LỠ HOẶC CÓ NGUY CƠ CHẬM",
        "Bỏ lỡ, nguy cơ chậm",
        POLICY_HEADERS,
        # Missed before at risk (rule 1.1).
        _policy_rows([p for code in ("missed", "at_risk") for p in report.in_progress_policies if p.status == code]),
        POLICY_WIDTHS,
    )


def channels_table(report: AnnualReport) -> Table:
    rows = [[c.label, c.total, c.done] for c in report.channels]
    rows.append(["Tổng cộng", report.activities_total, report.activities_done])
    return Table(
        "channels",
        SECTION_TITLES["channels"],
        "Theo kênh",
        ["Kênh truyền thông", "Số hoạt động", "Đã thực hiện"],
        rows,
        [50, 16, 16],
    )


def tasks_table(report: AnnualReport) -> Table:
    rows = [
        [index, t.directive, t.requirement, formatting.done(t.done), t.note]
        for index, t in enumerate(report.tasks, start=1)
    ]
    return Table(
        "tasks",
        SECTION_TITLES["tasks"],
        "Nhiệm vụ",
        ["STT", "Văn bản", "Nhiệm vụ", "Kết quả", "Ghi chú"],
        rows,
        [6, 20, 60, 18, 40],
    )


def funding_table(report: AnnualReport) -> Table:
    return Table(
        "funding",
        SECTION_TITLES["funding"],
        "Kinh phí",
        ["Nội dung", "Số tiền (đồng)"],
        [["Tổng kinh phí các kế hoạch truyền thông trong năm", Money(report.funding_vnd)]],
        [60, 22],
    )


def tables(report: AnnualReport) -> list[Table]:
    """Every section, including the full list of policies in progress (the XLSX carries it)."""
    return [*document_tables(report), in_progress_table(report)]


def document_tables(report: AnnualReport) -> list[Table]:
    """The sections of the printed document (PDF, DOCX, web page). Policies in progress are summarised by status,
    with only the at-risk ones listed: the complete list is a monitoring list, not part of the year's figures, and
    laying out ~1,000 rows of it per province made the PDF take minutes (docs/performance.md)."""
    return [
        overall_table(report),
        targets_table(report),
        organizations_table(report),
        comments_table(report),
        policy_summary_table(report),
        policies_table(report),
        in_progress_summary_table(report),
        at_risk_table(report),
        channels_table(report),
        tasks_table(report),
        funding_table(report),
    ]


def document_context(report: AnnualReport) -> dict:
    """What ``reports/includes/document.html`` needs, for the PDF and the web page alike."""
    from .. import charts

    return {
        "report": report,
        "tables": {t.key: t for t in [*document_tables(report), policies_by_draft_table(report)]},
        "annex_policies_title": ANNEX_POLICIES_TITLE,
        "annex_policies_note": ANNEX_POLICIES_NOTE,
        "in_progress_note": IN_PROGRESS_NOTE,
        "chart": charts.coverage_bars(report),
        "difficulties": paragraphs(report.difficulties),
        "recommendations": paragraphs(report.recommendations),
    }


def paragraphs(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]
