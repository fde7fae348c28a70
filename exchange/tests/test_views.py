import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from drafts.models import Draft
from testbed import factories

from .helpers import draft_row, write_sheet

pytestmark = pytest.mark.django_db


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_export_csv_is_scoped_and_filtered(client, tree, official, outsider):
    factories.DraftFactory(drafting_organization=tree["department"], title="Học phí THCS")
    factories.DraftFactory(drafting_organization=tree["unit"], title="Tuyển sinh")
    factories.DraftFactory(drafting_organization=tree["other"], title="Quảng Ninh")
    client.force_login(official)
    response = client.get(reverse("exchange:export"), {"kind": "drafts", "format": "csv"})
    assert response.status_code == 200
    rows = csv_rows(response)
    assert rows[0][0] == "Mã tham chiếu"
    assert sorted(r[2] for r in rows[1:]) == ["Học phí THCS", "Tuyển sinh"]
    response = client.get(reverse("exchange:export"), {"kind": "drafts", "format": "csv", "q": "phí"})
    assert [r[2] for r in csv_rows(response)[1:]] == ["Học phí THCS"]
    client.force_login(outsider)
    response = client.get(reverse("exchange:export"), {"kind": "drafts", "format": "csv"})
    assert [r[2] for r in csv_rows(response)[1:]] == ["Quảng Ninh"]


def test_export_xlsx_uses_the_activity_filterset(client, tree, official):
    draft = factories.DraftFactory(drafting_organization=tree["department"])
    factories.ActivityFactory(draft=draft, title="Xong", status="done")
    factories.ActivityFactory(draft=draft, title="Dự kiến", status="planned")
    client.force_login(official)
    response = client.get(reverse("exchange:export"), {"kind": "activities", "format": "xlsx", "status": "planned"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook["Hoạt động"]
    assert [row[7] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Dự kiến"]


def test_export_with_an_invalid_filter_explains_instead_of_failing(client, tree, official):
    client.force_login(official)
    response = client.get(reverse("exchange:export"), {"kind": "activities", "format": "csv", "year": "abc"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")  # a page explaining, not a file
    assert "year" in response.content.decode()


def test_unknown_kind_or_format_is_404(client, official):
    client.force_login(official)
    assert client.get(reverse("exchange:export"), {"kind": "users"}).status_code == 404
    assert client.get(reverse("exchange:export"), {"kind": "drafts", "format": "pdf"}).status_code == 404


def test_template_has_headers_example_and_drop_downs(client, official):
    client.force_login(official)
    response = client.get(reverse("exchange:template", args=["drafts"]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook["Dự thảo"]
    assert sheet["A1"].value == "Mã tham chiếu *"
    assert sheet["A2"].value.startswith("#")
    sources = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert any("Danh mục" in (s or "") for s in sources) and '"Có,Không"' in sources
    codes = [c.value for c in workbook["Danh mục"]["A"][1:] if c.value]
    assert "provincial_council_resolution" in codes


def test_template_imports_as_nothing(client, tree, official, tmp_path):
    from exchange.services import import_file

    client.force_login(official)
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"".join(client.get(reverse("exchange:template", args=["policies"])).streaming_content))
    report = import_file(path=path, actor=official, commit=True)
    assert report.ok and not report.counts


def test_upload_preview_confirm(client, tree, official, tmp_path, settings):
    client.force_login(official)
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row()])
    response = client.post(reverse("exchange:import"), {"file": SimpleUploadedFile("a.xlsx", path.read_bytes())})
    assert response.status_code == 302
    preview = response["Location"]
    response = client.get(preview)
    assert response.status_code == 200 and "Dự thảo Nghị quyết học phí" in response.content.decode()
    assert not Draft.objects.exists()
    # The session holds no file, only the URL's token.
    assert all(not isinstance(v, bytes) and "PK" not in str(v) for v in client.session.values())
    response = client.post(preview)
    assert response.status_code == 302 and Draft.objects.count() == 1
    assert client.get(preview).status_code == 404  # the upload is gone once imported


def test_confirm_with_errors_saves_nothing(client, tree, official, tmp_path):
    client.force_login(official)
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row(), draft_row(ref="DT-2", organization="QN")])
    preview = client.post(reverse("exchange:import"), {"file": SimpleUploadedFile("a.xlsx", path.read_bytes())})["Location"]
    page = client.get(preview).content.decode()
    assert "QN" in page and "Confirm" not in page
    response = client.post(preview)
    assert response.status_code == 400 and not Draft.objects.exists()


def test_another_users_upload_is_404(client, tree, official, head, tmp_path):
    client.force_login(official)
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row()])
    preview = client.post(reverse("exchange:import"), {"file": SimpleUploadedFile("a.xlsx", path.read_bytes())})["Location"]
    client.force_login(head)
    assert client.get(preview).status_code == 404
    assert client.post(preview).status_code == 404
    assert not Draft.objects.exists()


@pytest.mark.parametrize("role", ["inspector", "outsider_without_role"])
def test_people_who_cannot_edit_cannot_import(client, tree, inspector, role):
    user = inspector if role == "inspector" else factories.UserFactory()
    client.force_login(user)
    assert client.get(reverse("exchange:index")).status_code == 403
    assert client.post(reverse("exchange:import"), {}).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("exchange:export"), {"kind": "drafts"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_upload_of_a_non_spreadsheet_shows_the_message(client, tree, official):
    client.force_login(official)
    upload = SimpleUploadedFile("x.xlsx", b"%PDF-1.4\x00\x00 not excel")
    preview = client.post(reverse("exchange:import"), {"file": upload})["Location"]
    response = client.get(preview)
    assert response.status_code == 200 and "not a spreadsheet" in response.content.decode()
