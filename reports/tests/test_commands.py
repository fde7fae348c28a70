import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from counting.selectors import coverage_for

pytestmark = pytest.mark.django_db


def test_export_annual_report_command(tree, report_data, tmp_path):
    path = tmp_path / "hp.xlsx"
    out = io.StringIO()
    call_command("export_annual_report", organization="HP", year=2024, format="xlsx", output=str(path), stdout=out)
    book = load_workbook(path)
    summary = {row[0]: row[1] for row in book["Báo cáo"].iter_rows(values_only=True) if row[0]}
    assert summary["Số chính sách có tác động lớn thuộc phạm vi Đề án (thông qua/ban hành trong năm)"] == coverage_for(
        tree["city"], 2024
    ).denominator
    assert "Wrote" in out.getvalue()


def test_export_annual_report_command_unknown_organization(tree, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_annual_report", organization="NOPE", year=2024, format="pdf", output=str(tmp_path / "x.pdf"))


def test_benchmark_export_command(tree, report_data):
    out = io.StringIO()
    call_command("benchmark_export", organization="HP", year=2024, format=["xlsx"], stdout=out)
    assert "| xlsx |" in out.getvalue()


def test_benchmark_export_without_tracemalloc(tree, report_data):
    out = io.StringIO()
    call_command("benchmark_export", organization="HP", year=2024, format=["docx"], no_trace=True, stdout=out)
    [row] = [line for line in out.getvalue().splitlines() if line.startswith("| docx |")]
    assert row.split("|")[4].strip() == "—"  # no traced peak without tracemalloc
    assert "(4 listed in the PDF/DOCX)" in out.getvalue()  # the year's 3 policies and the at-risk one in progress
