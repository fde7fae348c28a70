import datetime as dt

import openpyxl
import pytest

from drafts.models import Draft
from exchange.models import ImportKey
from exchange.services import import_file

from .helpers import draft_row, write_sheet

pytestmark = pytest.mark.django_db


def messages(report):
    return [(p.row, p.column, p.message) for p in report.errors]


def test_import_creates_then_updates_by_key_never_duplicates(tree, official, tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row()])
    report = import_file(path=path, actor=official, commit=True)
    assert report.ok and report.committed, messages(report)
    draft = Draft.objects.get()
    assert draft.drafting_organization == tree["department"]
    assert draft.proposal_consultation_start == dt.date(2024, 2, 1)
    assert draft.created_by == official
    assert ImportKey.objects.get().object_id == draft.pk

    write_sheet(path, "drafts", [draft_row(title="Tên mới")])
    report = import_file(path=path, actor=official, commit=True)
    assert report.counts == {"update": 1}
    assert Draft.objects.get().title == "Tên mới"

    report = import_file(path=path, actor=official, commit=True)
    assert report.counts == {"unchanged": 1}
    assert Draft.objects.count() == 1


def test_preview_saves_nothing(tree, official, tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row()])
    report = import_file(path=path, actor=official, commit=False)
    assert report.ok and not report.committed
    assert report.counts == {"create": 1}
    assert not Draft.objects.exists() and not ImportKey.objects.exists()


def test_one_bad_row_saves_nothing_and_names_row_and_column(tree, official, tmp_path):
    rows = [draft_row(), draft_row(ref="DT-2", proposal_consultation_start="31/02/2024")]
    report = import_file(path=write_sheet(tmp_path / "a.xlsx", "drafts", rows), actor=official, commit=True)
    assert not report.committed
    [(row, column, message)] = messages(report)
    assert row == 3
    assert column.startswith("F – Ngày bắt đầu lấy ý kiến đề nghị")
    assert "31/02/2024" in message
    assert not Draft.objects.exists()


def test_real_excel_dates_and_text_dates_both_work(tree, official, tmp_path):
    rows = [
        draft_row(proposal_consultation_start=dt.datetime(2024, 2, 1), adopted_on="15/06/2024"),
    ]
    report = import_file(path=write_sheet(tmp_path / "a.xlsx", "drafts", rows), actor=official, commit=True)
    assert report.ok, messages(report)
    draft = Draft.objects.get()
    assert draft.adopted_on == dt.date(2024, 6, 15)
    assert draft.status == "adopted"


def test_service_validation_maps_to_the_column(tree, official, tmp_path):
    rows = [draft_row(adopted_on="01/01/2024")]  # before S
    report = import_file(path=write_sheet(tmp_path / "a.xlsx", "drafts", rows), actor=official, commit=True)
    [(row, column, message)] = messages(report)
    assert row == 2 and "Ngày thông qua" in column and "01/01/2024" in message


def test_unknown_and_out_of_scope_organization_codes_are_row_errors(tree, official, outsider, tmp_path):
    rows = [draft_row(organization="NOPE"), draft_row(ref="DT-2", organization="QN")]
    report = import_file(path=write_sheet(tmp_path / "a.xlsx", "drafts", rows), actor=official, commit=True)
    errors = messages(report)
    assert [e[0] for e in errors] == [2, 3]
    assert all(e[1].startswith("B – Mã cơ quan") for e in errors)
    # The outsider may not write into the city's organizations either.
    report = import_file(path=write_sheet(tmp_path / "b.xlsx", "drafts", [draft_row()]), actor=outsider, commit=True)
    assert not report.ok and "HP-SGDDT" in report.errors[0].message
    assert not Draft.objects.exists()


def test_inspector_cannot_import_into_their_own_organization(tree, inspector, tmp_path):
    report = import_file(path=write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row()]), actor=inspector, commit=True)
    assert not report.ok and not Draft.objects.exists()


def test_duplicate_row(tree, official, tmp_path):
    rows = [draft_row(), draft_row(title="Bản sao")]
    report = import_file(path=write_sheet(tmp_path / "a.xlsx", "drafts", rows), actor=official, commit=True)
    [(row, column, message)] = messages(report)
    assert row == 3 and column.startswith("A – Mã tham chiếu") and "row 2" in message


def test_formula_cell_is_refused(tree, official, tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row(title='=CONCAT("Dự thảo ", "A")')])
    report = import_file(path=path, actor=official, commit=True)
    [(row, column, message)] = messages(report)
    assert row == 2 and column.startswith("C – Tên dự thảo") and "formula" in message


def test_merged_header_is_refused(tree, official, tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row()])
    workbook = openpyxl.load_workbook(path)
    workbook.active.merge_cells("A1:B1")
    workbook.save(path)
    report = import_file(path=path, actor=official, commit=True)
    assert "A1:B1" in report.errors[0].message and report.errors[0].row is None
    assert not Draft.objects.exists()


def test_merged_cells_in_data_rows_are_row_errors(tree, official, tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row(), draft_row(ref="DT-2")])
    workbook = openpyxl.load_workbook(path)
    workbook.active.merge_cells("B2:B3")
    workbook.save(path)
    report = import_file(path=path, actor=official, commit=True)
    assert [p.row for p in report.errors] == [2, 3] and "B2:B3" in report.errors[0].message


def test_empty_rows_comment_rows_and_extra_columns(tree, official, tmp_path):
    from exchange.schema import DRAFTS

    from .helpers import row_for

    headers = DRAFTS.headers + ["Ghi chú của tôi"]
    rows = [[None] * len(headers), ["#VD-1", "HP-SGDDT", "Ví dụ"], row_for("drafts", draft_row()) + ["bỏ qua"]]
    path = write_sheet(tmp_path / "a.xlsx", "drafts", rows, headers=headers)
    report = import_file(path=path, actor=official, commit=True)
    assert report.ok, messages(report)
    assert report.counts == {"create": 1}
    assert any("Ghi chú của tôi" in w for w in report.warnings)


def test_missing_required_column(tree, official, tmp_path):
    from exchange.schema import DRAFTS

    headers = [h for h in DRAFTS.headers if h != "Tên dự thảo"]
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [["DT-1", "HP-SGDDT"]], headers=headers)
    report = import_file(path=path, actor=official, commit=True)
    assert "Tên dự thảo" in report.errors[0].message


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"%PDF-1.7 not a spreadsheet\x00\x01", "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (b"PK\x03\x04garbage-that-is-no-zip", "damaged"),
    ],
)
def test_wrong_or_corrupt_files_get_a_clear_message(tree, official, tmp_path, content, expected):
    path = tmp_path / "upload.xlsx"
    path.write_bytes(content)
    report = import_file(path=path, actor=official, commit=True)
    assert not report.ok and expected in report.errors[0].message


def test_zip_that_is_not_a_workbook(tree, official, tmp_path):
    import zipfile

    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w/>")
    report = import_file(path=path, actor=official, commit=True)
    assert "not an Excel workbook" in report.errors[0].message


def test_truncated_workbook(tree, official, tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row()])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    report = import_file(path=path, actor=official, commit=True)
    assert not report.ok and "damaged" in report.errors[0].message


@pytest.mark.slow
def test_100k_rows_are_refused_with_a_message_before_any_write(tree, official, tmp_path, settings):
    settings.EXCHANGE_MAX_ROWS = 20_000
    path = tmp_path / "big.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Dự thảo")
    from exchange.schema import DRAFTS

    sheet.append(DRAFTS.headers)
    for i in range(100_000):
        sheet.append([f"DT-{i}", "HP-SGDDT", f"Dự thảo {i}", "decree", None, "01/02/2024"])
    workbook.save(path)
    report = import_file(path=path, actor=official, commit=True)
    assert not report.ok
    assert "more than 20.000 data rows" in report.errors[0].message
    assert report.counts == {}  # refused before any row was processed
    assert not Draft.objects.exists()


def test_csv_import_needs_a_kind_and_then_works(tree, official, tmp_path):
    from exchange import exporters
    from exchange.schema import DRAFTS

    from .helpers import row_for

    path = tmp_path / "a.csv"
    path.write_text("".join(exporters.csv_lines(DRAFTS, [row_for("drafts", draft_row())])), encoding="utf-8")
    assert "CSV" in import_file(path=path, actor=official, commit=True).errors[0].message
    report = import_file(path=path, actor=official, kind="drafts", commit=True)
    assert report.ok, messages(report)
    assert Draft.objects.get().proposal_consultation_start == dt.date(2024, 2, 1)


def test_policies_and_activities_refer_to_drafts_of_the_same_workbook(tree, official, tmp_path):
    from campaigns.models import Activity

    from .helpers import row_for

    workbook = openpyxl.Workbook()
    drafts = workbook.active
    drafts.title = "Dự thảo"
    from exchange.schema import ACTIVITIES, DRAFTS, POLICIES

    drafts.append(DRAFTS.headers)
    drafts.append(row_for("drafts", draft_row()))
    activities = workbook.create_sheet("Hoạt động")  # before the policies: the import orders sheets itself
    activities.append(ACTIVITIES.headers)
    activities.append(row_for("activities", {
        "ref": "HD-1", "organization": "HP-SGDDT", "draft": "DT-1", "policies": "CS-2", "channel": "portal",
        "date": "05/02/2024", "status": "done", "title": "Đăng cổng",
    }))
    policies = workbook.create_sheet("Chính sách")
    policies.append(POLICIES.headers)
    for ref in ("CS-1", "CS-2"):
        policies.append(row_for("policies", {"ref": ref, "organization": "HP-SGDDT", "draft": "DT-1", "title": ref,
                                             "high_impact": "Có"}))
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    report = import_file(path=path, actor=official, commit=True)
    assert report.ok, messages(report)
    activity = Activity.objects.get()
    assert [p.title for p in activity.policies.all()] == ["CS-2"]

    # Unknown policy keys are named.
    activities["D2"] = "CS-2, CS-9"
    workbook.save(path)
    report = import_file(path=path, actor=official, commit=True)
    assert report.errors[0].column.startswith("D – ") and "CS-9" in report.errors[0].message


def test_errors_are_vietnamese_for_vietnamese_users(tree, official, tmp_path):
    from django.utils import translation

    rows = [draft_row(), draft_row(title="Bản sao")]
    with translation.override("vi"):
        report = import_file(path=write_sheet(tmp_path / "a.xlsx", "drafts", rows), actor=official, commit=True)
    assert "Dòng trùng lặp" in report.errors[0].message
