import pytest
from django.urls import reverse
from django.utils import translation

from reports import signoffs
from reports.models import ExportJob, ExportStatus, Problem, SignOff

pytestmark = pytest.mark.django_db


def tr(text: str) -> str:
    """The page's wording in the default language (Vietnamese once the catalogue has it)."""
    with translation.override("vi"):
        return translation.gettext(text)


def _annual(tree, org="department", year=2024):
    return reverse("reports:annual", args=[tree[org].code, year])


def test_annual_report_page_roles(client, tree, users, report_data):
    expected = {"official": 200, "head": 200, "inspector": 200, "admin": 200, "outsider": 404}
    for role, status in expected.items():
        client.force_login(users[role])
        response = client.get(_annual(tree))
        assert response.status_code == status, role
    client.force_login(users["inspector"])
    response = client.get(_annual(tree))
    body = response.content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body and "Hỗ trợ chi phí học tập" in body
    assert 'name="format" value="xlsx"' in body  # inspectors may export
    assert 'name="year" value="2024"' in body  # never "2.024": the form must post back a plain year
    assert reverse("reports:sign_off", args=["HP-SGDDT", 2024]) not in body
    assert client.get(reverse("reports:annual", args=["HP-SGDDT", 1999])).status_code == 404


def test_sign_off_confirmation_then_post(client, tree, head, report_data):
    client.force_login(head)
    url = reverse("reports:sign_off", args=["HP-SGDDT", 2024])
    assert client.get(url).status_code == 200
    assert not SignOff.objects.exists()  # GET only asks
    response = client.post(url)
    signoff = SignOff.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:signoff_detail", args=[signoff.pk])
    detail = client.get(response["Location"])
    assert detail.status_code == 200 and tr("Nothing changed since the sign-off.") in detail.content.decode()


@pytest.mark.parametrize("role,status", [("official", 403), ("inspector", 403), ("outsider", 404)])
def test_sign_off_forbidden(client, tree, users, report_data, role, status):
    client.force_login(users[role])
    url = reverse("reports:sign_off", args=["HP-SGDDT", 2024])
    assert client.get(url).status_code == status
    assert client.post(url).status_code == status
    assert not SignOff.objects.exists()


def test_changed_since_sign_off_is_shown(client, tree, head, report_data):
    from drafts.services import policy_update

    signoffs.signoff_create(organization=tree["department"], year=2024, actor=head)
    policy_update(policy=report_data["missed"], actor=head, high_impact=False)  # leaves the denominator
    client.force_login(head)
    body = client.get(_annual(tree)).content.decode()
    assert tr("Changed since sign-off") in body and "Hỗ trợ chi phí học tập" in body


def test_signoff_detail_outside_scope_is_404(client, tree, head, outsider, report_data):
    signoff = signoffs.signoff_create(organization=tree["department"], year=2024, actor=head)
    client.force_login(outsider)
    assert client.get(reverse("reports:signoff_detail", args=[signoff.pk])).status_code == 404


def test_report_text_edit(client, tree, head, official, report_data):
    url = reverse("reports:text", args=["HP-SGDDT", 2024])
    client.force_login(official)
    assert client.get(url).status_code == 403
    client.force_login(head)
    assert client.get(url).status_code == 200
    response = client.post(url, {"difficulties": "Thiếu nhân lực", "recommendations": "Bổ sung biên chế"})
    assert response.status_code == 302
    assert "Thiếu nhân lực" in client.get(_annual(tree)).content.decode()


def _export(client, fmt="xlsx", code="HP-SGDDT"):
    return client.post(reverse("reports:export_create"), {"organization": code, "year": 2024, "format": fmt})


@pytest.mark.parametrize("role,status", [("inspector", 302), ("head", 302), ("official", 403), ("outsider", 404)])
def test_export_create_roles(client, tree, users, report_data, role, status, django_capture_on_commit_callbacks):
    client.force_login(users[role])
    with django_capture_on_commit_callbacks(execute=True):
        response = _export(client)
    assert response.status_code == status
    assert ExportJob.objects.count() == (1 if status == 302 else 0)


def test_export_status_download_and_archive(client, tree, inspector, official, outsider, report_data, django_capture_on_commit_callbacks):
    client.force_login(inspector)
    with django_capture_on_commit_callbacks(execute=True):
        response = _export(client, "docx")
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("reports:export_status", args=[job.pk])
    data = client.get(reverse("reports:export_status", args=[job.pk]), {"format": "json"}).json()
    assert data["status"] == "done" and data["progress"] == 100 and data["download_url"]
    fragment = client.get(reverse("reports:export_status", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b"hx-trigger" not in fragment.content and b"<progress" in fragment.content  # finished: stops polling
    download = client.get(data["download_url"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content)[:2] == b"PK"
    archive = client.get(reverse("reports:export_list"), {"q": "Giáo dục", "format": "docx"})
    assert archive.status_code == 200 and job.requested_by.display_name in archive.content.decode()
    assert client.get(reverse("reports:export_list"), {"status": "nonsense"}).status_code == 200

    client.force_login(official)
    assert client.get(data["download_url"]).status_code == 403
    client.force_login(outsider)
    assert client.get(data["download_url"]).status_code == 404
    assert client.get(reverse("reports:export_status", args=[job.pk])).status_code == 404


def test_queued_export_fragment_polls(client, tree, inspector, report_data):
    job = ExportJob.objects.create(organization=tree["department"], year=2024, format="pdf", requested_by=inspector)
    client.force_login(inspector)
    fragment = client.get(reverse("reports:export_status", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b'hx-trigger="every 1s"' in fragment.content
    assert client.get(reverse("reports:export_download", args=[job.pk])).status_code == 404


def test_failed_export_can_be_retried_from_the_page(client, tree, inspector, report_data, django_capture_on_commit_callbacks):
    job = ExportJob.objects.create(
        organization=tree["department"], year=2024, format="xlsx", requested_by=inspector,
        status=ExportStatus.FAILED, error="Hết bộ nhớ",
    )
    client.force_login(inspector)
    page = client.get(reverse("reports:export_status", args=[job.pk])).content.decode()
    assert "Hết bộ nhớ" in page and reverse("reports:export_retry", args=[job.pk]) in page
    assert client.get(reverse("reports:export_retry", args=[job.pk])).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:export_retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE


def test_bad_export_request_is_not_a_500(client, tree, inspector):
    client.force_login(inspector)
    response = client.post(reverse("reports:export_create"), {"organization": "HP-SGDDT", "year": "abc", "format": "exe"})
    assert response.status_code == 302 and not ExportJob.objects.exists()


def test_audit_page_is_scoped(client, tree, users, inspector, report_data, django_capture_on_commit_callbacks):
    client.force_login(inspector)
    with django_capture_on_commit_callbacks(execute=True):
        _export(client)
    other_job = ExportJob.objects.create(organization=tree["other"], year=2024, format="pdf", requested_by=users["outsider"])
    response = client.get(reverse("reports:audit"))
    assert response.status_code == 200
    entries = list(response.context["object_list"])
    export_entries = [e for e in entries if e.content_type.model == "exportjob"]
    assert export_entries and all(int(e.object_pk) != other_job.pk for e in export_entries)
    assert client.get(reverse("reports:audit"), {"kind": "reports.exportjob"}).status_code == 200
    for role in ("official", "head", "outsider"):
        client.force_login(users[role])
        assert client.get(reverse("reports:audit")).status_code == 403, role


def test_problem_flow_through_the_pages(client, tree, official, inspector, outsider, django_capture_on_commit_callbacks):
    client.force_login(official)
    response = client.post(
        reverse("reports:problem_create"),
        {"organization": tree["department"].pk, "title": "Chưa rõ hướng dẫn", "description": "Cần hướng dẫn", "location": ""},
    )
    problem = Problem.objects.get()
    assert response.status_code == 302
    bad = client.post(reverse("reports:problem_create"), {"organization": tree["department"].pk, "title": ""})
    assert bad.status_code == 200 and Problem.objects.count() == 1
    assert client.post(reverse("reports:problem_detail", args=[problem.pk]), {"answer": "x"}).status_code == 403

    client.force_login(inspector)
    queue = client.get(reverse("reports:problem_list"))
    assert "Chưa rõ hướng dẫn" in queue.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:problem_detail", args=[problem.pk]), {"answer": "Xem công văn số 5"})
    assert client.get(reverse("reports:problem_close", args=[problem.pk])).status_code == 200
    client.post(reverse("reports:problem_close", args=[problem.pk]))
    problem.refresh_from_db()
    assert (problem.status, problem.answer) == ("closed", "Xem công văn số 5")

    client.force_login(outsider)
    assert client.get(reverse("reports:problem_detail", args=[problem.pk])).status_code == 404
    assert client.post(reverse("reports:problem_create"), {"organization": tree["department"].pk, "title": "x", "description": "y"}).status_code == 200
    assert Problem.objects.count() == 1  # not an organization the outsider may choose


def test_index_page(client, inspector):
    client.force_login(inspector)
    response = client.get(reverse("reports:index"))
    assert response.status_code == 200 and "HP-SGDDT" in response.content.decode()


def test_export_list_query_count_does_not_grow(client, tree, inspector, django_assert_max_num_queries):
    for _ in range(30):
        ExportJob.objects.create(organization=tree["department"], year=2024, format="xlsx", requested_by=inspector)
    client.force_login(inspector)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reports:export_list")).status_code == 200
