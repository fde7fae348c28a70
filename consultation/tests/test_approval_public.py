"""Public visibility of the answers: nothing before approval; after it the report section, the downloads and the
feed entry, without personal data."""

import datetime as dt
import io

import pytest
from django.template import Context, Template
from django.urls import reverse
from docx import Document

from consultation import approval
from consultation.models import Decision, Phase
from testbed import factories

SECRET_NAME = "Trần Thị Bímật"
SECRET_MAIL = "bimat@example.vn"
ANSWER = "Cơ quan soạn thảo tiếp thu, bổ sung vào Điều 5."


@pytest.fixture
def draft(tree):
    draft = factories.DraftFactory(
        drafting_organization=tree["department"],
        title="Nghị quyết về học phí",
        published=True,
        proposal_consultation_start=dt.date.today() - dt.timedelta(days=30),
        proposal_consultation_end=dt.date.today() + dt.timedelta(days=5),
    )
    policy = factories.PolicyFactory(draft=draft, title="Miễn học phí")
    factories.CommentFactory(
        draft=draft, policy=policy, text="Đề nghị miễn học phí cho cả học sinh THPT.", submitter_name=SECRET_NAME,
        email=SECRET_MAIL, decision=Decision.ACCEPTED, response=ANSWER,
    )
    factories.CommentFactory(
        draft=draft, text="Tôi ủng hộ.", submitter_name="Lê Văn Công", show_name=True, decision=Decision.NOTED
    )
    return draft


def section(draft):
    return Template('{% include "public/_consultation_report.html" %}').render(Context({"draft": draft}))


def test_nothing_public_before_approval(client, draft):
    assert ANSWER not in section(draft)
    assert client.get(reverse("public:consultation_report", args=[draft.pk, "proposal", "pdf"])).status_code == 404
    assert "Nghị quyết về học phí (" not in client.get(reverse("public:feed")).content.decode()


def test_after_approval_the_answers_report_and_feed_are_public(client, draft, head, english):
    approval.report_approve(report=approval.report_for(draft, Phase.PROPOSAL), actor=head)
    html = section(draft)
    assert ANSWER in html and "Lê Văn Công" in html  # agreed to show the name
    assert SECRET_NAME not in html and SECRET_MAIL not in html
    assert 'data-decision="accepted"' in html
    url = reverse("public:consultation_report", args=[draft.pk, "proposal", "docx"])
    assert url in html
    response = client.get(url)  # anonymous
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "đã nhận được 2 ý kiến góp ý" in text
    pdf = client.get(reverse("public:consultation_report", args=[draft.pk, "proposal", "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    feed = client.get(reverse("public:feed")).content.decode()
    assert "Summary of the comments and the answers: Nghị quyết về học phí" in feed
    assert "#consultation-report-proposal" in feed
    assert SECRET_NAME not in feed and SECRET_MAIL not in feed


def test_downloads_refuse_unknown_phase_format_and_unpublished_drafts(client, draft, head):
    approval.report_approve(report=approval.report_for(draft, Phase.PROPOSAL), actor=head)
    for args in ((draft.pk, "draft", "pdf"), (draft.pk, "proposal", "xlsx"), (draft.pk, "other", "pdf")):
        assert client.get(reverse("public:consultation_report", args=args)).status_code == 404
    draft.published = False
    draft.save()
    assert client.get(reverse("public:consultation_report", args=[draft.pk, "proposal", "pdf"])).status_code == 404
    assert "Nghị quyết về học phí (" not in client.get(reverse("public:feed")).content.decode()
