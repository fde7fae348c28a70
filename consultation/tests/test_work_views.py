"""The officials' pages on comments: permissions, recording, the comment page's actions, the worklist, the
suggestions, and the activity page's count."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

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

BASE = "Đề nghị giữ nguyên mức học phí năm học 2025-2026 đối với học sinh trung học phổ thông."


@pytest.fixture
def draft(tree):
    return draft_of(tree["department"], adopted_on=dt.date(2026, 8, 1))


@pytest.fixture
def comment(draft):
    return factories.CommentFactory(draft=draft, text=BASE, submitter_name="Nguyễn Văn A", email="a@example.org")


def urls(draft, comment):
    return [
        reverse("consultation_work:record", args=[draft.pk]),
        reverse("consultation_work:answers", args=[draft.pk]),
        reverse("consultation_work:suggestions", args=[draft.pk]),
        reverse("consultation_work:comment", args=[comment.pk]),
    ]


@pytest.mark.parametrize("role", ["official", "head"])
def test_editors_open_every_page(client, users, role, draft, comment):
    client.force_login(users[role])
    for url in urls(draft, comment):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["inspector", "admin"])
def test_readers_read_but_do_not_write(client, users, role, draft, comment):
    client.force_login(users[role])
    record, answers, suggestions, page = urls(draft, comment)
    assert client.get(answers).status_code == 200
    body = client.get(page).content.decode()
    assert "Nguyễn Văn A" in body and 'name="action"' not in body
    assert client.get(record).status_code == 403
    assert client.post(page, {"action": "answer", "answer-decision": "noted"}).status_code == 403
    assert client.post(suggestions, {"action": "reject", "key": str(comment.pk)}).status_code == 403
    comment.refresh_from_db()
    assert comment.decision == ""


def test_outsiders_get_404_and_anonymous_the_login(client, outsider, draft, comment):
    client.force_login(outsider)
    for url in urls(draft, comment):
        assert client.get(url).status_code == 404, url
    client.logout()
    assert client.get(urls(draft, comment)[1]).status_code == 302


def test_record_a_meeting_opinion(client, official, draft, english):
    activity = factories.ActivityFactory(draft=draft, title="Hội nghị phụ huynh")
    client.force_login(official)
    response = client.post(
        reverse("consultation_work:record", args=[draft.pk]),
        {"source": "meeting", "received_on": "10/06/2026", "activity": activity.pk, "text": "Ý kiến tại hội nghị",
         "provision": "Điều 2", "policy": "", "submitter_name": "", "submitter_organization": "", "email": ""},
    )
    comment = Comment.objects.get()
    assert response.status_code == 302 and response.url == reverse("consultation_work:comment", args=[comment.pk])
    assert (comment.source, comment.phase, comment.status, comment.activity) == (
        Source.MEETING, Phase.DRAFT, Status.PUBLISHED, activity
    )
    detail = client.get(reverse("campaigns:activity_detail", args=[activity.pk])).content.decode()
    assert "1 opinion received" in detail
    assert f"{reverse('consultation_work:answers', args=[draft.pk])}?activity={activity.pk}" in detail


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_activity_page_links_its_opinions_with_a_plain_id(client, official, draft, settings, language):
    """An id of 1000 or more is written without a thousand separator (USE_THOUSAND_SEPARATOR): ``?activity=12.345``
    is an invalid filter, and the answers page then lists nothing. The id is set here so the check does not depend
    on how many activities earlier tests created (PostgreSQL sequences survive the tests' rollbacks)."""
    settings.LANGUAGE_CODE = language
    activity = factories.ActivityFactory(draft=draft, pk=12345)
    comment = factories.CommentFactory(draft=draft, activity=activity)
    factories.CommentFactory(draft=draft)
    client.force_login(official)
    detail = client.get(reverse("campaigns:activity_detail", args=[activity.pk])).content.decode()
    answers = f"{reverse('consultation_work:answers', args=[draft.pk])}?activity=12345"
    assert f'href="{answers}"' in detail
    assert list(client.get(answers).context["object_list"]) == [comment]


def test_record_refuses_bad_input_and_saves_nothing(client, official, draft, english):
    client.force_login(official)
    url = reverse("consultation_work:record", args=[draft.pk])
    future = (timezone.localdate() + dt.timedelta(days=2)).strftime("%d/%m/%Y")
    for data in (
        {"source": "portal", "received_on": "10/06/2026", "text": "x"},
        {"source": "letter", "received_on": "31/02/2026", "text": "x"},
        {"source": "letter", "received_on": future, "text": "x"},
        {"source": "letter", "received_on": "10/06/2026", "text": " "},
        {"source": "letter", "received_on": "10/06/2026", "text": "x", "email": "nope"},
        {"source": "letter", "received_on": "10/06/2026", "text": "x" * 5001},
    ):
        response = client.post(url, data)
        assert response.status_code == 200 and b"is-invalid" in response.content, data
    assert not Comment.objects.exists()


def test_answer_from_the_comment_page(client, official, comment, english):
    client.force_login(official)
    page = reverse("consultation_work:comment", args=[comment.pk])
    refused = client.post(page, {"action": "answer", "answer-decision": "explained", "answer-response": ""})
    assert refused.status_code == 400 and b"needs the reason" in refused.content
    ok = client.post(page, {"action": "answer", "answer-decision": "explained", "answer-response": "Vì lý do A."})
    assert ok.status_code == 302
    comment.refresh_from_db()
    assert (comment.decision, comment.response) == (Decision.EXPLAINED, "Vì lý do A.")
    assert "Vì lý do A." in client.get(page).content.decode()


def test_link_a_policy_and_refuse_editing_a_portal_text(client, official, draft, comment):
    policy = factories.PolicyFactory(draft=draft)
    client.force_login(official)
    page = reverse("consultation_work:comment", args=[comment.pk])
    response = client.post(page, {"action": "link", "link-policy": policy.pk, "link-provision": "Điều 7",
                                  "link-activity": "", "link-text": "changed"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.policy, comment.provision, comment.text) == (policy, "Điều 7", BASE)


def test_group_by_receipt_code_with_confirmation_then_ungroup(client, official, draft, comment, english):
    member = factories.CommentFactory(draft=draft, text=BASE + " Cảm ơn.")
    answering.comment_answer(comment=member, actor=official, decision=Decision.NOTED)
    client.force_login(official)
    page = reverse("consultation_work:comment", args=[member.pk])
    unconfirmed = client.post(page, {"action": "group", "group-representative": comment.receipt_code.lower()})
    assert unconfirmed.status_code == 400
    unknown = client.post(page, {"action": "group", "group-representative": "ZZZZ", "group-confirm_clear": "on"})
    assert unknown.status_code == 400 and b"ZZZZ" in unknown.content
    member.refresh_from_db()
    assert member.group is None and member.decision == Decision.NOTED
    ok = client.post(page, {"action": "group", "group-representative": comment.receipt_code, "group-confirm_clear": "on"})
    assert ok.status_code == 302
    member.refresh_from_db()
    assert (member.group, member.decision) == (comment, "")
    assert member.receipt_code in client.get(reverse("consultation_work:comment", args=[comment.pk])).content.decode()
    assert client.post(page, {"action": "ungroup"}).status_code == 302
    member.refresh_from_db()
    assert member.group is None
    assert client.post(page, {"action": "explode"}).status_code == 302


def test_an_approved_phase_shows_no_forms(client, official, draft, comment):
    ConsultationReport.objects.create(draft=draft, phase=comment.phase, status=ReportStatus.APPROVED)
    client.force_login(official)
    page = reverse("consultation_work:comment", args=[comment.pk])
    assert 'name="action"' not in client.get(page).content.decode()
    assert client.post(page, {"action": "answer", "answer-decision": "noted"}).status_code == 400
    comment.refresh_from_db()
    assert comment.decision == ""


class TestWorklist:
    @pytest.fixture
    def comments(self, draft, official, comment):
        policy = factories.PolicyFactory(draft=draft, title="Miễn học phí")
        answered = factories.CommentFactory(draft=draft, text="Đồng ý miễn học phí", policy=policy, provision="Điều 4")
        answering.comment_answer(comment=answered, actor=official, decision=Decision.ACCEPTED)
        hidden = factories.CommentFactory(draft=draft, text="Quảng cáo", status=Status.HIDDEN, hidden_reason="spam")
        late = factories.CommentFactory(
            draft=draft, text="Góp ý giai đoạn dự thảo", phase=Phase.DRAFT, source=Source.LETTER
        )
        return {"plain": comment, "answered": answered, "hidden": hidden, "late": late, "policy": policy}

    def ids(self, client, draft, **query):
        response = client.get(reverse("consultation_work:answers", args=[draft.pk]), query)
        assert response.status_code == 200
        return {row["comment"].pk for row in response.context["rows"]}

    def test_filters(self, client, official, draft, comments):
        client.force_login(official)
        c = comments
        assert self.ids(client, draft) == {c["plain"].pk, c["answered"].pk, c["hidden"].pk, c["late"].pk}
        assert self.ids(client, draft, answer="unanswered") == {c["plain"].pk, c["late"].pk}
        assert self.ids(client, draft, answer="accepted") == {c["answered"].pk}
        assert self.ids(client, draft, phase="draft") == {c["late"].pk}
        assert self.ids(client, draft, policy=c["policy"].pk) == {c["answered"].pk}
        assert self.ids(client, draft, provision="dieu 4") == {c["answered"].pk}
        assert self.ids(client, draft, q="NGUYEN VAN") == {c["plain"].pk}
        assert self.ids(client, draft, source="letter") == {c["late"].pk}
        assert self.ids(client, draft, status="hidden") == {c["hidden"].pk}
        assert self.ids(client, draft, policy="999999999999999999999") == set()  # an invalid filter: no rows, no 500

    def test_overdue_after_the_grace_days(self, client, official, draft, comments, settings):
        # Adopted 1/8/2026: both phases closed; overdue once today is past A + the grace days.
        client.force_login(official)
        settings.CONSULTATION_GRACE_DAYS = 10
        today = timezone.localdate()
        expected = {comments["plain"].pk, comments["late"].pk} if today > dt.date(2026, 8, 11) else set()
        assert self.ids(client, draft, answer="overdue") == expected

    def test_pagination_and_empty_state(self, client, official, draft, english):
        client.force_login(official)
        url = reverse("consultation_work:answers", args=[draft.pk])
        assert b"Record a comment" in client.get(url).content
        for n in range(30):
            factories.CommentFactory(draft=draft, text=f"Ý kiến số {n}")
        first = client.get(url)
        assert len(first.context["rows"]) == 25 and first.context["page_obj"].paginator.num_pages == 2
        assert client.get(url, {"page": 2}).status_code == 200


class TestSuggestions:
    @pytest.fixture
    def cluster(self, draft):
        return [factories.CommentFactory(
            draft=draft, text=BASE
        ), factories.CommentFactory(
            draft=draft, text=BASE.upper()
        ), factories.CommentFactory(
            draft=draft, text=BASE + " Cảm ơn."
        )]

    def test_confirm_groups_the_ticked_comments(self, client, official, draft, cluster):
        client.force_login(official)
        url = reverse("consultation_work:suggestions", args=[draft.pk])
        [suggestion] = client.get(url).context["suggestions"]
        a, b, c = cluster
        response = client.post(url, {"action": "confirm", "key": suggestion.key, "representative": a.pk,
                                     "members": [b.pk]})
        assert response.status_code == 302
        assert list(Comment.objects.filter(group=a)) == [b]
        c.refresh_from_db()
        assert c.group is None

    def test_the_ticked_boxes_post_ids_of_1000_and_more_as_digits(self, client, official, draft, settings):
        """The page's values are posted back as they are: "12.345" (Vietnamese grouping) would be refused."""
        settings.LANGUAGE_CODE = "vi"
        a, b = (factories.CommentFactory(draft=draft, text=text, pk=pk)
                for pk, text in ((12345, BASE), (12346, BASE.upper())))
        client.force_login(official)
        url = reverse("consultation_work:suggestions", args=[draft.pk])
        page = client.get(url)
        [suggestion] = page.context["suggestions"]
        html = page.content.decode()
        assert 'name="representative" value="12345"' in html and 'name="members" value="12346"' in html
        client.post(url, {"action": "confirm", "key": suggestion.key, "representative": "12345", "members": ["12346"]})
        assert list(Comment.objects.filter(group=a)) == [b]

    def test_another_representative_can_be_chosen(self, client, official, draft, cluster, english):
        client.force_login(official)
        url = reverse("consultation_work:suggestions", args=[draft.pk])
        page = client.get(url)
        [suggestion] = page.context["suggestions"]
        a, b, c = cluster
        assert page.content.decode().count('name="representative"') == 3
        client.post(url, {"action": "confirm", "key": suggestion.key, "representative": b.pk,
                          "members": [a.pk, b.pk, c.pk]})
        assert set(Comment.objects.filter(group=b)) == {a, c}
        assert client.get(url).context["suggestions"] == []

    def test_reject_stores_every_pair_and_the_suggestion_is_gone(self, client, official, draft, cluster):
        client.force_login(official)
        url = reverse("consultation_work:suggestions", args=[draft.pk])
        [suggestion] = client.get(url).context["suggestions"]
        assert client.post(url, {"action": "reject", "key": suggestion.key}).status_code == 302
        assert GroupingRejection.objects.count() == 3
        assert client.get(url).context["suggestions"] == []

    def test_tampered_posts_change_nothing(self, client, official, draft, cluster, tree):
        foreign = factories.CommentFactory(draft=draft_of(tree["department"]), text=BASE)
        client.force_login(official)
        url = reverse("consultation_work:suggestions", args=[draft.pk])
        a = cluster[0]
        for data in (
            {"action": "confirm", "key": f"{a.pk},{foreign.pk}", "representative": a.pk, "members": [foreign.pk]},
            {"action": "confirm", "key": "x,y"},
            {"action": "confirm", "key": str(2**70)},
            {"action": "confirm", "key": f"{a.pk},{cluster[1].pk}", "representative": a.pk},
            {"action": "boom", "key": f"{a.pk},{cluster[1].pk}"},
        ):
            assert client.post(url, data).status_code == 302, data
        assert not Comment.objects.filter(group__isnull=False).exists()
        assert not GroupingRejection.objects.exists()


def test_the_draft_links_include_renders_for_the_draft_page(official, draft, comment, english, rf):
    from django.template.loader import render_to_string

    html = render_to_string("consultation/work_draft_links.html", {"draft": draft, "can_edit": True})
    assert "1 comment received" in html
    assert reverse("consultation_work:record", args=[draft.pk]) in html
    assert reverse("consultation_work:record", args=[draft.pk]) not in render_to_string(
        "consultation/work_draft_links.html", {"draft": draft, "can_edit": False}
    )
