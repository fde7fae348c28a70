import openpyxl

from exchange.schema import BY_KIND


def write_sheet(path, kind, rows, *, headers=None, title=None):
    """A workbook with one sheet of ``kind`` (headings from the schema unless given) and the given rows."""
    spec = BY_KIND[kind]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title or spec.title
    sheet.append(headers or spec.headers)
    for row in rows:
        sheet.append(row_for(kind, row) if isinstance(row, dict) else row)
    workbook.save(path)
    return path


def row_for(kind, values):
    return [values.get(column.key) for column in BY_KIND[kind].columns]


def draft_row(**overrides):
    values = {
        "ref": "DT-1",
        "organization": "HP-SGDDT",
        "title": "Dự thảo Nghị quyết học phí",
        "document_type": "provincial_council_resolution",
        "status": "proposal_consultation",
        "proposal_consultation_start": "01/02/2024",
        "published": "Không",
    }
    values.update(overrides)
    return values
