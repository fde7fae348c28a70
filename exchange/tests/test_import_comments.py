"""Written replies of consulted organizations, imported one row per comment through comment_record: template,
preview, per-row errors, and idempotent on re-import (natural key: draft, submitter organization, day, text)."""

import datetime as dt
import io
import unicodedata

import openpyxl
import pytest
from django.urls import reverse

from consultation.models import Comment, Phase, Source, Status
from exchange.models import ImportKey, ImportKind
from exchange.services import import_file
from testbed import factories

from .helpers import write_sheet

pytestmark = pytest.mark.django_db


def messages(report):
    return [(p.row, p.column, p.message) for p in report.errors]


@pytest.fixture
def draft(tree):
    draft = factories.DraftFactory(
        drafting_organization=tree["department"], proposal_consultation_start=dt.date(2025, 3, 1),
        draft_consultation_start=dt.date(2025, 5, 1),
    )
    ImportKey.objects.create(kind=ImportKind.DRAFT, organization=tree["department"], key="DT-1", object_id=draft.pk)
    return draft


def row(**overrides):
    values = {
        "organization": "HP-SGDDT",
        "draft": "DT-1",
        "submitter_organization": "Sở Tài chính",
        "received_on": "12/05/2025",
        "provision": "Điều 5, khoản 2",
        "text": "Đề nghị làm rõ đối tượng được miễn học phí.",
    }
    values.update(overrides)
    return values


def test_import_records_published_comments_in_the_phase_of_the_day_received(draft, official, tmp_path):
    policy = factories.PolicyFactory(draft=draft)
    rows = [
        row(),
        row(submitter_organization="Sở Tư pháp", received_on="20/04/2025", text=unicodedata.normalize("NFD", "Cần bổ sung căn cứ pháp lý."),
            policy=f"P-{policy.pk}", source="letter"),
    ]
    report = import_file(path=write_sheet(tmp_path / "g.xlsx", "comments", rows), actor=official, commit=True)

    assert report.committed, messages(report)
    assert report.counts == {"create": 2}
    finance = Comment.objects.get(submitter_organization="Sở Tài chính")
    justice = Comment.objects.get(submitter_organization="Sở Tư pháp")
    assert (finance.source, finance.phase, finance.status, finance.created_by) == (
        Source.WRITTEN, Phase.DRAFT, Status.PUBLISHED, official
    )
    assert finance.provision == "Điều 5, khoản 2"
    assert (justice.source, justice.phase, justice.policy, justice.text) == (
        Source.LETTER, Phase.PROPOSAL, policy, "Cần bổ sung căn cứ pháp lý."
    )


def test_a_second_import_of_the_same_letters_changes_nothing(draft, official, tmp_path):
    path = write_sheet(tmp_path / "g.xlsx", "comments", [row(), row(submitter_organization="Sở Nội vụ")])
    assert import_file(path=path, actor=official, commit=True).committed

    # The same rows again, with the organization's case and spacing as typed by someone else, plus a new one.
    write_sheet(path, "comments", [row(submitter_organization="SỞ TÀI CHÍNH "), row(submitter_organization="Sở Nội vụ"),
                                   row(text="Ý kiến mới.")])
    report = import_file(path=path, actor=official, commit=True)

    assert report.committed, messages(report)
    assert report.counts == {"unchanged": 2, "create": 1}
    assert Comment.objects.count() == 3


def test_preview_saves_nothing(draft, official, tmp_path):
    report = import_file(path=write_sheet(tmp_path / "g.xlsx", "comments", [row()]), actor=official, commit=False)
    assert report.ok and not report.committed and report.counts == {"create": 1}
    assert not Comment.objects.exists()


def test_each_bad_row_is_named_and_nothing_is_saved(draft, official, tmp_path):
    rows = [
        row(),
        row(text=""),
        row(received_on="31/02/2025"),
        row(draft="DT-404"),
        row(policy="CS-404", text="Ý kiến về chính sách."),
        row(source="portal", text="Ý kiến qua cổng."),
        row(received_on=(dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")),
        row(),  # the first row again
        row(organization="QN"),
        row(text="x" * 5001),
    ]
    report = import_file(path=write_sheet(tmp_path / "g.xlsx", "comments", rows), actor=official, commit=True)

    assert not report.committed
    found = {number: (column, message) for number, column, message in messages(report)}
    assert sorted(found) == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert found[3][0].endswith("Nội dung góp ý") and "required" in found[3][1]
    assert "is not a date" in found[4][1]
    assert "No draft with the key “DT-404”" in found[5][1]
    assert "CS-404" in found[6][1]
    assert "portal are sent by the public" in found[7][1]
    assert "cannot be in the future" in found[8][1]
    assert "Duplicate row" in found[9][1]
    assert "outside the organizations whose data you may edit" in found[10][1]
    assert "Too long: 5001 characters" in found[11][1]
    assert not Comment.objects.exists()


def test_a_reader_cannot_import_comments(draft, inspector, tmp_path):
    report = import_file(path=write_sheet(tmp_path / "g.xlsx", "comments", [row()]), actor=inspector, commit=True)
    assert not report.committed and "may edit" in report.errors[0].message
    assert not Comment.objects.exists()


def test_the_template_download_and_the_web_import(client, draft, official, tmp_path):
    client.force_login(official)
    response = client.get(reverse("exchange:template", kwargs={"kind": "comments"}))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook["Góp ý"]
    headers = [c.value for c in sheet[1]]
    assert "Nội dung góp ý" in " ".join(str(h) for h in headers) and "Ngày nhận" in " ".join(str(h) for h in headers)

    path = write_sheet(tmp_path / "g.xlsx", "comments", [row()])
    with open(path, "rb") as handle:
        response = client.post(reverse("exchange:index"), {"kind": "comments", "file": handle})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200 and not Comment.objects.exists()
    done = client.post(response["Location"])
    assert done.status_code == 302 and Comment.objects.count() == 1


def test_comments_are_not_exported_here(client, official):
    client.force_login(official)
    assert client.get(reverse("exchange:export"), {"kind": "comments"}).status_code == 404


def test_the_exchange_page_offers_the_comments_template_but_no_export_link(client, official, english):
    client.force_login(official)
    page = client.get(reverse("exchange:index")).content.decode()
    assert reverse("exchange:template", kwargs={"kind": "comments"}) in page
    assert "kind=comments&amp;format=xlsx" not in page and "kind=drafts&amp;format=xlsx" in page
    assert "Import only" in page
