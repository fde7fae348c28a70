"""Reading uploaded spreadsheets row by row in bounded memory (openpyxl read-only mode, or CSV).

Whatever the file holds, the caller gets either sheets whose rows it can iterate, or ``FileProblem`` with a
message for the user. openpyxl raises many different exceptions on damaged files, so reading is wrapped at
this one boundary.
"""

from __future__ import annotations

import csv
import logging
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from defusedxml import ElementTree  # uploaded workbooks are untrusted XML: no entity expansion bombs
from django.utils.translation import gettext as _

from core import csvsafe

logger = logging.getLogger(__name__)

XLSX, CSV = "xlsx", "csv"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class FileProblem(Exception):
    """The file as a whole cannot be imported; ``str(exc)`` is the user message."""


@dataclass
class Cell:
    value: object
    formula: bool = False


@dataclass
class Sheet:
    title: str
    _rows: object  # callable returning an iterator of (row_number, [Cell, …])
    merged: list[str]
    size_hint: int | None = None  # the last row number the file declares, when it declares one

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        try:
            yield from self._rows()
        except FileProblem:
            raise
        except Exception as exc:  # a damaged sheet part fails only once iteration reaches it
            logger.info("spreadsheet row read failed: %r", exc)
            raise FileProblem(_("The file is damaged and could not be read to the end. Save it again from Excel and retry.")) from exc


def detect_format(path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, OSError) as exc:
            raise FileProblem(_("The file is damaged: it is not a readable Excel workbook.")) from exc
        names = {member.filename for member in members}
        _refuse_unpacking_too_much(members)
        if "xl/workbook.xml" not in names:
            raise FileProblem(_("This is not an Excel workbook (.xlsx). Save the data as .xlsx or CSV and retry."))
        return XLSX
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(_("Old Excel files (.xls) are not accepted. In Excel choose Save As → Excel Workbook (.xlsx)."))
    with open(path, "rb") as handle:
        sample = handle.read(65536)
    if b"\x00" in sample or sample.startswith(b"%PDF"):
        raise FileProblem(_("This file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file."))
    return CSV


def _refuse_unpacking_too_much(members) -> None:
    # zipfile never unpacks a member past its declared size (reading further fails its CRC check), so the sum of
    # the declared sizes bounds what parsing can unpack.
    from . import conf

    unpacked, limit = sum(member.file_size for member in members), conf.get("EXCHANGE_MAX_UNPACKED_BYTES")
    if unpacked > limit:
        raise FileProblem(
            _(
                "The workbook unpacks to %(size)s MB, more than the %(limit)s MB accepted. Remove unused sheets, "
                "formatting and empty rows, or split the data into several files."
            )
            % {"size": _megabytes(unpacked), "limit": _megabytes(limit)}
        )


def _megabytes(size: int) -> str:
    from django.utils.formats import number_format

    return number_format(round(size / 2**20), force_grouping=True)


def _refuse_too_wide(title: str, columns: int | None) -> None:
    from . import conf

    limit = conf.get("EXCHANGE_MAX_COLUMNS")
    if columns is not None and columns > limit:
        raise FileProblem(
            _("The sheet “%(sheet)s” declares %(columns)s columns; at most %(limit)s are accepted. Delete the unused "
              "columns and upload it again.")
            % {"sheet": title, "columns": columns, "limit": limit}
        )


@contextmanager
def open_sheets(path) -> Iterator[list[Sheet]]:
    if detect_format(path) == CSV:
        yield [_csv_sheet(path)]
        return
    # A file object rather than the path: openpyxl refuses paths whose name does not end in .xlsx.
    with open(path, "rb") as handle:
        workbook = _load_workbook(handle)
        try:
            yield _xlsx_sheets(path, workbook)
        finally:
            workbook.close()


def _load_workbook(handle):
    import openpyxl

    try:
        return openpyxl.load_workbook(handle, read_only=True, data_only=False)
    except Exception as exc:
        logger.info("openpyxl could not open an upload: %r", exc)
        raise FileProblem(_("The file is damaged: it is not a readable Excel workbook.")) from exc


def _xlsx_sheets(path, workbook) -> list[Sheet]:
    sheets = []
    for worksheet in workbook.worksheets:
        try:
            size_hint, columns = worksheet.max_row, worksheet.max_column  # from the sheet's <dimension>, no parsing
        except Exception:
            size_hint, columns = None, None
        _refuse_too_wide(worksheet.title, columns)
        sheets.append(
            Sheet(
                title=worksheet.title,
                _rows=lambda ws=worksheet: _xlsx_rows(ws),
                merged=_merged_ranges(path, getattr(worksheet, "_worksheet_path", None)),
                size_hint=size_hint,
            )
        )
    return sheets


def _xlsx_rows(worksheet):
    number = worksheet.min_row or 1
    for row in worksheet.iter_rows():
        yield number, [Cell(getattr(c, "value", None), getattr(c, "data_type", None) == "f") for c in row]
        number += 1


def _merged_ranges(path, part) -> list[str]:
    """Merged ranges of one sheet: read-only mode does not expose them, so stream the sheet's XML for them."""
    if not part:
        return []
    ranges = []
    try:
        with zipfile.ZipFile(path) as archive, archive.open(part.lstrip("/")) as stream:
            for _event, element in ElementTree.iterparse(stream, events=("end",)):
                if element.tag == f"{_MAIN_NS}mergeCell":
                    ranges.append(element.get("ref", ""))
                element.clear()
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError) as exc:
        raise FileProblem(_("The file is damaged: it is not a readable Excel workbook.")) from exc
    return ranges


def _csv_sheet(path) -> Sheet:
    with open(path, "rb") as handle:
        sample = handle.read(65536)
    encoding = "utf-8-sig"
    try:
        sample.decode(encoding)
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sample's end is fine; anything earlier is not UTF-8.
        if exc.start < len(sample) - 4:
            raise FileProblem(
                _("The CSV file is not in UTF-8. In Excel choose Save As → CSV UTF-8 (comma delimited).")
            ) from exc
    text = sample.decode(encoding, errors="ignore")
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","

    def rows():
        with open(path, encoding=encoding, newline="") as handle:
            try:
                for number, values in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
                    yield number, [Cell(csvsafe.restore(v)) for v in values]  # undo the export's '
            except UnicodeDecodeError as exc:
                raise FileProblem(
                    _("The CSV file is not in UTF-8. In Excel choose Save As → CSV UTF-8 (comma delimited).")
                ) from exc
            except csv.Error as exc:
                raise FileProblem(_("The CSV file could not be read: %(problem)s") % {"problem": exc}) from exc

    return Sheet(title="", _rows=rows, merged=[])


_RANGE = re.compile(r"^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$")


def range_rows(ref: str) -> tuple[int, int]:
    """'A3:C5' -> (3, 5)."""
    match = _RANGE.match(ref.replace("$", "").upper())
    if not match:
        return (0, 0)
    first = int(match.group(2))
    last = int(match.group(4) or first)
    return first, last
