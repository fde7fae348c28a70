"""National exports (issue 15, point 17): the printed annex I is laid out per draft, not per policy, and an export
job reports its progress while the document renders (docs/performance.md, "National exports")."""

import io
import re

import pytest
from pypdf import PdfReader

from reports import builder, exports
from reports.models import ExportJob, ExportStatus
from reports.renderers import render
from reports.renderers.common import (
    ANNEX_DRAFT_HEADERS,
    policies_by_draft_table,
    policies_table,
)

pytestmark = pytest.mark.django_db


def test_annex_i_has_one_row_per_draft_and_every_policy_with_its_status_and_reason(tree, report_data):
    report = builder.build_annual_report(organization=tree["city"], year=2024)
    per_policy, per_draft = policies_table(report), policies_by_draft_table(report)
    assert per_draft.headers == ANNEX_DRAFT_HEADERS
    assert len(per_policy.rows) == report.denominator == 3
    assert len(per_draft.rows) == len({p.draft_id for p in report.policies}) == 2
    listed = [line for row in per_draft.rows for line in row[3].split("\n")]
    expected = [f"{p.title} — {'Đã truyền thông' if p.status == 'communicated' else 'Chưa truyền thông'}" for p in report.policies]
    assert sorted(re.sub(r"^\d+\. ", "", line) for line in listed) == sorted(expected)
    # Reasons kept: once when the draft's policies share it, numbered per policy when they differ.
    adopted = next(row for row in per_draft.rows if row[1] == report_data["adopted"].title)
    reasons = {p.reason for p in report.policies if p.draft_id == report_data["adopted"].pk}
    assert len(reasons) == 2 and all(reason in adopted[4] for reason in reasons)
    # The PDF lays out that table in annex I (the XLSX keeps one row per policy).
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render(report, "pdf"))).pages))
    assert "Chính sách, tình trạng" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_rendering_reports_its_progress(tree, report_data, fmt):
    report = builder.build_annual_report(organization=tree["city"], year=2024)
    seen = []
    render(report, fmt, progress=seen.append)
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] == 100 and 0 < seen[0] < 100


def test_export_job_moves_its_progress_while_the_document_renders(tree, inspector, report_data, monkeypatch):
    stored = []
    real = exports._set_progress

    def keep(job, progress):
        real(job, progress)
        stored.append(ExportJob.objects.get(pk=job.pk).progress)  # what the polling page reads

    monkeypatch.setattr(exports, "_set_progress", keep)
    job = ExportJob.objects.create(organization=tree["department"], year=2024, format="pdf", requested_by=inspector)
    exports.export_job_execute(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.progress == 100
    during = [p for p in stored if 40 < p < 95]
    assert len(during) >= 2 and stored == sorted(stored), stored
