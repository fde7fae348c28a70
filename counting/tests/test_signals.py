"""The write services below the engine tell it through signals (drafts.signals, directives.signals), received in
counting.hooks: synchronously, inside the writing transaction, so a save and its dirty mark commit or roll back
together, and the recompute still runs after commit."""

import pytest
from django.db import transaction

from campaigns.services import activity_create
from counting.models import DirtyDraft
from counting.selectors import coverage_for
from directives import signals as directive_signals
from directives.models import Directive
from drafts import signals as draft_signals
from drafts.models import Draft
from drafts.services import draft_update, policy_create

from .helpers import S, draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_pending_lock")]


def test_a_save_marks_its_draft_dirty_in_its_own_transaction(tree, official, django_capture_on_commit_callbacks):
    dr, _ = draft(tree["unit"], d=None)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            activity_create(draft=dr, actor=official, channel="press", date=S, status="done", title="Bài")
            assert list(DirtyDraft.objects.values_list("draft_id", flat=True)) == [dr.pk]  # before any commit
    assert [c.__name__ for c in callbacks] == ["enqueue_recompute_dirty"]  # the recompute waits for the commit


def test_a_rolled_back_save_leaves_no_dirty_mark(tree, official, django_capture_on_commit_callbacks):
    dr, _ = draft(tree["unit"], d=None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                draft_update(draft=dr, actor=official, title="Đổi tên")
                policy_create(draft=dr, actor=official, title="Chính sách mới", high_impact=True)
                assert DirtyDraft.objects.filter(draft_id=dr.pk).exists()
                raise RuntimeError
    assert not DirtyDraft.objects.exists() and callbacks == []
    assert Draft.objects.get(pk=dr.pk).title != "Đổi tên"


def test_a_receiver_that_fails_rolls_the_save_back(tree, official):
    dr, _ = draft(tree["unit"], d=None)

    def refuse(**kwargs):
        raise RuntimeError("the engine could not record the change")

    draft_signals.drafts_changed.connect(refuse, dispatch_uid="test.refuse")
    try:
        with pytest.raises(RuntimeError):
            draft_update(draft=dr, actor=official, title="Đổi tên")
    finally:
        draft_signals.drafts_changed.disconnect(dispatch_uid="test.refuse")
    assert Draft.objects.get(pk=dr.pk).title != "Đổi tên"
    assert not DirtyDraft.objects.exists()


def test_in_eager_mode_a_reader_sees_what_was_just_saved(tree, official, django_capture_on_commit_callbacks):
    dr, _ = draft(tree["unit"], d=None)
    assert coverage_for(tree["city"], 2024).numerator == 0
    with django_capture_on_commit_callbacks(execute=True):
        activity_create(draft=dr, actor=official, channel="portal", date=S, status="done", title="Đăng tin")
    assert coverage_for(tree["city"], 2024).numerator == 1 and not DirtyDraft.objects.exists()


def test_a_directive_change_schedules_the_target_refresh_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            directive_signals.targets_changed.send(sender=Directive)
            directive_signals.targets_changed.send(sender=Directive)  # once per transaction
    assert [c.__name__ for c in callbacks] == ["enqueue_targets_refresh"]
