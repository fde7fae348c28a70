import pytest
from django.core.management import CommandError, call_command

from drafts.models import Draft

from .helpers import draft_row, write_sheet

pytestmark = pytest.mark.django_db


def test_import_workbook_dry_run_then_for_real(tree, official, tmp_path, capsys):
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row()])
    call_command("import_workbook", str(path), "--dry-run", "--user", "official")
    assert "create 1" in capsys.readouterr().out and not Draft.objects.exists()
    call_command("import_workbook", str(path), "--user", "official")
    assert Draft.objects.count() == 1


def test_import_workbook_reports_errors_and_fails(tree, outsider, tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row()])
    with pytest.raises(CommandError, match="1 error"):
        call_command("import_workbook", str(path), "--user", "outsider")
    assert not Draft.objects.exists()


def test_export_workbook_unknown_organization(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_workbook", "--organization", "NOPE", str(tmp_path / "x.xlsx"))


def test_benchmark_import_leaves_nothing_behind(tree, capsys):
    call_command("benchmark_import", "--rows", "30", "--queries")
    out = capsys.readouterr().out
    assert "errors: 0" in out and "rows/s" in out
    per_row = float(out.split("queries: ")[1].split("(")[1].split(" per row")[0])
    assert 1 <= per_row <= 8
    assert not Draft.objects.exists()
