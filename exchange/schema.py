"""The spreadsheet format: one sheet per kind, its columns, and how a cell becomes a value and back.

Headers and sheet titles are part of the file format, so they are fixed Vietnamese text (not translated): a file
exported in one language must import in the other. Enumerations are written as their codes; the import also
accepts the labels (Vietnamese or English), and every workbook lists the codes with their labels.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from campaigns.models import ActivityStatus, Channel
from consultation.models import TEXT_MAX_LENGTH, Source
from core.typed import NumberError, parse_whole_number
from drafts.models import DocumentType, DraftStatus
from organizations.models import OrganizationKind

TEXT, DATE, BOOL, INT, CHOICE, REFS = "text", "date", "bool", "int", "choice", "refs"
YES, NO = "Có", "Không"
_TRUE = {"có", "co", "x", "yes", "y", "true", "1", "đúng", "dung"}
_FALSE = {"không", "khong", "no", "n", "false", "0", "sai"}
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
# A row whose first cell starts with this is a comment (the templates' example row) and is skipped.
COMMENT_MARK = "#"


class CellError(ValueError):
    """A cell's content cannot be used; the message is shown to the user as is."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: str = TEXT
    required: bool = False
    choices: type[models.TextChoices] | None = None
    max_length: int | None = None
    default: object = None
    example: object = ""
    width: int = 18
    # An empty cell leaves the stored value (or the model's default) alone instead of clearing it.
    keep_if_empty: bool = False

    def parse(self, raw):
        value = _PARSERS[self.type](self, raw)
        if self.required and value in (None, "", []):
            raise CellError(_("This column is required."))
        return value

    def format(self, value, *, for_csv=False):
        if value is None:
            return ""
        if isinstance(value, str):  # already as written in a cell (codes, text, examples)
            return value
        if self.type == BOOL:
            return YES if value else NO
        if self.type == DATE:
            return value.strftime("%d/%m/%Y") if for_csv else value
        if self.type == REFS:
            return ", ".join(value)
        return value


@dataclass(frozen=True)
class SheetSpec:
    kind: str  # drafts | policies | activities | organizations (URL and command value)
    title: str  # the sheet's name in a workbook
    columns: tuple[Column, ...]
    key: str  # the column that identifies a row for re-imports
    field_columns: dict = field(default_factory=dict)  # model field name -> column key, for service errors

    @property
    def headers(self):
        return [c.header for c in self.columns]

    def column(self, key):
        return next(c for c in self.columns if c.key == key)

    def column_for_field(self, field_name):
        key = self.field_columns.get(field_name, field_name)
        return next((c for c in self.columns if c.key == key), None)


def normalize(text) -> str:
    """Header / label comparison: case, accents-as-typed (NFC), spacing and a trailing "*" do not matter."""
    text = unicodedata.normalize("NFC", str(text or "")).strip().rstrip("*").strip()
    return re.sub(r"\s+", " ", text).casefold()


def _parse_text(column, raw):
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, (dt.datetime, dt.date)):
        raw = raw.strftime("%d/%m/%Y")
    value = str(raw).strip()
    if column.max_length and len(value) > column.max_length:
        raise CellError(
            _("Too long: %(n)s characters, at most %(max)s.") % {"n": len(value), "max": column.max_length}
        )
    return value


def parse_date_text(text: str) -> dt.date:
    text = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(_("“%(value)s” is not a date. Write it as dd/mm/yyyy, e.g. 25/03/2024.") % {"value": text})


def _parse_date(column, raw):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise CellError(
            _("The number %(value)s is not a date. Format the cell as a date or write dd/mm/yyyy.") % {"value": raw}
        )
    return parse_date_text(str(raw))


def _parse_bool(column, raw):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return bool(column.default)
    if isinstance(raw, bool):
        return raw
    text = normalize(raw if not isinstance(raw, float) else int(raw) if raw.is_integer() else raw)
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(_("“%(value)s” is neither “Có” (yes) nor “Không” (no).") % {"value": raw})


def _parse_int(column, raw):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return column.default
    if isinstance(raw, bool):
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": raw})
    if isinstance(raw, float):
        if not raw.is_integer():
            raise CellError(_("“%(value)s” is not a whole number.") % {"value": raw})
        raw = int(raw)
    if isinstance(raw, str):
        try:
            raw = parse_whole_number(raw)
        except NumberError as error:
            raise CellError(str(error)) from error
    if not isinstance(raw, int) or raw < 0:
        raise CellError(_("“%(value)s” is not a whole number of zero or more.") % {"value": raw})
    return raw


def choice_lookup(choices) -> dict[str, str]:
    """Every accepted spelling of an enumeration (code, English and Vietnamese label) -> code."""
    lookup = {}
    for language in ("en", "vi"):
        with translation.override(language):
            for code, label in choices.choices:
                lookup.setdefault(normalize(label), code)
    for code in choices.values:
        lookup[normalize(code)] = code
    return lookup


_CHOICE_CACHE: dict = {}


def _parse_choice(column, raw):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return column.default or ""
    lookup = _CHOICE_CACHE.get(column.choices)
    if lookup is None:
        lookup = _CHOICE_CACHE[column.choices] = choice_lookup(column.choices)
    code = lookup.get(normalize(raw))
    if code is None:
        raise CellError(
            _("“%(value)s” is not one of the allowed values; pick one from the list (sheet “%(sheet)s”).")
            % {"value": raw, "sheet": LISTS_TITLE}
        )
    return code


def _parse_refs(column, raw):
    text = _parse_text(column, raw)
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


_PARSERS = {TEXT: _parse_text, DATE: _parse_date, BOOL: _parse_bool, INT: _parse_int, CHOICE: _parse_choice, REFS: _parse_refs}

LISTS_TITLE = "Danh mục"
HELP_TITLE = "Hướng dẫn"

ORG_COLUMN = Column("organization", "Mã cơ quan chủ trì soạn thảo", required=True, max_length=64, example="HP-SGDDT")


def _ref(example):
    return Column("ref", "Mã tham chiếu", required=True, max_length=100, example=example, width=14)


def _draft_ref():
    return Column("draft", "Mã tham chiếu dự thảo", required=True, max_length=100, example="#DT-001", width=14)


ORGANIZATIONS = SheetSpec(
    kind="organizations",
    title="Tổ chức",
    key="code",
    columns=(
        Column("code", "Mã tổ chức", required=True, max_length=64, example="#HP-SGDDT-THPT9", width=16),
        Column("name", "Tên tổ chức", required=True, max_length=255, example="Trường THPT Lê Quý Đôn", width=36),
        Column("kind", "Loại tổ chức", CHOICE, required=True, choices=OrganizationKind, example=OrganizationKind.SCHOOL),
        Column("parent", "Mã tổ chức cấp trên", max_length=64, example="HP-SGDDT"),
        Column("valid_from", "Hiệu lực từ ngày", DATE, example=dt.date(2025, 7, 1), width=14),
        Column("valid_to", "Hiệu lực đến ngày", DATE, width=14),
        Column("successor", "Mã tổ chức kế thừa", max_length=64),
    ),
)

DRAFTS = SheetSpec(
    kind="drafts",
    title="Dự thảo",
    key="ref",
    field_columns={"drafting_organization": "organization"},
    columns=(
        _ref("#DT-001"),
        ORG_COLUMN,
        Column("title", "Tên dự thảo", required=True, max_length=500, example="Dự thảo Nghị quyết quy định mức học phí", width=40),
        Column("document_type", "Loại văn bản", CHOICE, required=True, choices=DocumentType,
               example=DocumentType.PROVINCIAL_COUNCIL_RESOLUTION, width=24),
        Column("status", "Trạng thái", CHOICE, choices=DraftStatus, keep_if_empty=True,
               example=DraftStatus.PROPOSAL_CONSULTATION, width=20),
        Column("proposal_consultation_start", "Ngày bắt đầu lấy ý kiến đề nghị (S)", DATE, required=True,
               example=dt.date(2024, 2, 1)),
        Column("proposal_consultation_end", "Ngày kết thúc lấy ý kiến đề nghị", DATE, example=dt.date(2024, 3, 1)),
        Column("draft_consultation_start", "Ngày bắt đầu lấy ý kiến dự thảo (D)", DATE),
        Column("draft_consultation_end", "Ngày kết thúc lấy ý kiến dự thảo", DATE),
        Column("submitted_on", "Ngày trình", DATE),
        Column("adopted_on", "Ngày thông qua, ban hành (A)", DATE),
        Column("issued_number", "Số, ký hiệu văn bản", max_length=100),
        Column("portal_url", "Trang trên cổng thông tin điện tử", max_length=500),
        Column("published", "Công khai trên trang lấy ý kiến", BOOL, example=NO, width=12),
        Column("comment_url", "Nơi gửi góp ý (đường dẫn)", max_length=500),
        Column("comment_instructions", "Cách gửi góp ý", width=30),
        Column("internal_notes", "Ghi chú nội bộ", width=30),
    ),
)

POLICIES = SheetSpec(
    kind="policies",
    title="Chính sách",
    key="ref",
    columns=(
        _ref("#CS-001"),
        ORG_COLUMN,
        _draft_ref(),
        Column("title", "Tên chính sách", required=True, max_length=500, example="Miễn học phí cho học sinh THCS", width=40),
        Column("summary", "Nội dung tóm tắt", width=40),
        Column("criterion_rights", "Tiêu chí 1: tác động trực tiếp đến quyền, nghĩa vụ", BOOL, example=YES, width=12),
        Column("criterion_sensitive", "Tiêu chí 2: vấn đề khó, nhạy cảm", BOOL, example=YES, width=12),
        Column("criterion_wide", "Tiêu chí 3: ảnh hưởng toàn quốc hoặc toàn tỉnh", BOOL, example=YES, width=12),
        Column("criterion_not_secret", "Tiêu chí 4: không thuộc bí mật nhà nước", BOOL, example=YES, width=12),
        Column("assessed_on", "Ngày đánh giá tiêu chí", DATE, example=dt.date(2024, 1, 15)),
        Column("high_impact", "Có tác động lớn đến xã hội", BOOL, example=YES, width=12),
        Column("in_scope", "Thuộc phạm vi Đề án 407", BOOL, default=True, example=YES, width=12),
        Column("position", "Thứ tự", INT, keep_if_empty=True, example=1, width=8),
    ),
)

ACTIVITIES = SheetSpec(
    kind="activities",
    title="Hoạt động",
    key="ref",
    columns=(
        _ref("#HD-001"),
        ORG_COLUMN,
        _draft_ref(),
        Column("policies", "Mã tham chiếu chính sách (để trống = mọi chính sách)", REFS, example="#CS-001", width=22),
        Column("channel", "Kênh truyền thông", CHOICE, required=True, choices=Channel, example=Channel.PORTAL),
        Column("date", "Ngày thực hiện", DATE, required=True, example=dt.date(2024, 2, 10)),
        Column("status", "Trạng thái", CHOICE, required=True, choices=ActivityStatus, example=ActivityStatus.DONE),
        Column("title", "Tên hoạt động", required=True, max_length=500, example="Đăng tải dự thảo trên cổng thông tin", width=40),
        Column("description", "Mô tả", width=30),
        Column("reach", "Số lượt tiếp cận", INT, example=1200, width=10),
        Column("feedback", "Ý kiến phản hồi", width=30),
        Column("evidence_url", "Đường dẫn minh chứng", max_length=500),
    ),
)

# Consulted organizations' written replies (and other channels' comments), one row per comment. Import only: a
# row is matched again by its natural key — draft, submitter organization, day received and text — so a second
# import of the same letters changes nothing (docs/consultation.md).
COMMENTS = SheetSpec(
    kind="comments",
    title="Góp ý",
    key="text",
    field_columns={"submitter_organization": "submitter_organization", "received_at": "received_on"},
    columns=(
        ORG_COLUMN,
        _draft_ref(),
        Column("policy", "Mã tham chiếu chính sách (để trống = cả dự thảo)", max_length=100, example="#CS-001", width=22),
        Column("submitter_organization", "Cơ quan, tổ chức góp ý", max_length=300, example="Sở Tài chính", width=30),
        Column("submitter_name", "Người góp ý", max_length=200, width=20),
        Column("received_on", "Ngày nhận", DATE, required=True, example=dt.date(2025, 5, 12), width=14),
        Column("provision", "Điều, khoản, điểm", max_length=200, example="Điều 5, khoản 2", width=18),
        Column("text", "Nội dung góp ý", required=True, max_length=TEXT_MAX_LENGTH,
               example="Đề nghị làm rõ đối tượng được miễn học phí.", width=50),
        Column("source", "Nguồn", CHOICE, choices=Source, default=Source.WRITTEN, example=Source.WRITTEN, width=20),
    ),
)

# Import order: what a later sheet refers to is created first.
SHEETS = (ORGANIZATIONS, DRAFTS, POLICIES, ACTIVITIES, COMMENTS)
BY_KIND = {spec.kind: spec for spec in SHEETS}


def spec_for_title(title):
    wanted = normalize(title)
    return next((s for s in SHEETS if normalize(s.title) == wanted or s.kind == wanted), None)


def kind_choices():
    from django.utils.translation import gettext_lazy

    return [
        ("drafts", gettext_lazy("Drafts")),
        ("policies", gettext_lazy("Policies")),
        ("activities", gettext_lazy("Activities")),
        ("comments", gettext_lazy("Comments (written replies of consulted organizations)")),
        ("organizations", gettext_lazy("Organizations")),
    ]
