"""The officials' write services on comments: update, answer, group, ungroup, reject a suggestion."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from consultation import answering
from consultation.models import (
    Comment,
    ConsultationReport,
    Decision,
    GroupingRejection,
    Phase,
    ReportStatus,
    Source,
    Status,
)
from testbed import factories

from .h2_support import draft_of


@pytest.fixture
def draft(tree):
    return draft_of(tree["department"])


def approve(draft, phase=Phase.PROPOSAL):
    return ConsultationReport.objects.create(draft=draft, phase=phase, status=ReportStatus.APPROVED)


# Update


def test_update_links_policy_provision_and_activity(draft, official):
    policy = factories.PolicyFactory(draft=draft)
    activity = factories.ActivityFactory(draft=draft)
    comment = factories.CommentFactory(draft=draft)
    updated = answering.comment_update(
        comment=comment, actor=official, policy=policy, provision=" Điều 5, khoản 2 ", activity=activity
    )
    comment.refresh_from_db()
    assert (comment.policy, comment.provision, comment.activity) == (policy, "Điều 5, khoản 2", activity)
    assert updated.pk == comment.pk
    assert LogEntry.objects.get_for_object(comment).exists()


def test_update_refuses_a_policy_of_another_draft(draft, official, tree):
    other = factories.PolicyFactory(draft=draft_of(tree["department"]))
    comment = factories.CommentFactory(draft=draft)
    with pytest.raises(ValidationError) as refused:
        answering.comment_update(comment=comment, actor=official, policy=other)
    assert "policy" in refused.value.message_dict
    comment.refresh_from_db()
    assert comment.policy is None


def test_a_portal_comment_keeps_the_citizens_words(draft, official):
    comment = factories.CommentFactory(draft=draft, text="Ý kiến gốc")
    with pytest.raises(ValidationError) as refused:
        answering.comment_update(comment=comment, actor=official, text="Sửa lại")
    assert "text" in refused.value.message_dict
    comment.refresh_from_db()
    assert comment.text == "Ý kiến gốc"


def test_a_recorded_comment_can_be_corrected_but_never_become_a_portal_one(draft, official):
    comment = factories.CommentFactory(draft=draft, source=Source.LETTER, text="Thư góp ý")
    answering.comment_update(
        comment=comment, actor=official, text="Thư góp ý\x00 đã sửa", source=Source.EMAIL, submitter_name="Nguyễn Văn A"
    )
    comment.refresh_from_db()
    assert (comment.text, comment.source, comment.submitter_name) == ("Thư góp ý đã sửa", Source.EMAIL, "Nguyễn Văn A")
    with pytest.raises(ValidationError):
        answering.comment_update(comment=comment, actor=official, source=Source.PORTAL)
    with pytest.raises(ValidationError):
        answering.comment_update(comment=comment, actor=official, email="not-an-address")
    comment.refresh_from_db()
    assert (comment.source, comment.email) == (Source.EMAIL, "")


# Answer


def test_answer_sets_decision_response_and_who(draft, official):
    comment = factories.CommentFactory(draft=draft)
    answering.comment_answer(comment=comment, actor=official, decision=Decision.ACCEPTED, response="Tiếp thu.")
    comment.refresh_from_db()
    assert (comment.decision, comment.response, comment.answered_by) == (Decision.ACCEPTED, "Tiếp thu.", official)
    assert comment.answered_at is not None


def test_explained_needs_the_reason(draft, official):
    comment = factories.CommentFactory(draft=draft)
    with pytest.raises(ValidationError) as refused:
        answering.comment_answer(comment=comment, actor=official, decision=Decision.EXPLAINED, response="  ")
    assert "response" in refused.value.message_dict
    comment.refresh_from_db()
    assert comment.decision == ""


def test_an_unknown_decision_is_refused(draft, official):
    comment = factories.CommentFactory(draft=draft)
    with pytest.raises(ValidationError) as refused:
        answering.comment_answer(comment=comment, actor=official, decision="maybe")
    assert "decision" in refused.value.message_dict


def test_only_a_representative_or_a_visible_comment_is_answered(draft, official):
    rep, member = factories.CommentFactory.create_batch(2, draft=draft)
    answering.comment_group(representative=rep, members=[member], actor=official)
    with pytest.raises(ValidationError):
        answering.comment_answer(comment=member, actor=official, decision=Decision.NOTED)
    hidden = factories.CommentFactory(draft=draft, status=Status.HIDDEN, hidden_reason="spam")
    with pytest.raises(ValidationError):
        answering.comment_answer(comment=hidden, actor=official, decision=Decision.NOTED)


def test_answers_are_final_once_the_report_is_approved(draft, official):
    comment = factories.CommentFactory(draft=draft)
    draft_phase = factories.CommentFactory(draft=draft, phase=Phase.DRAFT)
    approve(draft, Phase.PROPOSAL)
    with pytest.raises(ValidationError):
        answering.comment_answer(comment=comment, actor=official, decision=Decision.NOTED)
    with pytest.raises(ValidationError):
        answering.comment_update(comment=comment, actor=official, provision="Điều 1")
    # The other phase's report is not approved: its comments are still answered.
    answering.comment_answer(comment=draft_phase, actor=official, decision=Decision.NOTED)
    comment.refresh_from_db()
    assert (comment.decision, comment.provision) == ("", "")


# Group


def test_grouping_clears_the_members_own_answer_and_keeps_their_status(draft, official):
    rep = factories.CommentFactory(draft=draft)
    pending = factories.CommentFactory(draft=draft, status=Status.PENDING)
    answered = factories.CommentFactory(draft=draft)
    answering.comment_answer(comment=answered, actor=official, decision=Decision.ACCEPTED, response="Có")
    answering.comment_group(representative=rep, members=[pending, answered], actor=official)
    pending.refresh_from_db()
    answered.refresh_from_db()
    assert (pending.group, pending.status) == (rep, Status.PENDING)
    assert (answered.group, answered.decision, answered.response, answered.answered_by) == (rep, "", "", None)
    assert answering.representative_of(answered) == rep


def test_grouping_needs_the_same_draft_and_phase(draft, official, tree):
    rep = factories.CommentFactory(draft=draft)
    other_phase = factories.CommentFactory(draft=draft, phase=Phase.DRAFT)
    other_draft = factories.CommentFactory(draft=draft_of(tree["department"]))
    for member in (other_phase, other_draft):
        with pytest.raises(ValidationError):
            answering.comment_group(representative=rep, members=[member], actor=official)
    assert not Comment.objects.filter(group=rep).exists()


def test_no_chains(draft, official):
    a, b, c = factories.CommentFactory.create_batch(3, draft=draft)
    answering.comment_group(representative=a, members=[b], actor=official)
    with pytest.raises(ValidationError):  # a member cannot represent
        answering.comment_group(representative=b, members=[c], actor=official)
    with pytest.raises(ValidationError):  # a representative cannot become a member
        answering.comment_group(representative=c, members=[a], actor=official)
    with pytest.raises(ValidationError):
        answering.comment_group(representative=a, members=[a], actor=official)
    with pytest.raises(ValidationError):
        answering.comment_group(representative=a, members=[], actor=official)


def test_a_refused_group_saves_none_of_its_members(draft, official):
    rep, good = factories.CommentFactory.create_batch(2, draft=draft)
    bad = factories.CommentFactory(draft=draft, phase=Phase.DRAFT)
    with pytest.raises(ValidationError):
        answering.comment_group(representative=rep, members=[good, bad], actor=official)
    good.refresh_from_db()
    assert good.group is None


def test_ungroup_leaves_the_comment_unanswered(draft, official):
    rep, member = factories.CommentFactory.create_batch(2, draft=draft)
    answering.comment_group(representative=rep, members=[member], actor=official)
    answering.comment_ungroup(comment=member, actor=official)
    member.refresh_from_db()
    assert (member.group, member.decision) == (None, "")
    with pytest.raises(ValidationError):
        answering.comment_ungroup(comment=member, actor=official)


# Suggestions


def test_a_rejection_is_stored_once_in_order(draft, official):
    a, b = factories.CommentFactory.create_batch(2, draft=draft)
    answering.suggestion_reject(first=b, second=a, actor=official)
    answering.suggestion_reject(first=a, second=b, actor=official)
    rejection = GroupingRejection.objects.get()
    assert (rejection.first, rejection.second, rejection.rejected_by) == (a, b, official)
    with pytest.raises(ValidationError):
        answering.suggestion_reject(first=a, second=a, actor=official)
