"""Upload security: content decides the type, names never reach the disk, limits give form errors, downloads are
attachments only for people who can read the draft."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns import services
from campaigns.models import Activity, StoredFile
from core import files

from .samples import docx_bytes, ooxml_bytes, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.usefixtures("english")  # the assertions read the English messages

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def activity_post(draft, **overrides):
    data = {
        "title": "Đăng tải dự thảo trên cổng thông tin",
        "channel": "portal",
        "date": "15/02/2024",
        "status": "done",
        "description": "Mô tả chi tiết do cán bộ nhập, không được mất.",
        "reach": "1200",
        "feedback": "Nhiều ý kiến đồng tình.",
        "evidence_url": "https://example.gov.vn/bai-viet",
        "policies": [p.pk for p in draft.policies.all()[:1]],
    }
    data.update(overrides)
    return data


def assert_nothing_saved_and_input_kept(response):
    assert response.status_code == 200
    assert not Activity.objects.exists()
    assert not StoredFile.objects.exists()
    html = response.content.decode()
    # Every typed value is back in the form…
    for typed in ("Đăng tải dự thảo trên cổng thông tin", "Mô tả chi tiết do cán bộ nhập", "15/02/2024", "1200",
                  "Nhiều ý kiến đồng tình.", "https://example.gov.vn/bai-viet"):
        assert typed in html, typed
    # …and the user is told to pick the file again.
    assert "select your file(s) again" in html


# --- sniff(): the content decides -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, kind",
    [
        (pdf_bytes(), files.PDF),
        (png_bytes(), files.PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64, files.JPEG),
        (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", files.MP4),
        (ooxml_bytes(["[Content_Types].xml", "word/document.xml"]), files.DOCX),
        (ooxml_bytes(["[Content_Types].xml", "xl/workbook.xml"]), files.XLSX),
        (ooxml_bytes(["[Content_Types].xml", "ppt/presentation.xml"]), files.PPTX),
    ],
)
def test_allowed_kinds_are_recognised_from_content_whatever_the_name(content, kind):
    assert files.sniff(upload("no-extension", content)) == kind


@pytest.mark.parametrize(
    "content",
    [
        HTML,  # HTML renamed to .pdf
        png_bytes(b"\x00\x00\x00\x20tEXtComment\x00<script>alert(1)</script>"),  # PNG with HTML inside
        png_bytes(b"\x00" * 70_000 + b"<svg onload=alert(1)>"),  # markup hidden past the first chunk
        png_bytes(b"\x00" * (65_536 - 33 - 4) + b"<ifr" + b"ame>"),  # a marker split across two chunks
        b"%PDF-1.4\n<html><script>alert(1)</script>",
        ooxml_bytes(["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"]),  # macros inside
        ooxml_bytes(["META-INF/MANIFEST.MF"]),  # a zip that is not an Office document
        b"MZ\x90\x00",  # a Windows executable
        b"",
    ],
    ids=["html-as-pdf", "png-with-html", "png-markup-late", "png-markup-split", "pdf-with-html", "docm", "jar", "exe", "empty"],
)
def test_refused_content(content):
    with pytest.raises(files.UnsupportedFile):
        files.sniff(upload("innocent.pdf", content))


def test_marker_split_across_chunks_is_really_split():
    # Guards the test above: the marker must straddle the 64 KiB boundary, or it proves nothing.
    content = png_bytes(b"\x00" * (65_536 - 33 - 4) + b"<ifr" + b"ame>")
    assert b"<iframe" not in content[:65_536] and b"<iframe" not in content[65_536:]


# --- Through the activity form ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_png_with_html_inside_is_refused_and_nothing_typed_is_lost(login, official, draft):
    bad = upload("anh-hop-bao.png", png_bytes(b"\x00\x00\x00\x10tEXt<html><body>x</body>"), "image/png")
    response = login(official).post(
        reverse("campaigns:activity_create", args=[draft.pk]), activity_post(draft, evidence=[bad])
    )
    assert_nothing_saved_and_input_kept(response)
    assert "web page code" in response.content.decode()


@pytest.mark.django_db
def test_html_renamed_to_pdf_is_refused(login, official, draft):
    bad = upload("bao-cao.pdf", HTML, "application/pdf")
    response = login(official).post(
        reverse("campaigns:activity_create", args=[draft.pk]), activity_post(draft, evidence=[bad])
    )
    assert_nothing_saved_and_input_kept(response)
    assert "This file type is not accepted" in response.content.decode()


@pytest.mark.django_db
def test_path_in_file_name_is_stored_under_a_generated_name(login, official, draft, settings):
    evil = upload("../../etc/passwd.pdf", pdf_bytes(), "application/pdf")
    response = login(official).post(
        reverse("campaigns:activity_create", args=[draft.pk]), activity_post(draft, evidence=[evil])
    )
    assert response.status_code == 302
    stored = StoredFile.objects.get()
    assert stored.original_name == "passwd.pdf"
    assert stored.file.name.startswith("evidence/") and "passwd" not in stored.file.name and ".." not in stored.file.name
    on_disk = Path(stored.file.path).resolve()
    assert on_disk.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert on_disk.read_bytes() == pdf_bytes()


@pytest.mark.parametrize(
    "sent, kept",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\win.ini.pdf", "win.ini.pdf"),
        ('bao"cao;\r\nX-Evil: 1.pdf', "baocaoX-Evil: 1.pdf"),
    ],
)
def test_service_sanitises_the_original_name(db, official, sent, kept):
    stored = services.store_upload(uploaded=upload(sent, pdf_bytes()), actor=official)
    assert stored.original_name == kept
    assert stored.file.name.startswith("evidence/") and stored.file.name.endswith(".pdf")


@pytest.mark.parametrize("sent", ["..", ".", "", "a/b/..", " \t"])
def test_a_name_with_nothing_left_becomes_file(sent):
    # Django's own upload classes refuse these names; the service must not depend on that.
    assert services._safe_name(sent) == "file"


@pytest.mark.django_db
def test_one_byte_over_the_cap_is_skipped_while_streaming_and_reported(login, official, draft, settings):
    settings.EVIDENCE_MAX_BYTES = 2000
    client = login(official)
    url = reverse("campaigns:activity_create", args=[draft.pk])
    response = client.post(url, activity_post(draft, evidence=[upload("big.pdf", pdf_bytes(2001))]))
    assert_nothing_saved_and_input_kept(response)
    assert "“big.pdf” is larger than the" in response.content.decode()
    # The handler (not the form) dropped it: the view never received the bytes.
    assert response.wsgi_request.oversized_uploads == {"evidence": ["big.pdf"]}
    assert "evidence" not in response.wsgi_request.FILES

    response = client.post(url, activity_post(draft, evidence=[upload("exact.pdf", pdf_bytes(2000))]))
    assert response.status_code == 302
    assert StoredFile.objects.get().size == 2000


@pytest.mark.django_db
def test_too_many_files_is_a_form_error(login, official, draft, settings):
    settings.EVIDENCE_MAX_FILES = 2
    evidence = [upload(f"p{i}.pdf", pdf_bytes()) for i in range(3)]
    response = login(official).post(
        reverse("campaigns:activity_create", args=[draft.pk]), activity_post(draft, evidence=evidence)
    )
    assert_nothing_saved_and_input_kept(response)
    assert "You can attach at most 2 files at once" in response.content.decode()
    assert response.wsgi_request.excess_uploads == {"evidence": ["p2.pdf"]}


@pytest.mark.django_db
def test_far_too_many_files_is_explained_not_a_server_error(login, official, draft, settings):
    # Past Django's own hard stop the body is not parsed at all (TooManyFilesSent).
    settings.EVIDENCE_MAX_FILES = 2
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    evidence = [upload(f"p{i}.pdf", pdf_bytes()) for i in range(5)]
    response = login(official).post(
        reverse("campaigns:activity_create", args=[draft.pk]), activity_post(draft, evidence=evidence)
    )
    assert response.status_code == 200
    assert "Too many files were sent at once" in response.content.decode()
    assert not Activity.objects.exists() and not StoredFile.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("bao-cao.pdf", pdf_bytes(), "application/pdf"),
        ("ke-hoach.docx", docx_bytes(), files.DOCX.content_type),
        ("anh.PNG", png_bytes(), "image/png"),
    ],
)
def test_valid_file_is_accepted_with_its_sha256_and_downloads_as_an_attachment(
    login, official, draft, name, content, content_type
):
    client = login(official)
    response = client.post(
        reverse("campaigns:activity_create", args=[draft.pk]),
        activity_post(draft, evidence=[upload(name, content, "text/html")]),  # the browser's claim is ignored
    )
    assert response.status_code == 302
    stored = StoredFile.objects.get()
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.size == len(content)
    assert stored.content_type == content_type
    assert stored.original_name == name
    assert stored.uploaded_by == official

    download = client.get(reverse("campaigns:evidence_download", args=[stored.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert name in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == content


@pytest.mark.django_db
def test_download_is_404_for_someone_who_cannot_read_the_draft(client, login, official, outsider, draft):
    activity = services.activity_create(
        draft=draft, actor=official, channel="portal", date=draft.proposal_consultation_start, title="x",
        evidence=[upload("a.pdf", pdf_bytes())],
    )
    url = reverse("campaigns:evidence_download", args=[activity.evidence_files.get().pk])
    assert login(outsider).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # anonymous: to the login page


@pytest.mark.django_db
def test_plan_document_downloads_for_readers_of_the_campaign(login, official, inspector, outsider, draft):
    campaign = services.campaign_create(
        draft=draft, actor=official, title="KH", period_start=draft.proposal_consultation_start,
        plan_upload=upload("ke-hoach.pdf", pdf_bytes()),
    )
    url = reverse("campaigns:evidence_download", args=[campaign.plan_document.pk])
    assert login(inspector).get(url).status_code == 200
    assert login(outsider).get(url).status_code == 404


def test_check_upload_reports_size_in_the_service_too(db, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="larger than"):
        services.check_upload(upload("a.pdf", pdf_bytes()))


@pytest.mark.django_db
def test_far_too_many_files_on_the_edit_form_keeps_the_activity_unchanged(login, official, activity, settings):
    settings.EVIDENCE_MAX_FILES = 1
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    response = login(official).post(
        reverse("campaigns:activity_update", args=[activity.pk]),
        activity_post(activity.draft, title="Changed", evidence=[upload(f"p{i}.pdf", pdf_bytes()) for i in range(3)]),
    )
    assert response.status_code == 200
    assert "Too many files were sent at once" in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Họp báo dự thảo" and not activity.evidence_files.exists()
