"""Moderation: publish, or hide with a reason; only officials of the drafting organization; nothing deleted;
every action in the audit log with its actor; the queue (pending first, filters, search, pagination)."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from consultation import services
from consultation.models import Comment, HiddenReason, Source, Status
from testbed import factories

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def draft(tree):
    return factories.DraftFactory(
        drafting_organization=tree["unit"], title="Dự thảo của trường", published=True,
        proposal_consultation_start=days(-5),
    )


@pytest.fixture
def comment(draft):
    return services.comment_submit(draft=draft, text="Đề nghị bổ sung học bổng", name="Phạm Văn Riêng",
                                   email="rieng@example.vn", consent=True)


def entries(comment):
    return LogEntry.objects.get_for_object(comment).order_by("timestamp", "pk")


def test_publish_sets_the_moderator_and_is_audited_with_the_actor(comment, official):
    services.comment_publish(comment=comment, actor=official)
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by, comment.hidden_reason) == (Status.PUBLISHED, official, "")
    assert comment.moderated_at is not None
    last = entries(comment).last()
    assert last.actor == official and "status" in last.changes_dict


def test_hide_keeps_the_comment_with_its_reason_and_is_audited(comment, official):
    services.comment_hide(comment=comment, actor=official, reason=HiddenReason.DUPLICATE)
    comment.refresh_from_db()
    assert (comment.status, comment.hidden_reason, comment.moderated_by) == (
        Status.HIDDEN, HiddenReason.DUPLICATE, official
    )
    assert entries(comment).last().actor == official
    # publishing it later clears the reason; nothing is ever deleted
    services.comment_publish(comment=comment, actor=official)
    comment.refresh_from_db()
    assert (comment.status, comment.hidden_reason) == (Status.PUBLISHED, "")
    assert Comment.objects.count() == 1
    assert not entries(comment).filter(action=LogEntry.Action.DELETE).exists()


def test_a_bad_reason_or_a_repeated_action_is_refused(comment, official):
    with pytest.raises(ValidationError):
        services.comment_hide(comment=comment, actor=official, reason="boring")
    services.comment_publish(comment=comment, actor=official)
    with pytest.raises(ValidationError):
        services.comment_publish(comment=comment, actor=official)


@pytest.mark.parametrize("who", ["inspector", "outsider"])
def test_the_services_refuse_who_may_not_edit(comment, request, who):
    with pytest.raises(PermissionDenied):
        services.comment_publish(comment=comment, actor=request.getfixturevalue(who))
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_an_official_publishes_from_the_queue_after_a_confirmation(client, english, comment, official):
    client.force_login(official)
    queue = reverse("consultation:draft", args=[comment.draft_id])
    page = client.get(queue).content.decode()
    assert comment.text in page and "Phạm Văn Riêng" in page and "rieng@example.vn" in page  # in scope: personal data
    publish = reverse("consultation:publish", args=[comment.pk])
    assert publish in page
    confirm = client.get(publish, {"next": queue})
    assert confirm.status_code == 200 and "Publish this comment?" in confirm.content.decode()
    comment.refresh_from_db()
    assert comment.status == Status.PENDING  # GET changes nothing
    response = client.post(publish, {"next": queue})
    assert response.status_code == 302 and response["Location"] == queue
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED and entries(comment).last().actor == official


def test_hiding_needs_a_reason(client, comment, official):
    client.force_login(official)
    hide = reverse("consultation:hide", args=[comment.pk])
    assert client.post(hide, {}).status_code == 400
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert client.post(hide, {"reason": "spam", "next": "https://evil.example/"}).status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.hidden_reason) == (Status.HIDDEN, "spam")


def test_an_official_of_another_organization_gets_404(client, comment, outsider):
    client.force_login(outsider)
    assert client.get(reverse("consultation:draft", args=[comment.draft_id])).status_code == 404
    for name in ("consultation:publish", "consultation:hide"):
        assert client.get(reverse(name, args=[comment.pk])).status_code == 404
        assert client.post(reverse(name, args=[comment.pk]), {"reason": "spam"}).status_code == 404
    page = client.get(reverse("consultation:queue")).content.decode()
    assert comment.text not in page and "rieng@example.vn" not in page
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_a_reader_who_may_not_edit_gets_403_and_no_buttons(client, comment, inspector):
    client.force_login(inspector)
    page = client.get(reverse("consultation:draft", args=[comment.draft_id])).content.decode()
    assert comment.text in page and reverse("consultation:publish", args=[comment.pk]) not in page
    assert client.post(reverse("consultation:publish", args=[comment.pk])).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_anonymous_is_sent_to_the_login(client, comment):
    response = client.get(reverse("consultation:queue"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_queue_lists_pending_first_and_filters_and_searches(client, draft, official, tree):
    older_pending = services.comment_submit(draft=draft, text="Chờ duyệt cũ", now=timezone.now() - dt.timedelta(days=2))
    published = services.comment_record(draft=draft, actor=official, source=Source.LETTER, text="Thư của cử tri")
    newer_pending = services.comment_submit(draft=draft, text="Học phí quá cao")
    other_draft = factories.DraftFactory(
        drafting_organization=tree["department"], proposal_consultation_start=days(-3), published=True
    )
    elsewhere = services.comment_submit(draft=other_draft, text="Ý kiến dự thảo khác")
    client.force_login(official)
    rows = list(client.get(reverse("consultation:queue")).context["object_list"])
    assert set(rows[:3]) == {newer_pending, older_pending, elsewhere} and rows[3] == published  # pending first
    assert rows.index(older_pending) == 2  # then newest first

    def listed(**query):
        return set(client.get(reverse("consultation:queue"), query).context["object_list"])
    assert listed(status="published") == {published}
    assert listed(source="letter") == {published}
    assert listed(q="HOC PHI") == {newer_pending}  # case and diacritics folded
    assert listed(draft=other_draft.pk) == {elsewhere}
    assert listed(organization=tree["unit"].code) == {older_pending, published, newer_pending}
    assert listed(phase="draft") == set()
    one = client.get(reverse("consultation:draft", args=[draft.pk])).context["object_list"]
    assert set(one) == {older_pending, published, newer_pending}


def test_the_queue_paginates_and_says_what_to_do_when_empty(client, english, draft, official):
    client.force_login(official)
    empty = client.get(reverse("consultation:draft", args=[draft.pk])).content.decode()
    assert 'id="queue-empty"' in empty and "No comment has been received on this draft yet" in empty
    for n in range(26):
        services.comment_submit(draft=draft, text=f"Ý kiến {n}")
    page = client.get(reverse("consultation:queue"))
    assert len(page.context["object_list"]) == 25 and page.context["page_obj"].paginator.num_pages == 2


def test_the_drafts_detail_page_links_to_its_queue(client, draft, official):
    client.force_login(official)
    page = client.get(reverse("drafts:detail", args=[draft.pk])).content.decode()
    assert reverse("consultation:draft", args=[draft.pk]) in page
