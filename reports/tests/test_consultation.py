"""The summary-and-response report: every count equals the database, in both formats read back; order by provision
(natural), then policy; personal data only as the public may see it."""

import datetime as dt
import io
import subprocess

import pytest
from django.db.models import Count
from docx import Document
from pypdf import PdfReader

from consultation.models import Comment, ConsultationReport, Decision, HiddenReason, Phase, Source, Status
from reports.consultation import CITIZEN, build_consultation_report, natural_key
from reports.renderers import render_consultation
from testbed import factories


@pytest.fixture
def consulted(tree):
    """A draft of the department with two policies and comments of every kind in the proposal phase."""
    draft = factories.DraftFactory(
        drafting_organization=tree["department"],
        title="Nghị quyết quy định mức học phí năm học 2026-2027",
        proposal_consultation_start=dt.date(2026, 3, 1),
        draft_consultation_start=dt.date(2026, 6, 1),
    )
    first = factories.PolicyFactory(draft=draft, title="Miễn học phí cho học sinh trung học cơ sở", position=1)
    second = factories.PolicyFactory(draft=draft, title="Hỗ trợ chi phí học tập", position=2)
    c = {}
    c["written"] = factories.CommentFactory(
        draft=draft, source=Source.WRITTEN, submitter_organization="Sở Tư pháp", provision="Điều 10",
        text="Đề nghị bổ sung căn cứ pháp lý.", decision=Decision.ACCEPTED, response="Đã bổ sung.",
    )
    c["named"] = factories.CommentFactory(
        draft=draft, source=Source.PORTAL, submitter_name="Nguyễn Văn An", show_name=True, provision="Điều 2, khoản 1",
        text="Mức thu quá cao đối với vùng nông thôn.", decision=Decision.EXPLAINED,
        response="Mức thu đã thấp hơn mức trần của Nghị định 81/2021/NĐ-CP.",
    )
    c["private"] = factories.CommentFactory(
        draft=draft, source=Source.PORTAL, submitter_name="Trần Thị Bình", email="binh@example.vn", policy=second,
        text="Nên hỗ trợ cả học sinh khuyết tật.", decision=Decision.PARTLY_ACCEPTED,
        response="Tiếp thu đối với học sinh khuyết tật thuộc hộ nghèo.",
    )
    c["group"] = factories.CommentFactory(
        draft=draft, source=Source.PORTAL, policy=first, text="Đồng ý miễn học phí.", decision=Decision.NOTED,
        response="Xin ghi nhận.",
    )
    c["member1"] = factories.CommentFactory(
        draft=draft, source=Source.PORTAL, policy=first, text="Đồng ý miễn học phí!", group=c["group"]
    )
    c["member2"] = factories.CommentFactory(
        draft=draft, source=Source.EMAIL, policy=first, text="Tôi đồng ý miễn học phí.", group=c["group"]
    )
    c["meeting"] = factories.CommentFactory(
        draft=draft, source=Source.MEETING, text="Cử tri đề nghị công khai các khoản thu.", decision=Decision.ACCEPTED,
        response="Đã bổ sung Điều 7.",
    )
    c["spam"] = factories.CommentFactory(
        draft=draft, source=Source.PORTAL, status=Status.HIDDEN, hidden_reason=HiddenReason.SPAM, text="Quảng cáo"
    )
    c["off"] = factories.CommentFactory(
        draft=draft, source=Source.PORTAL, status=Status.HIDDEN, hidden_reason=HiddenReason.OFF_TOPIC, text="Khác"
    )
    c["later"] = factories.CommentFactory(
        draft=draft, phase=Phase.DRAFT, source=Source.PORTAL, text="Ý kiến giai đoạn dự thảo"
    )
    ConsultationReport.objects.create(draft=draft, phase=Phase.PROPOSAL, organizations_consulted=14)
    return {"draft": draft, "comments": c, "policies": (first, second)}


def expected_counts(draft, phase):
    """The figures straight from the database, independently of reports/consultation.py."""
    comments = Comment.objects.filter(draft=draft, phase=phase)
    shown = comments.filter(status=Status.PUBLISHED)
    by_source = dict(shown.values_list("source").annotate(n=Count("pk")))
    by_decision = {}
    for own, grouped in shown.values_list("decision", "group__decision"):
        key = grouped if grouped is not None else own
        by_decision[key] = by_decision.get(key, 0) + 1
    return {
        "received": comments.count(),
        "hidden": comments.filter(status=Status.HIDDEN).count(),
        "shown": shown.count(),
        "by_source": by_source,
        "by_decision": by_decision,
    }


def test_natural_order_of_provisions():
    assert sorted(["Điều 10", "Điều 2, khoản 3", "điều 2, khoản 1", "Điều 1"], key=natural_key) == [
        "Điều 1", "điều 2, khoản 1", "Điều 2, khoản 3", "Điều 10"]


def test_the_counts_equal_the_database(consulted):
    draft = consulted["draft"]
    expected = expected_counts(draft, Phase.PROPOSAL)
    doc = build_consultation_report(draft=draft, phase=Phase.PROPOSAL)
    assert (doc.received, doc.hidden, doc.summarised) == (expected["received"], expected["hidden"], expected["shown"])
    assert (doc.received, doc.hidden, doc.summarised) == (9, 2, 7)
    assert {code: n for code, _l, n in doc.by_source if n} == expected["by_source"]
    assert {code: n for code, _l, n in doc.by_decision if n} == expected["by_decision"]
    assert doc.organizations_consulted == 14
    # One entry per representative; a group counts all its members.
    assert len(doc.entries) == 5 and sum(e.count for e in doc.entries) == expected["shown"]


def test_table_by_provision_then_policy_then_general_and_no_private_name(consulted):
    doc = build_consultation_report(draft=consulted["draft"], phase=Phase.PROPOSAL)
    first, second = consulted["policies"]
    assert [s.title for s in doc.sections] == [
        "Điều 2, khoản 1", "Điều 10", f"Chính sách: {first.title}", f"Chính sách: {second.title}",
        "Góp ý chung đối với hồ sơ đề nghị xây dựng"]
    submitters = [e.submitters for e in doc.entries]
    assert submitters[0] == "Nguyễn Văn An"  # agreed to show the name
    assert submitters[1] == "Sở Tư pháp"  # a consulted organization
    assert submitters[2] == f"{CITIZEN} (3 ý kiến)"  # the group: representative and two members
    assert submitters[3] == CITIZEN  # did not agree: no name
    everything = repr(doc)
    assert "Trần Thị Bình" not in everything and "binh@example.vn" not in everything


def _docx_text(content):
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts), document


def _figure_rows(text, labels):
    rows = {}
    for line in text.splitlines():
        for code, label in labels.items():
            if line.startswith(f"{label} | "):
                rows[code] = int(line.rsplit(" | ", 1)[1])
    return rows


def test_docx_counts_read_back_equal_the_database(consulted):
    from reports.consultation import DECISION_LABELS, SOURCE_LABELS, UNANSWERED_LABEL

    draft = consulted["draft"]
    expected = expected_counts(draft, Phase.PROPOSAL)
    text, document = _docx_text(render_consultation(build_consultation_report(draft=draft, phase=Phase.PROPOSAL), "docx"))
    assert f"đã nhận được {expected['received']} ý kiến góp ý" in text
    assert f"trong đó {expected['shown']} ý kiến được tổng hợp" in text
    assert "gửi lấy ý kiến 14 cơ quan, tổ chức" in text
    assert f"Có {expected['hidden']} ý kiến không được đưa vào phần tổng hợp" in text
    sources = _figure_rows(text, SOURCE_LABELS)
    assert {k: v for k, v in sources.items() if v} == expected["by_source"]
    decisions = _figure_rows(text, {**DECISION_LABELS, "": UNANSWERED_LABEL})
    assert {k: v for k, v in decisions.items() if v} == expected["by_decision"]
    assert text.count(f"Tổng cộng | {expected['shown']}") == 2
    assert "Trần Thị Bình" not in text
    # The annex lists every representative with its group size.
    annex = document.tables[-1]
    assert len(annex.rows) - 1 == 5
    assert sum(int(row.cells[5].text) for row in annex.rows[1:]) == expected["shown"]


def test_pdf_counts_read_back_equal_the_database(consulted, tmp_path):
    draft = consulted["draft"]
    expected = expected_counts(draft, Phase.PROPOSAL)
    content = render_consultation(build_consultation_report(draft=draft, phase=Phase.PROPOSAL), "pdf")
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert f"đã nhận được {expected['received']} ý kiến góp ý" in flat
    assert f"trong đó {expected['shown']} ý kiến được tổng hợp" in flat
    assert f"Có {expected['hidden']} ý kiến không được đưa vào phần tổng hợp" in flat
    assert "Tiếp thu một phần" in flat and "Trần Thị Bình" not in flat
    pypdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    for source, count in expected["by_source"].items():
        from reports.consultation import SOURCE_LABELS

        label = " ".join(SOURCE_LABELS[source].split())
        assert f"{label} {count}" in " ".join(pypdf_text.split()) or f"{label}\n{count}" in pypdf_text


def test_a_comment_waiting_for_moderation_is_counted_but_not_summarised(consulted):
    draft = consulted["draft"]
    factories.CommentFactory(draft=draft, source=Source.PORTAL, status=Status.PENDING, text="CHƯA-KIỂM-DUYỆT")
    doc = build_consultation_report(draft=draft, phase=Phase.PROPOSAL)
    assert (doc.received, doc.pending, doc.summarised) == (10, 1, 7)
    assert "CHƯA-KIỂM-DUYỆT" not in repr(doc.tables())
    assert "Có 1 ý kiến đang chờ kiểm duyệt" in doc.hidden_note
