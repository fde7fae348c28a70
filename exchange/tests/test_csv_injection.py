"""Issue 15 point 7: no CSV cell the portal writes is evaluated as a formula (OWASP "CSV Injection"), numbers stay
numbers, and the XLSX exports keep hostile text as string cells."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from core import csvsafe
from drafts.models import Draft
from exchange.services import import_file
from testbed import factories

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def _export(client, kind, fmt):
    response = client.get(reverse("exchange:export"), {"kind": kind, "format": fmt})
    assert response.status_code == 200
    return response


def test_csv_export_prefixes_every_formula_like_title(client, tree, official):
    for title in HOSTILE:
        factories.DraftFactory(drafting_organization=tree["department"], title=title)
    client.force_login(official)
    rows = _csv(_export(client, "drafts", "csv"))
    title_col = rows[0].index("Tên dự thảo")
    titles = sorted(r[title_col] for r in rows[1:])
    assert titles == sorted("'" + t for t in HOSTILE)
    for row in rows:  # no cell of the file starts with a trigger character
        assert not any(cell.startswith(csvsafe.TRIGGERS) for cell in row)


def test_csv_export_keeps_negative_numbers_numeric_and_text_quoted():
    out = io.StringIO()
    csvsafe.writer(out).writerow([-2, -2.5, "-2", "=1+1", "plain", None, "a;=1"])
    line = out.getvalue().strip()
    assert line == '-2,-2.5,"\'-2","\'=1+1","plain","","a;=1"'
    assert next(csv.reader([line], quoting=csv.QUOTE_NONNUMERIC))[:2] == [-2.0, -2.5]


@pytest.mark.parametrize("text", [*HOSTILE, "'=already quoted", "''+twice", "'plain", "plain", "", "-"])
def test_restore_is_the_exact_inverse(text):
    assert csvsafe.restore(csvsafe.neutralise(text)) == text


def test_csv_export_then_import_gives_back_the_typed_titles(client, tree, official, tmp_path):
    typed = ['=HYPERLINK("http://x","y")', "+1 học phí", "-2+3", "@SUM(A1)", "'=quoted by hand"]
    for title in typed:
        factories.DraftFactory(drafting_organization=tree["department"], title=title)
    client.force_login(official)
    path = tmp_path / "drafts.csv"
    path.write_bytes(b"".join(_export(client, "drafts", "csv").streaming_content))
    report = import_file(path=path, actor=official, kind="drafts", commit=True)
    assert report.committed and report.counts["create"] == 0
    assert sorted(Draft.objects.values_list("title", flat=True)) == sorted(typed)


def test_xlsx_export_stores_a_formula_like_title_as_a_string(client, tree, official):
    for title in HOSTILE[:4]:
        factories.DraftFactory(drafting_organization=tree["department"], title=title)
    client.force_login(official)
    content = b"".join(_export(client, "drafts", "xlsx").streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Dự thảo"]
    cells = {c.value: c for row in sheet.iter_rows(min_row=2) for c in row if c.value in HOSTILE}
    assert set(cells) == set(HOSTILE[:4])
    assert all(c.data_type == "s" for c in cells.values())  # "f" would be a formula
