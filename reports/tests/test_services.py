import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import ActivityStatus
from campaigns.services import activity_create
from counting.selectors import coverage_for
from reports import services
from reports.models import ExportJob, ExportStatus, Problem, ProblemStatus, SignOff
from reports.selectors import report_diff, report_text_for

pytestmark = pytest.mark.django_db


def test_report_figures_are_the_engines(tree, report_data):
    city = tree["city"]
    report = services.build_annual_report(organization=city, year=2024)
    figures = coverage_for(city, 2024)
    assert (report.denominator, report.numerator, report.percent) == (figures.denominator, figures.numerator, figures.percent)
    assert (report.denominator, report.numerator) == (3, 1)
    assert report.in_progress == figures.in_progress
    assert {p.policy_id: p.status for p in report.policies} == {r.policy_id: r.status for r in figures.policies}
    assert [t.target_percent for t in report.targets] == [t.target_percent for t in figures.targets]
    # Direct children only, each from the engine too.
    [department] = report.organizations
    child = coverage_for(tree["department"], 2024)
    assert (department.code, department.denominator, department.numerator) == ("HP-SGDDT", child.denominator, child.numerator)
    assert department.gap == 2  # 100% of 3 needs 3 communicated; 1 is


def test_report_other_sections(tree, report_data):
    report = services.build_annual_report(organization=tree["city"], year=2024)
    assert report.funding_vnd == 16_234_567
    portal = next(c for c in report.channels if c.channel == "portal")
    press = next(c for c in report.channels if c.channel == "press")
    assert (portal.total, portal.done, press.total, press.done) == (1, 1, 1, 0)
    assert report.heading.nation == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert report.heading.place_date.startswith("Hải Phòng, ngày")
    assert report.heading.subtitle.endswith("năm 2024")
    assert report.heading.number == "Số: ……/BC-UBND"  # the city is its People's Committee (test_decree30.py)
    assert any(t.directive == "07/CT-TTg" for t in report.tasks)


def test_no_data_year_has_no_percent(tree):
    report = services.build_annual_report(organization=tree["city"], year=2025)
    assert report.denominator == 0 and report.percent is None


def test_signoff_is_a_frozen_copy_and_shows_the_differences(tree, head, report_data):
    department = tree["department"]
    first = services.signoff_create(organization=department, year=2024, actor=head)
    frozen = dict(first.data)
    assert first.version == 1 and first.data["numerator"] == 1

    # The missed policy gets an activity: the current figures move, the sign-off does not.
    activity_create(
        draft=report_data["adopted"],
        actor=head,
        policies=[report_data["missed"]],
        channel="press",
        date=dt.date(2024, 5, 2),
        status=ActivityStatus.DONE,
        title="Bài viết trên báo",
    )
    first.refresh_from_db()
    assert first.data == frozen
    signed = services.build_annual_report(organization=department, year=2024, signoff=first)
    current = services.build_annual_report(organization=department, year=2024)
    assert (signed.numerator, current.numerator) == (1, 2)
    diff = report_diff(signed, current)
    assert diff.changed
    assert [(c.policy_id, c.before, c.after) for c in diff.policies] == [
        (report_data["missed"].pk, "Chưa truyền thông", "Đã truyền thông")
    ]
    assert any(c.before == "1" and c.after == "2" for c in diff.numbers)

    second = services.signoff_create(organization=department, year=2024, actor=head)
    assert second.version == 2 and second.data["numerator"] == 2
    assert SignOff.objects.get(pk=first.pk).data["numerator"] == 1  # the old version stays readable
    assert not report_diff(services.build_annual_report(organization=department, year=2024, signoff=second), current).changed


def test_signoff_cannot_be_changed(tree, head, report_data):
    signoff = services.signoff_create(organization=tree["department"], year=2024, actor=head)
    signoff.data = {"numerator": 99}
    with pytest.raises(ValidationError):
        signoff.save()
    assert SignOff.objects.get(pk=signoff.pk).data["numerator"] == 1


def test_only_a_head_signs_off(tree, inspector, official, report_data):
    for user in (inspector, official):
        with pytest.raises(PermissionDenied):
            services.signoff_create(organization=tree["department"], year=2024, actor=user)
    assert not SignOff.objects.exists()


def test_problems_draft_the_difficulties_until_the_head_writes_them(tree, head, official, inspector):
    problem = services.problem_create(
        organization=tree["unit"], actor=official, title="Thiếu kinh phí", description="Không có kinh phí in tờ rơi.",
        location="Trường THPT Ngô Quyền",
    )
    services.problem_answer(problem=problem, actor=inspector, answer="Đề nghị lập dự toán bổ sung.")
    text = report_text_for(tree["department"], problem.created_at.year)
    assert "Thiếu kinh phí" in text["difficulties"] and "dự toán bổ sung" in text["recommendations"]
    assert text["saved"] is None

    services.report_text_save(
        organization=tree["department"], year=problem.created_at.year, actor=head,
        difficulties="Khó khăn đã biên tập.", recommendations="Kiến nghị.",
    )
    report = services.build_annual_report(organization=tree["department"], year=problem.created_at.year)
    assert (report.difficulties, report.recommendations) == ("Khó khăn đã biên tập.", "Kiến nghị.")


def test_problem_lifecycle_emails_the_official(tree, official, inspector, outsider, django_capture_on_commit_callbacks):
    png = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    problem = services.problem_create(
        organization=tree["department"], actor=official, title="Vướng mắc", description="Chi tiết", attachments=[png]
    )
    assert problem.attachments.count() == 1 and problem.status == ProblemStatus.OPEN
    with pytest.raises(PermissionDenied):
        services.problem_answer(problem=problem, actor=outsider, answer="x")
    with pytest.raises(PermissionDenied):
        services.problem_answer(problem=problem, actor=official, answer="x")
    with django_capture_on_commit_callbacks(execute=True):
        services.problem_answer(problem=problem, actor=inspector, answer="Trả lời của Thanh tra")
    assert problem.status == ProblemStatus.ANSWERED and problem.answered_by == inspector
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [official.email]
    assert "Trả lời của Thanh tra" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.problem_close(problem=problem, actor=inspector)
    assert Problem.objects.get(pk=problem.pk).status == ProblemStatus.CLOSED and len(mail.outbox) == 2
    with pytest.raises(ValidationError):
        services.problem_answer(problem=problem, actor=inspector, answer="again")


def test_problem_with_a_bad_attachment_saves_nothing(tree, official):
    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00 not allowed", content_type="application/octet-stream")
    with pytest.raises(ValidationError):
        services.problem_create(organization=tree["department"], actor=official, title="t", description="d", attachments=[bad])
    assert not Problem.objects.exists()


def test_export_job_lifecycle_queued_to_done(tree, inspector, report_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.export_job_create(organization=tree["department"], year=2024, format="xlsx", actor=inspector)
    assert ExportJob.objects.get(pk=job.pk).status == ExportStatus.QUEUED  # nothing runs before the commit
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == (ExportStatus.DONE, 100, "")
    assert job.file.read(2) == b"PK" and job.finished_at is not None
    # Idempotent: a second delivery of the task leaves the finished job alone.
    name = job.file.name
    services.export_job_execute(job_id=job.pk)
    job.refresh_from_db()
    assert job.file.name == name and job.attempts == 1


def test_export_failure_is_recorded_and_retry_works(tree, inspector, report_data, monkeypatch, django_capture_on_commit_callbacks):
    import reports.renderers as renderers

    real_render = renderers.render

    def broken(report, fmt, progress=None):
        raise RuntimeError("the PDF engine ran out of fonts")

    monkeypatch.setattr(renderers, "render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.export_job_create(organization=tree["department"], year=2024, format="pdf", actor=inspector)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "ran out of fonts" in job.error and not job.file

    monkeypatch.setattr(renderers, "render", real_render)
    with django_capture_on_commit_callbacks(execute=True):
        services.export_job_retry(job=job, actor=inspector)
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts) == (ExportStatus.DONE, "", 2)
    assert job.file.read(5) == b"%PDF-"


def test_only_failed_jobs_are_retried_and_officials_cannot_export(tree, inspector, official, report_data):
    with pytest.raises(PermissionDenied):
        services.export_job_create(organization=tree["department"], year=2024, format="xlsx", actor=official)
    job = ExportJob.objects.create(organization=tree["department"], year=2024, format="xlsx", requested_by=inspector)
    with pytest.raises(ValidationError):
        services.export_job_retry(job=job, actor=inspector)
