"""Approving the summary-and-response report: who may, what blocks it, and the one-time e-mail of the answers."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from consultation import approval
from consultation.models import ConsultationReport, Decision, HiddenReason, Phase, ReportStatus, Source, Status
from testbed import factories


@pytest.fixture
def draft(tree):
    return factories.DraftFactory(
        drafting_organization=tree["department"],
        title="Nghị quyết về học phí",
        proposal_consultation_start=dt.date(2026, 3, 1),
        draft_consultation_start=dt.date(2026, 6, 1),
    )


def report_of(draft, phase=Phase.PROPOSAL):
    return approval.report_for(draft, phase)


def test_an_official_cannot_approve_and_nothing_changes(draft, official):
    factories.CommentFactory(draft=draft, decision=Decision.ACCEPTED)
    with pytest.raises(PermissionDenied):
        approval.report_approve(report=report_of(draft), actor=official)
    assert not ConsultationReport.objects.filter(status=ReportStatus.APPROVED).exists()


def test_a_head_of_another_organization_cannot_approve(draft, tree):
    other_head = factories.user_with_role("head", tree["other"])
    with pytest.raises(PermissionDenied):
        approval.report_approve(report=report_of(draft), actor=other_head)


def test_refused_while_a_published_or_pending_portal_comment_is_unanswered(draft, head, english):
    pending = factories.CommentFactory(draft=draft, status=Status.PENDING)
    factories.CommentFactory(draft=draft, decision=Decision.NOTED)
    with pytest.raises(ValidationError) as refused:
        approval.report_approve(report=report_of(draft), actor=head)
    assert "1 comment of this phase is still unanswered" in refused.value.messages[0]
    assert not ConsultationReport.objects.filter(status=ReportStatus.APPROVED).exists()
    # A member of an unanswered group is unanswered too.
    representative = factories.CommentFactory(draft=draft)
    factories.CommentFactory(draft=draft, group=representative)
    pending.status, pending.hidden_reason = Status.HIDDEN, HiddenReason.SPAM
    pending.save()
    with pytest.raises(ValidationError) as refused:
        approval.report_approve(report=report_of(draft), actor=head)
    assert "2 comments" in refused.value.messages[0]


def test_hidden_comments_and_other_phases_do_not_block(draft, head):
    factories.CommentFactory(draft=draft, status=Status.HIDDEN, hidden_reason=HiddenReason.SPAM)
    factories.CommentFactory(draft=draft, phase=Phase.DRAFT)
    representative = factories.CommentFactory(draft=draft, decision=Decision.EXPLAINED, response="Vì…")
    factories.CommentFactory(draft=draft, group=representative)
    report = approval.report_approve(report=report_of(draft), actor=head)
    report.refresh_from_db()
    assert (report.status, report.approved_by) == (ReportStatus.APPROVED, head)
    assert report.approved_at is not None
    assert approval.answers_are_public(draft, Phase.PROPOSAL)
    assert not approval.answers_are_public(draft, Phase.DRAFT)


def test_approved_once_and_then_frozen(draft, head, official):
    approval.report_set_organizations_consulted(report=report_of(draft), actor=official, organizations_consulted=12)
    approval.report_approve(report=report_of(draft), actor=head)
    with pytest.raises(ValidationError):
        approval.report_approve(report=report_of(draft), actor=head)
    with pytest.raises(ValidationError):
        approval.report_set_organizations_consulted(report=report_of(draft), actor=official, organizations_consulted=3)
    assert report_of(draft).organizations_consulted == 12


def test_organizations_consulted_needs_an_editor(draft, inspector, outsider):
    for user in (inspector, outsider):
        with pytest.raises(PermissionDenied):
            approval.report_set_organizations_consulted(report=report_of(draft), actor=user, organizations_consulted=1)
    assert not ConsultationReport.objects.exists()


def test_the_answer_is_mailed_once_to_confirmed_addresses_only(draft, head, django_capture_on_commit_callbacks):
    now = timezone.now()
    representative = factories.CommentFactory(
        draft=draft, email="an@example.vn", email_confirmed_at=now, text="Giảm học phí",
        decision=Decision.PARTLY_ACCEPTED, response="Tiếp thu đối với hộ nghèo.",
    )
    member = factories.CommentFactory(
        draft=draft, email="binh@example.vn", email_confirmed_at=now, group=representative, source=Source.EMAIL
    )
    factories.CommentFactory(draft=draft, email="chua-xac-nhan@example.vn", decision=Decision.NOTED)  # not confirmed
    factories.CommentFactory(  # hidden: never told
        draft=draft, email="an-di@example.vn", email_confirmed_at=now, status=Status.HIDDEN,
        hidden_reason=HiddenReason.ABUSIVE,
    )
    # another phase
    factories.CommentFactory(draft=draft, phase=Phase.DRAFT, email="sau@example.vn", email_confirmed_at=now)
    with django_capture_on_commit_callbacks(execute=True):
        approval.report_approve(report=report_of(draft), actor=head)
    assert sorted(m.to[0] for m in mail.outbox) == ["an@example.vn", "binh@example.vn"]
    to_member = next(m for m in mail.outbox if m.to == ["binh@example.vn"])
    assert "Tiếp thu đối với hộ nghèo." in to_member.body  # the group's answer
    assert member.receipt_code in to_member.body
    member.refresh_from_db()
    assert member.answer_sent_at is not None
    # A retry (the task delivered twice, or run again by hand) sends nothing more.
    approval.send_answers.delay(report_of(draft).pk)
    assert approval.send_answers_for(report_id=report_of(draft).pk) == 0
    assert len(mail.outbox) == 2


def test_nothing_is_mailed_before_approval(draft):
    c = factories.CommentFactory(
        draft=draft, email="an@example.vn", email_confirmed_at=timezone.now(), decision=Decision.NOTED
    )
    assert approval.send_answer(comment_id=c.pk) is False
    assert mail.outbox == []


def test_a_failed_send_is_retried_later(draft, head, settings, django_capture_on_commit_callbacks):
    c = factories.CommentFactory(
        draft=draft, email="an@example.vn", email_confirmed_at=timezone.now(), decision=Decision.NOTED
    )
    settings.EMAIL_BACKEND = "consultation.tests.failing_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        approval.report_approve(report=report_of(draft), actor=head)
    c.refresh_from_db()
    assert c.answer_sent_at is None  # the stamp rolled back with the failed send
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert approval.send_answers_for(report_id=report_of(draft).pk) == 1
    c.refresh_from_db()
    assert c.answer_sent_at is not None and len(mail.outbox) == 1


def test_latest_phase_with_comments(draft):
    assert approval.latest_phase_with_comments(draft) is None
    factories.CommentFactory(draft=draft)
    assert approval.latest_phase_with_comments(draft) == Phase.PROPOSAL
    factories.CommentFactory(draft=draft, phase=Phase.DRAFT)
    assert approval.latest_phase_with_comments(draft) == Phase.DRAFT


def test_an_answered_comment_still_waiting_for_moderation_blocks(draft, head):
    """The report summarises published comments only: each must be published or hidden before approval."""
    factories.CommentFactory(draft=draft, status=Status.PENDING, decision=Decision.NOTED)
    with pytest.raises(ValidationError):
        approval.report_approve(report=report_of(draft), actor=head)
    assert approval.blocking_comments(draft, Phase.PROPOSAL).count() == 1
