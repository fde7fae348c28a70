"""The report page for officials, its approval with confirmation, the export jobs, and the command."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from docx import Document

from consultation.models import ConsultationReport, Decision, Phase, ReportStatus, Source, Status
from reports.models import ExportJob, ExportStatus
from testbed import factories


@pytest.fixture
def draft(tree):
    draft = factories.DraftFactory(
        drafting_organization=tree["department"],
        title="Nghị quyết về học phí",
        proposal_consultation_start=dt.date(2026, 3, 1),
        draft_consultation_start=dt.date(2026, 6, 1),
    )
    factories.CommentFactory(
        draft=draft, phase=Phase.PROPOSAL, source=Source.WRITTEN, status=Status.PUBLISHED,
        submitter_organization="Sở Tư pháp", text="Bổ sung căn cứ.", decision=Decision.ACCEPTED,
    )
    return draft


def url(draft, phase="proposal", name="consultation"):
    return reverse(f"reports:{name}", args=[draft.pk, phase])


def test_the_page_shows_the_figures_and_the_preview(client, draft, official):
    client.force_login(official)
    response = client.get(url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="received">1<' in html and "Sở Tư pháp" in html
    assert 'id="organizations-form"' in html and 'id="approve-link"' not in html  # an official cannot approve
    assert not ConsultationReport.objects.exists()  # a read writes nothing


def test_scope_and_bad_phase(client, draft, outsider, official):
    client.force_login(outsider)
    assert client.get(url(draft)).status_code == 404
    client.force_login(official)
    assert client.get(url(draft, phase="final")).status_code == 404
    assert client.get(url(draft, name="consultation_approve")).status_code == 403
    assert client.post(url(draft, name="consultation_approve")).status_code == 403


def test_an_empty_phase_says_what_to_do(client, draft, head):
    client.force_login(head)
    html = client.get(url(draft, phase="draft")).content.decode()
    assert 'id="consultation-empty"' in html and 'id="approve-link"' not in html


def test_organizations_consulted_saved_and_bad_input_refused(client, draft, official):
    client.force_login(official)
    response = client.post(url(draft), {"organizations_consulted": "-3"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not ConsultationReport.objects.exists()
    response = client.post(url(draft), {"organizations_consulted": "17"})
    assert response.status_code == 302
    assert ConsultationReport.objects.get(draft=draft, phase="proposal").organizations_consulted == 17


def test_inspector_may_read_but_not_change(client, draft, inspector):
    client.force_login(inspector)
    assert client.get(url(draft)).status_code == 200
    assert client.post(url(draft), {"organizations_consulted": "2"}).status_code == 403


def test_head_confirms_then_approves(client, draft, head):
    client.force_login(head)
    assert 'id="approve-link"' in client.get(url(draft)).content.decode()
    confirm = client.get(url(draft, name="consultation_approve"))
    assert confirm.status_code == 200 and b'method="post"' in confirm.content
    assert not ConsultationReport.objects.exists()  # GET only asks
    response = client.post(url(draft, name="consultation_approve"))
    assert response.status_code == 302
    report = ConsultationReport.objects.get(draft=draft, phase="proposal")
    assert (report.status, report.approved_by) == (ReportStatus.APPROVED, head)
    html = client.get(url(draft)).content.decode()
    assert 'id="consultation-approved"' in html and 'id="organizations-form"' not in html


def test_approval_refused_with_a_message_while_unanswered(client, draft, head, english):
    factories.CommentFactory(draft=draft, phase=Phase.PROPOSAL, status=Status.PUBLISHED, text="Chưa trả lời")
    client.force_login(head)
    response = client.post(url(draft, name="consultation_approve"), follow=True)
    assert "1 comment of this phase is still unanswered" in response.content.decode()
    assert not ConsultationReport.objects.filter(status=ReportStatus.APPROVED).exists()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_export_job_with_progress_and_download(client, draft, head, fmt, django_capture_on_commit_callbacks):
    client.force_login(head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(draft, name="consultation_export"), {"format": fmt})
    job = ExportJob.objects.get()
    job.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse("reports:export_status", args=[job.pk])
    assert (job.status, job.progress, job.draft, job.phase) == (ExportStatus.DONE, 100, draft, "proposal")
    status = client.get(reverse("reports:export_status", args=[job.pk]))
    assert reverse("reports:consultation", args=[draft.pk, "proposal"]).encode() in status.content
    download = client.get(reverse("reports:export_download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    assert download["Content-Disposition"].endswith(f'bao-cao-tiep-thu-giai-trinh-{draft.pk}-proposal.{fmt}"')
    if fmt == "docx":
        assert "đã nhận được 1 ý kiến góp ý" in "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    else:
        assert content.startswith(b"%PDF")


def test_export_refused_for_xlsx_and_outside_scope(client, draft, head, outsider):
    client.force_login(head)
    client.post(url(draft, name="consultation_export"), {"format": "xlsx"})
    assert not ExportJob.objects.exists()
    client.force_login(outsider)
    assert client.post(url(draft, name="consultation_export"), {"format": "pdf"}).status_code == 404


def test_command_writes_the_latest_phase_with_comments(draft, tmp_path):
    output = tmp_path / "report.docx"
    call_command("export_consultation_report", "--draft", str(draft.pk), "--format", "docx", "--output", str(output))
    text = "\n".join(p.text for p in Document(str(output)).paragraphs)
    assert "đề nghị xây dựng" in text and "đã nhận được 1 ý kiến góp ý" in text
    factories.CommentFactory(draft=draft, phase=Phase.DRAFT, status=Status.PUBLISHED, text="Giai đoạn dự thảo")
    pdf = tmp_path / "report.pdf"
    call_command("export_consultation_report", "--draft", str(draft.pk), "--format", "pdf", "--output", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    call_command("export_consultation_report", "--draft", str(draft.pk), "--phase", "proposal", "--format", "pdf",
                 "--output", str(pdf))


def test_command_errors(draft, tree, tmp_path):
    out = str(tmp_path / "x.pdf")
    with pytest.raises(CommandError, match="No draft with id 999999"):
        call_command("export_consultation_report", "--draft", "999999", "--format", "pdf", "--output", out)
    empty = factories.DraftFactory(drafting_organization=tree["department"])
    with pytest.raises(CommandError, match="has no comments"):
        call_command("export_consultation_report", "--draft", str(empty.pk), "--format", "pdf", "--output", out)
    with pytest.raises(CommandError, match="no comments in the draft phase"):
        call_command("export_consultation_report", "--draft", str(draft.pk), "--phase", "draft", "--format", "pdf",
                     "--output", out)
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export_consultation_report", "--draft", str(draft.pk), "--format", "pdf",
                     "--output", str(tmp_path / "missing" / "x.pdf"))


def test_the_exports_list_names_the_draft(client, draft, head, english):
    from reports.exports import consultation_export_create

    consultation_export_create(draft=draft, phase="proposal", format="pdf", actor=head)
    client.force_login(head)
    html = client.get(reverse("reports:export_list")).content.decode()
    assert "Summary-and-response report: Nghị quyết về học phí (proposal)" in html
