"""The citizen's side: the public form (refusals store nothing), rate limits, honeypot, receipts, confirmation,
and what the public page shows (escaped text, no personal data)."""

import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from consultation import services
from consultation.models import Comment, ConsultationReport, Decision, Phase, ReportStatus, Source, Status
from drafts.models import DraftStatus
from testbed import factories

pytestmark = pytest.mark.django_db

NAME, ORG, EMAIL = "Trần Thị Riêngtư", "Hội Phụ nữ phường Lê Lợi", "nguoi-dan-rieng@example.vn"


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    try:
        cache.clear()
    except Exception:  # test_without_the_cache_… points the cache at a dead Redis until the settings are restored
        pass


@pytest.fixture
def draft(tree):
    return factories.DraftFactory(
        drafting_organization=tree["department"], title="Dự thảo Nghị quyết học phí", published=True,
        proposal_consultation_start=days(-5), proposal_consultation_end=days(9),
    )


@pytest.fixture
def policy(draft):
    return factories.PolicyFactory(draft=draft, title="Miễn học phí THCS", summary="Ai được miễn, từ khi nào")


def url(draft):
    return reverse("public:comment_submit", args=[draft.pk])


def post(client, draft, ip="198.51.100.7", **fields):
    data = {"text": "Đề nghị mở rộng đối tượng miễn học phí.", **fields}
    return client.post(url(draft), data, REMOTE_ADDR=ip)


def test_the_open_draft_shows_its_policies_the_phase_days_left_and_the_form(client, english, draft, policy):
    out_of_scope = factories.PolicyFactory(draft=draft, title="Chính sách ngoài phạm vi", in_scope=False)
    page = client.get(reverse("public:draft", args=[draft.pk])).content.decode()
    assert policy.title in page and policy.summary in page and out_of_scope.title not in page
    assert "Proposal consultation" in page and "10 days left" in page
    assert 'id="comment-form"' in page and 'name="consent"' in page
    assert "Decree 13/2023/NĐ-CP" in page and "365 more days" in page
    # the honeypot is in the form, hidden from people and from screen readers
    assert re.search(r'<div class="pc-hp" aria-hidden="true">.*name="contact_website"', page, re.S)
    assert page.count(f'value="{policy.pk}"') == 1 and f'value="{out_of_scope.pk}"' not in page


def test_a_comment_is_stored_pending_cleaned_and_redirects_to_its_receipt(client, draft, policy):
    response = post(client, draft, text="  Lua\u0323\u0302t\x00 mới\x1b\r\ndòng 2 ", policy=policy.pk)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("public:receipt", args=[comment.receipt_code]) + "?sent=1"
    assert comment.text == "Luật mới\ndòng 2"
    assert (comment.source, comment.status, comment.phase, comment.policy) == (
        Source.PORTAL, Status.PENDING, Phase.PROPOSAL, policy
    )
    assert comment.consent_at is None and not comment.has_personal_data


def test_personal_fields_with_consent_are_kept_with_the_consent_time(client, draft):
    post(client, draft, name=NAME, organization=ORG, email=EMAIL.upper(), consent="on", show_name="on")
    comment = Comment.objects.get()
    assert (comment.submitter_name, comment.submitter_organization, comment.email) == (NAME, ORG, EMAIL)
    assert comment.show_name and comment.consent_at is not None and comment.email_confirmed_at is None


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"text": ""}, "text"),
        ({"text": " \x00\x07 \r\n "}, "text"),  # nothing left after cleaning
        ({"text": "a" * 5001}, "text"),
        ({"text": "a" * 4990 + "\x00" * 20 + "  "}, None),  # 4,990 after cleaning: accepted (below)
        ({"email": "khong-phai-email", "consent": "on"}, "email"),
        ({"name": NAME}, "consent"),
        ({"email": EMAIL}, "consent"),
        ({"policy": "999999"}, "policy"),
    ],
)
def test_bad_input_is_refused_with_400_nothing_stored_and_the_text_kept(client, english, draft, fields, field):
    response = post(client, draft, **fields)
    if field is None:
        assert response.status_code == 302 and Comment.objects.count() == 1
        return
    assert response.status_code == 400
    assert Comment.objects.count() == 0
    assert field in response.context["form"].errors
    assert "what you typed is kept" in response.content.decode()
    if fields.get("text", "x").strip():
        assert response.context["form"]["text"].value() == fields.get("text", "Đề nghị mở rộng đối tượng miễn học phí.")


def test_a_policy_of_another_draft_or_out_of_scope_is_refused(client, draft, tree):
    other = factories.PolicyFactory(draft=factories.DraftFactory(drafting_organization=tree["department"]))
    hidden = factories.PolicyFactory(draft=draft, in_scope=False)
    for pk in (other.pk, hidden.pk):
        assert post(client, draft, policy=pk).status_code == 400
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "milestones, message",
    [
        ({"adopted_on": days(-1), "status": DraftStatus.ADOPTED}, "has closed"),
        ({"proposal_consultation_start": days(3)}, "accepted from"),
    ],
)
def test_outside_the_window_the_form_is_refused_and_nothing_stored(client, english, draft, milestones, message):
    for name, value in milestones.items():
        setattr(draft, name, value)
    draft.save()
    response = post(client, draft, text="Ý kiến gửi muộn")
    assert response.status_code == 400 and Comment.objects.count() == 0
    body = response.content.decode()
    assert message in body and 'id="comment-form"' not in body
    assert "Ý kiến gửi muộn" in body  # what was typed is shown to be copied
    assert 'id="comment-form"' not in client.get(reverse("public:draft", args=[draft.pk])).content.decode()


@pytest.mark.parametrize("change", [{"status": DraftStatus.WITHDRAWN}, {"published": False}])
def test_a_withdrawn_or_unpublished_draft_answers_404(client, draft, change):
    for name, value in change.items():
        setattr(draft, name, value)
    draft.save()
    assert post(client, draft).status_code == 404
    assert Comment.objects.count() == 0


def test_the_service_refuses_a_closed_window_too(draft):
    draft.adopted_on, draft.status = days(-1), DraftStatus.ADOPTED
    draft.save()
    with pytest.raises(services.WindowClosed):
        services.comment_submit(draft=draft, text="Ý kiến")
    assert Comment.objects.count() == 0


def test_the_honeypot_is_refused_with_400_and_nothing_stored(client, english, draft):
    response = post(client, draft, contact_website="http://spam.example")
    assert response.status_code == 400 and Comment.objects.count() == 0
    assert "could not be accepted" in response.content.decode()
    assert response.context["form"]["text"].value() == "Đề nghị mở rộng đối tượng miễn học phí."


def test_over_the_ip_limit_answers_429_with_retry_after_and_stores_nothing(client, english, settings, draft):
    settings.CONSULTATION_RATE_IP, settings.CONSULTATION_RATE_IP_SECONDS = 2, 600
    assert [post(client, draft, text=f"Ý kiến {n}").status_code for n in range(2)] == [302, 302]
    response = post(client, draft, text="Ý kiến thứ ba")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    assert "Please send it again in" in response.content.decode() and "Ý kiến thứ ba" in response.content.decode()
    assert Comment.objects.count() == 2
    # another address is not limited by this one
    assert post(client, draft, ip="203.0.113.9").status_code == 302


def test_over_the_address_limit_answers_429_from_any_ip(client, settings, draft):
    settings.CONSULTATION_RATE_EMAIL = 1
    assert post(client, draft, ip="198.51.100.1", email=EMAIL, consent="on").status_code == 302
    response = post(client, draft, ip="198.51.100.2", email=EMAIL.upper(), consent="on")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert Comment.objects.count() == 1


def test_refused_input_does_not_use_up_the_limit(client, settings, draft):
    settings.CONSULTATION_RATE_IP = 1
    assert post(client, draft, text="").status_code == 400
    assert post(client, draft).status_code == 302


def test_the_limit_lives_in_the_cache_with_add_and_incr(draft):
    from consultation import throttle

    assert [throttle.hit("t", "k", limit=2, window=60, now=1000.0) for _ in range(3)] == [None, None, 20]
    assert throttle.hit("t", "k", limit=2, window=60, now=1021.0) is None  # the next window


def test_without_the_cache_the_form_still_takes_comments(client, settings, draft):
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }}
    settings.CONSULTATION_RATE_IP = 0  # would refuse everything, if the cache answered
    assert post(client, draft).status_code == 302
    assert Comment.objects.count() == 1


def test_published_comments_are_escaped_grouped_and_show_no_personal_data(client, english, draft, policy, official):
    whole = services.comment_submit(draft=draft, text="<script>alert('x')</script>\nDòng hai", name=NAME,
                                    organization=ORG, email=EMAIL, consent=True)
    named = services.comment_submit(draft=draft, policy=policy, text="Ý kiến có tên", name="Lê Văn Côngkhai",
                                    organization=ORG, consent=True, show_name=True)
    pending = services.comment_submit(draft=draft, text="Ý kiến chưa duyệt")
    hidden = services.comment_submit(draft=draft, text="Quảng cáo rác")
    for c in (whole, named):
        services.comment_publish(comment=c, actor=official)
    services.comment_hide(comment=hidden, actor=official, reason="spam")
    page = client.get(reverse("public:draft", args=[draft.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;<br>Dòng hai" in page
    assert "Lê Văn Côngkhai" in page  # agreed to show the name
    assert NAME not in page and ORG not in page and EMAIL not in page
    assert pending.text not in page and hidden.text not in page
    section = page[page.index('id="comments"'):]
    assert section.index("The draft as a whole") < section.index(policy.title) < section.index("Ý kiến có tên")
    assert section.index("<h3") < section.index("alert(") < section.index(policy.title)


def test_published_comments_are_paginated(client, draft, official):
    for n in range(23):
        services.comment_publish(comment=services.comment_submit(draft=draft, text=f"Ý kiến số {n:02d}"), actor=official)
    first = client.get(reverse("public:draft", args=[draft.pk])).content.decode()
    second = client.get(reverse("public:draft", args=[draft.pk]) + "?comments_page=2").content.decode()
    assert first.count('class="pc-comment"') == 20 and second.count('class="pc-comment"') == 3
    assert "comments_page=2" in first


def receipt_state(client, comment):
    response = client.get(reverse("public:receipt", args=[comment.receipt_code]))
    assert response.status_code == 200
    return response.context["receipt"].state, response.content.decode()


def test_the_receipt_shows_the_state_and_the_answer_only_once_the_report_is_approved(client, english, draft, official):
    comment = services.comment_submit(draft=draft, text="Nội dung góp ý riêng", name=NAME, email=EMAIL,
                                      organization=ORG, consent=True)
    state, body = receipt_state(client, comment)
    assert state == "received" and draft.title in body and comment.receipt_code in body
    assert NAME not in body and EMAIL not in body and ORG not in body and comment.text not in body
    services.comment_hide(comment=comment, actor=official, reason="off_topic")
    state, body = receipt_state(client, comment)
    assert state == "received" and "Hidden" not in body and "Off-topic" not in body  # never told it was hidden
    services.comment_publish(comment=comment, actor=official)
    assert receipt_state(client, comment)[0] == "published"
    Comment.objects.filter(pk=comment.pk).update(decision=Decision.EXPLAINED, response="Đã có quy định tại Điều 3.")
    report = ConsultationReport.objects.create(draft=draft, phase=Phase.PROPOSAL)
    state, body = receipt_state(client, comment)
    assert state == "published" and "Điều 3" not in body  # answers are public only when the report is approved
    report.status = ReportStatus.APPROVED
    report.save()
    state, body = receipt_state(client, comment)
    assert state == "answered" and "Đã có quy định tại Điều 3." in body and "Explained (not accepted)" in body
    page = client.get(reverse("public:draft", args=[draft.pk])).content.decode()
    assert "Đã có quy định tại Điều 3." in page


def test_a_grouped_comment_shows_its_representatives_answer(client, draft, official):
    representative = services.comment_submit(draft=draft, text="Bản gốc")
    member = services.comment_submit(draft=draft, text="Bản sao")
    Comment.objects.filter(pk=representative.pk).update(decision=Decision.ACCEPTED, response="Tiếp thu toàn bộ.")
    Comment.objects.filter(pk=member.pk).update(group=representative, status=Status.PUBLISHED)
    ConsultationReport.objects.create(draft=draft, phase=Phase.PROPOSAL, status=ReportStatus.APPROVED)
    state, body = receipt_state(client, member)
    assert state == "answered" and "Tiếp thu toàn bộ." in body


def test_an_unknown_code_is_a_404_that_says_to_check_the_code(client, english, draft):
    response = client.get(reverse("public:receipt", args=["ZZZZZZZZZZ"]))
    assert response.status_code == 404 and "Check the code" in response.content.decode()
    comment = services.comment_submit(draft=draft, text="Ý kiến")
    lookup = client.get(reverse("public:receipt_lookup"), {"code": f" {comment.receipt_code.lower()} "})
    assert lookup.status_code == 302 and lookup["Location"] == reverse("public:receipt", args=[comment.receipt_code])


def test_one_confirmation_mail_and_the_link_confirms_the_address(client, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, draft, email=EMAIL, consent="on").status_code == 302
    comment = Comment.objects.get()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [EMAIL]
    link = re.search(r"https?://\S+/public/comments/confirm/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    comment.refresh_from_db()
    assert comment.email_confirmed_at is not None
    # no mail without an address
    with django_capture_on_commit_callbacks(execute=True):
        post(client, draft, text="Không có e-mail")
    assert len(mail.outbox) == 1


def test_a_tampered_expired_or_stale_link_confirms_nothing(client, settings, draft):
    comment = services.comment_submit(draft=draft, text="Ý kiến", email=EMAIL, consent=True)
    token = services.confirmation_token(comment)
    assert client.get(reverse("public:comment_confirm", args=[token[:-2] + "xx"])).status_code == 400
    old = signing.dumps({"c": comment.pk, "e": EMAIL}, salt=services.CONFIRM_SALT, compress=True)
    settings.CONSULTATION_CONFIRM_DAYS = -1  # every link is older than its life
    assert client.get(reverse("public:comment_confirm", args=[old])).status_code == 400
    settings.CONSULTATION_CONFIRM_DAYS = 7
    Comment.objects.filter(pk=comment.pk).update(email="khac@example.vn")
    assert client.get(reverse("public:comment_confirm", args=[token])).status_code == 400
    comment.refresh_from_db()
    assert comment.email_confirmed_at is None


@pytest.mark.parametrize("code", ["A/B", "AB%00C", "ĐÀ1", "<script>"])
def test_a_malformed_receipt_code_is_unknown_not_an_error(client, code):
    """Found by review: a slash broke the lookup's redirect and a NUL byte reached PostgreSQL, both a 500."""
    from urllib.parse import quote, unquote

    assert client.get("/public/comments/", {"code": unquote(code)}).status_code == 404
    assert client.get(f"/public/comments/{quote(unquote(code), safe='')}/").status_code == 404
