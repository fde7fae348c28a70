"""Writing querysets as spreadsheet rows in the import's own format (XLSX with drop-down lists, or CSV)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import xlsxwriter
from django.utils.translation import gettext as _

from core import csvsafe

from . import conf
from .importers import PK_PREFIX
from .models import ImportKey, ImportKind
from .schema import (
    ACTIVITIES,
    BOOL,
    CHOICE,
    DRAFTS,
    HELP_TITLE,
    LISTS_TITLE,
    NO,
    ORGANIZATIONS,
    POLICIES,
    SHEETS,
    YES,
    SheetSpec,
)

CHUNK = 1000


def _refs(kind, ids) -> dict[int, str]:
    keys = dict(
        ImportKey.objects.filter(kind=kind, object_id__in=ids).order_by("pk").values_list("object_id", "key")
    )
    return {pk: keys.get(pk, f"{PK_PREFIX[kind]}-{pk}") for pk in ids}


def _chunks(queryset) -> Iterator[list]:
    batch = []
    for obj in queryset.iterator(chunk_size=CHUNK):
        batch.append(obj)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _organization_rows(queryset):
    for batch in _chunks(queryset.select_related("parent", "successor").order_by("path")):
        for o in batch:
            yield {
                "code": o.code, "name": o.name, "kind": o.kind, "parent": o.parent.code if o.parent else "",
                "valid_from": o.valid_from, "valid_to": o.valid_to, "successor": o.successor.code if o.successor else "",
            }


def _draft_rows(queryset):
    for batch in _chunks(queryset.select_related("drafting_organization").order_by("pk")):
        refs = _refs(ImportKind.DRAFT, [d.pk for d in batch])
        for d in batch:
            row = {name: getattr(d, name) for name in (c.key for c in DRAFTS.columns) if hasattr(d, name)}
            row.update(ref=refs[d.pk], organization=d.drafting_organization.code)
            yield row


def _policy_rows(queryset):
    for batch in _chunks(queryset.select_related("draft__drafting_organization").order_by("draft_id", "position", "pk")):
        refs = _refs(ImportKind.POLICY, [p.pk for p in batch])
        draft_refs = _refs(ImportKind.DRAFT, sorted({p.draft_id for p in batch}))
        for p in batch:
            row = {name: getattr(p, name) for name in (c.key for c in POLICIES.columns) if hasattr(p, name)}
            row.update(ref=refs[p.pk], organization=p.draft.drafting_organization.code, draft=draft_refs[p.draft_id])
            yield row


def _activity_rows(queryset):
    queryset = queryset.select_related("draft__drafting_organization").prefetch_related("policies").order_by("pk")
    for batch in _chunks(queryset):
        refs = _refs(ImportKind.ACTIVITY, [a.pk for a in batch])
        draft_refs = _refs(ImportKind.DRAFT, sorted({a.draft_id for a in batch}))
        policy_ids = sorted({p.pk for a in batch for p in a.policies.all()})
        policy_refs = _refs(ImportKind.POLICY, policy_ids)
        for a in batch:
            row = {name: getattr(a, name) for name in (c.key for c in ACTIVITIES.columns) if name != "policies" and hasattr(a, name)}
            row.update(
                ref=refs[a.pk],
                organization=a.draft.drafting_organization.code,
                draft=draft_refs[a.draft_id],
                policies=[policy_refs[p.pk] for p in sorted(a.policies.all(), key=lambda p: p.pk)],
            )
            yield row


ROW_BUILDERS = {
    ORGANIZATIONS.kind: _organization_rows,
    DRAFTS.kind: _draft_rows,
    POLICIES.kind: _policy_rows,
    ACTIVITIES.kind: _activity_rows,
}


def rows_for(spec: SheetSpec, queryset) -> Iterator[list]:
    """Each object as a list of cell values in the sheet's column order."""
    for row in ROW_BUILDERS[spec.kind](queryset):
        yield [row.get(column.key) for column in spec.columns]


# -- CSV --------------------------------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def csv_lines(spec: SheetSpec, rows: Iterable[list]) -> Iterator[str]:
    """UTF-8 CSV lines with a byte-order mark, so Excel opens Vietnamese text correctly; formula-like text is
    neutralised (core/csvsafe.py)."""
    writer = csvsafe.writer(_Echo())
    yield "\ufeff" + writer.writerow(spec.headers)
    for row in rows:
        yield writer.writerow([c.format(v, for_csv=True) for c, v in zip(spec.columns, row)])


# -- XLSX -------------------------------------------------------------------------------------------------------


def write_workbook(target, sheets: list[tuple[SheetSpec, Iterable[list]]], *, with_example=False):
    """Write one sheet per (spec, rows) to ``target`` (a path or a binary file), plus the code lists and help.

    constant_memory keeps one row in memory at a time, whatever the number of rows.
    """
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_urls": False})
    header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1})
    date = workbook.add_format({"num_format": "dd/mm/yyyy"})
    example = workbook.add_format({"italic": True, "font_color": "#7F7F7F"})
    example_date = workbook.add_format({"italic": True, "font_color": "#7F7F7F", "num_format": "dd/mm/yyyy"})
    list_ranges = _list_ranges(sheets)
    last_row = conf.get("EXCHANGE_MAX_ROWS") + 1
    for spec, rows in sheets:
        ws = workbook.add_worksheet(spec.title)
        ws.freeze_panes(1, 0)
        ws.set_row(0, 45)
        for index, column in enumerate(spec.columns):
            ws.set_column(index, index, column.width, date if column.type == "date" else None)
            ws.write_string(0, index, column.header + (" *" if column.required else ""), header)
            if column.type == CHOICE:
                ws.data_validation(1, index, last_row, index, {
                    "validate": "list", "source": list_ranges[column.choices], "error_type": "warning",
                })
            elif column.type == BOOL:
                ws.data_validation(1, index, last_row, index, {"validate": "list", "source": [YES, NO]})
        number = 1
        if with_example:
            for index, column in enumerate(spec.columns):
                value = column.format(column.example)
                _write(ws, number, index, value, example_date if column.type == "date" else example)
            number += 1
        for row in rows:
            for index, (column, value) in enumerate(zip(spec.columns, row)):
                _write(ws, number, index, column.format(value), date if column.type == "date" else None)
            number += 1
    _write_lists(workbook, header, sheets)
    _write_help(workbook, header)
    workbook.close()


def _write(ws, row, col, value, fmt):
    if value is None or value == "":
        return
    if hasattr(value, "year"):
        ws.write_datetime(row, col, value, fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    else:
        ws.write(row, col, value, fmt)


def _enums(sheets):
    seen = []
    for spec, _rows in sheets:
        for column in spec.columns:
            if column.type == CHOICE and column.choices not in seen:
                seen.append(column.choices)
    return seen


def _list_ranges(sheets):
    ranges = {}
    for i, enum in enumerate(_enums(sheets)):
        letter = xlsxwriter.utility.xl_col_to_name(i * 3)
        ranges[enum] = f"='{LISTS_TITLE}'!${letter}$2:${letter}${len(enum.choices) + 1}"
    return ranges


def _write_lists(workbook, header, sheets):
    ws = workbook.add_worksheet(LISTS_TITLE)
    enums = _enums(sheets)
    # constant_memory writes row by row, so lay out every list's row n before row n + 1.
    for i, enum in enumerate(enums):
        ws.set_column(i * 3, i * 3, 26)
        ws.set_column(i * 3 + 1, i * 3 + 1, 40)
        ws.write_string(0, i * 3, str(_("Code")) + f" ({enum.__name__})", header)
        ws.write_string(0, i * 3 + 1, str(_("Meaning")), header)
    for n in range(max((len(e.choices) for e in enums), default=0)):
        for i, enum in enumerate(enums):
            if n < len(enum.choices):
                code, label = enum.choices[n]
                ws.write_string(n + 1, i * 3, code)
                ws.write_string(n + 1, i * 3 + 1, str(label))


def _write_help(workbook, header):
    ws = workbook.add_worksheet(HELP_TITLE)
    ws.set_column(0, 0, 120)
    ws.write_string(0, 0, str(_("How to fill in this workbook")), header)
    lines = [
        _("Row 1 holds the column headings; do not rename, merge or remove them. Columns marked * are required."),
        _("Rows whose first cell starts with # are examples and are skipped; overwrite or delete them."),
        _("Write dates as real Excel dates or as dd/mm/yyyy text, e.g. 25/03/2024."),
        _("Enumerations take a code from the sheet “%(sheet)s” (the drop-down list offers them).") % {"sheet": LISTS_TITLE},
        _("“Mã tham chiếu” identifies a row: importing a file again updates the records it created instead of "
          "duplicating them. Keep exported keys (D-12, P-40, A-7) unchanged."),
        _("Policies and activities name their draft by the draft's key; an activity with no policy key covers "
          "every policy of its draft."),
        _("Type values, not formulas: a cell with a formula is refused."),
        _("Sheets are imported in this order: %(order)s.") % {"order": ", ".join(s.title for s in SHEETS)},
    ]
    for n, line in enumerate(lines, start=1):
        ws.write_string(n, 0, str(line))
