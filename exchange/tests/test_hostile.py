"""Hostile spreadsheets cost nothing: a workbook that unpacks to far more than it weighs, or declares a huge sheet,
is refused before any parsing, and a preview is computed once however often it is shown."""

import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exchange import readers, services
from exchange.readers import FileProblem

from .helpers import draft_row, write_sheet

pytestmark = pytest.mark.django_db

WORKBOOK_XML = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Dự thảo" sheetId="1" r:id="rId1"/></sheets></workbook>'
)


def _bomb(path, unpacked_bytes):
    """A valid-looking workbook whose one sheet part is mostly spaces: tiny on disk, large unpacked."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", WORKBOOK_XML)
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            chunk = b" " * (1 << 20)
            for _ in range(unpacked_bytes >> 20):
                part.write(chunk)
    return path


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_parsing(tmp_path, settings, monkeypatch):
    settings.EXCHANGE_MAX_UNPACKED_BYTES = 2 * 2**20
    path = _bomb(tmp_path / "bomb.xlsx", 8 * 2**20)
    assert path.stat().st_size < 100_000
    monkeypatch.setattr(readers, "_load_workbook", lambda handle: pytest.fail("the workbook was parsed"))
    with pytest.raises(FileProblem) as problem:
        with readers.open_sheets(path):
            pass
    assert "8 MB" in str(problem.value) and "2 MB" in str(problem.value)


def test_the_bomb_is_refused_with_the_message_on_the_preview_page(client, official, tmp_path, settings):
    settings.EXCHANGE_MAX_UNPACKED_BYTES = 2 * 2**20
    path = _bomb(tmp_path / "bomb.xlsx", 8 * 2**20)
    client.force_login(official)
    preview = client.post(reverse("exchange:import"), {"file": SimpleUploadedFile("a.xlsx", path.read_bytes())})["Location"]
    page = client.get(preview)
    assert page.status_code == 200
    assert "8 MB" in page.content.decode()
    assert "Confirm and save" not in page.content.decode()


def test_a_sheet_declaring_too_many_columns_is_refused_before_its_rows_are_read(tmp_path, monkeypatch):
    path = write_sheet(tmp_path / "wide.xlsx", "drafts", [draft_row()])
    # Rewrite the sheet's declared dimension to the widest Excel allows, as a hostile file would.
    patched = tmp_path / "wide-patched.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="A1:[A-Z]+2"/>', b'<dimension ref="A1:XFD2"/>', data, count=1)
                assert b"XFD2" in data
            target.writestr(item, data)
    with pytest.raises(FileProblem) as problem:
        with readers.open_sheets(patched):
            pass
    assert "16384" in str(problem.value)


def test_the_preview_is_parsed_once_however_often_it_is_shown(client, official, tmp_path, monkeypatch):
    path = write_sheet(tmp_path / "drafts.xlsx", "drafts", [draft_row()])
    client.force_login(official)
    preview = client.post(reverse("exchange:import"), {"file": SimpleUploadedFile("a.xlsx", path.read_bytes())})["Location"]
    calls = []
    real = services.import_file
    monkeypatch.setattr(services, "import_file", lambda **kw: calls.append(kw["commit"]) or real(**kw))
    first = client.get(preview).content.decode()
    second = client.get(preview).content.decode()
    assert calls == [False], "the second view must not parse the file again"
    assert "1 to create" in first and "1 to create" in second
    assert client.post(preview).status_code == 302  # confirming imports for real, afresh
    assert calls == [False, True]
