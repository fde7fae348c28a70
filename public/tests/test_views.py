import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from campaigns.models import StoredFile
from public.selectors import current_consultations
from testbed import factories

pytestmark = pytest.mark.django_db

SECRET_NOTE = "GHI-CHU-NOI-BO-KHONG-CONG-KHAI"


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def stored(activity, name, *, public):
    file = StoredFile(
        original_name=name, extension="pdf", content_type="application/pdf", size=9, sha256="0" * 64,
        activity=activity, is_public=public,
    )
    file.file.save("upload", ContentFile(b"%PDF-1.4\n"), save=False)
    file.save()
    return file


@pytest.fixture
def data(tree, official):
    official.email = "official-secret@example.gov.vn"
    official.full_name = "Nguyễn Văn Bímật"
    official.save()
    current = factories.DraftFactory(
        drafting_organization=tree["unit"], title="Dự thảo đang lấy ý kiến", published=True,
        proposal_consultation_start=days(-5), proposal_consultation_end=days(10),
        responsible_official=official, created_by=official, internal_notes=SECRET_NOTE,
        comment_url="https://example.gov.vn/gop-y", comment_instructions="Gửi thư về Sở.",
    )
    factories.PolicyFactory(draft=current, title="Miễn học phí", summary="Tóm tắt chính sách công khai")
    activity = factories.ActivityFactory(draft=current, title="Hoạt động nội bộ")
    public_file = stored(activity, "du-thao-cong-khai.pdf", public=True)
    private_file = stored(activity, "bien-ban-noi-bo.pdf", public=False)
    hidden = factories.DraftFactory(
        drafting_organization=tree["unit"], title="Dự thảo chưa công bố", published=False,
        proposal_consultation_start=days(-5), proposal_consultation_end=days(10),
    )
    hidden_activity = factories.ActivityFactory(draft=hidden)
    hidden_file = stored(hidden_activity, "tep-cua-du-thao-an.pdf", public=True)
    in_draft_phase = factories.DraftFactory(
        drafting_organization=tree["other"], title="Dự thảo giai đoạn dự thảo", published=True,
        proposal_consultation_start=days(-60), proposal_consultation_end=days(-40),
        draft_consultation_start=days(-1), draft_consultation_end=days(0),
    )
    closed = factories.DraftFactory(
        drafting_organization=tree["unit"], title="Dự thảo đã hết hạn", published=True,
        proposal_consultation_start=days(-30), proposal_consultation_end=days(-1),
    )
    withdrawn = factories.DraftFactory(
        drafting_organization=tree["unit"], title="Dự thảo đã rút", published=True, status="withdrawn",
        proposal_consultation_start=days(-5), proposal_consultation_end=days(10),
    )
    open_ended = factories.DraftFactory(
        drafting_organization=tree["unit"], title="Dự thảo không có ngày kết thúc", published=True,
        proposal_consultation_start=days(-5),
    )
    return locals()


def test_current_means_today_within_a_consultation_with_both_dates(data):
    titles = [d.title for d in current_consultations()]
    assert titles == ["Dự thảo giai đoạn dự thảo", "Dự thảo đang lấy ý kiến"]  # closing soonest first


def test_pages_are_public_and_show_only_published_current_drafts(client, data):
    page = client.get(reverse("public:index"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Dự thảo đang lấy ý kiến" in text and "Dự thảo giai đoạn dự thảo" in text
    for absent in ("Dự thảo chưa công bố", "Dự thảo đã hết hạn", "Dự thảo đã rút", "Dự thảo không có ngày kết thúc"):
        assert absent not in text


def test_organization_page_is_the_subtree(client, data, tree):
    text = client.get(reverse("public:organization", args=["HP"])).content.decode()
    assert "Dự thảo đang lấy ý kiến" in text and "Dự thảo giai đoạn dự thảo" not in text
    assert client.get(reverse("public:organization", args=["NOPE"])).status_code == 404


def test_search(client, data):
    text = client.get(reverse("public:index"), {"q": "học phí"}).content.decode()
    assert "Dự thảo đang lấy ý kiến" in text and "Dự thảo giai đoạn dự thảo" not in text


def test_draft_page_shows_policies_dates_files_and_how_to_comment(client, data):
    draft = data["current"]
    text = client.get(reverse("public:draft", args=[draft.pk])).content.decode()
    for shown in ("Miễn học phí", "Tóm tắt chính sách công khai", "https://example.gov.vn/gop-y", "Gửi thư về Sở.",
                  "du-thao-cong-khai.pdf", draft.proposal_consultation_end.strftime("%d/%m/%Y")):
        assert shown in text
    # A closed but published draft still has its page; an unpublished one does not exist publicly.
    assert client.get(reverse("public:draft", args=[data["closed"].pk])).status_code == 200
    assert client.get(reverse("public:draft", args=[data["hidden"].pk])).status_code == 404
    assert client.get(reverse("public:draft", args=[data["withdrawn"].pk])).status_code == 404


def test_files_download_only_when_public_and_draft_published(client, data):
    response = client.get(reverse("public:file", args=[data["public_file"].pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "du-thao-cong-khai.pdf" in response["Content-Disposition"]
    assert client.get(reverse("public:file", args=[data["private_file"].pk])).status_code == 404
    assert client.get(reverse("public:file", args=[data["hidden_file"].pk])).status_code == 404


def test_embed_can_be_framed_and_the_rest_cannot(client, data):
    response = client.get(reverse("public:embed"))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "Dự thảo đang lấy ý kiến" in response.content.decode()
    index = client.get(reverse("public:index"))
    assert index["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in index["Content-Security-Policy"]
    scoped = client.get(reverse("public:embed"), {"organization": "QN"}).content.decode()
    assert "Dự thảo giai đoạn dự thảo" in scoped and "Dự thảo đang lấy ý kiến" not in scoped


def test_feed_is_atom_with_current_drafts(client, data):
    response = client.get(reverse("public:feed"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "Dự thảo đang lấy ý kiến" in text and f"/public/drafts/{data['current'].pk}/" in text
    scoped = client.get(reverse("public:feed"), {"organization": "QN"}).content.decode()
    assert "Dự thảo đang lấy ý kiến" not in scoped and "Dự thảo giai đoạn dự thảo" in scoped


def test_nothing_internal_leaks(client, data, official):
    urls = [
        reverse("public:index"),
        reverse("public:organization", args=["HP"]),
        reverse("public:draft", args=[data["current"].pk]),
        reverse("public:feed"),
        reverse("public:embed"),
    ]
    forbidden = [
        SECRET_NOTE, "Dự thảo chưa công bố", "bien-ban-noi-bo.pdf", "tep-cua-du-thao-an.pdf",
        official.username, official.email, official.full_name, "Hoạt động nội bộ",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for secret in forbidden:
            assert secret not in text, (url, secret)


def test_logged_in_users_see_the_same_public_page(client, data, official):
    client.force_login(official)
    text = client.get(reverse("public:draft", args=[data["current"].pk])).content.decode()
    assert SECRET_NOTE not in text and "bien-ban-noi-bo.pdf" not in text
