"""The head's text and the sign-off (reports.signoffs): frozen copies, versions, who may sign."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import ActivityStatus
from campaigns.services import activity_create
from reports import builder, problems, signoffs
from reports.models import SignOff
from reports.selectors import report_diff, report_text_for

pytestmark = pytest.mark.django_db


def test_signoff_is_a_frozen_copy_and_shows_the_differences(tree, head, report_data):
    department = tree["department"]
    first = signoffs.signoff_create(organization=department, year=2024, actor=head)
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
    signed = builder.build_annual_report(organization=department, year=2024, signoff=first)
    current = builder.build_annual_report(organization=department, year=2024)
    assert (signed.numerator, current.numerator) == (1, 2)
    diff = report_diff(signed, current)
    assert diff.changed
    assert [(c.policy_id, c.before, c.after) for c in diff.policies] == [
        (report_data["missed"].pk, "Chưa truyền thông", "Đã truyền thông")
    ]
    assert any(c.before == "1" and c.after == "2" for c in diff.numbers)

    second = signoffs.signoff_create(organization=department, year=2024, actor=head)
    assert second.version == 2 and second.data["numerator"] == 2
    assert SignOff.objects.get(pk=first.pk).data["numerator"] == 1  # the old version stays readable
    assert not report_diff(builder.build_annual_report(organization=department, year=2024, signoff=second), current).changed


def test_signoff_cannot_be_changed(tree, head, report_data):
    signoff = signoffs.signoff_create(organization=tree["department"], year=2024, actor=head)
    signoff.data = {"numerator": 99}
    with pytest.raises(ValidationError):
        signoff.save()
    assert SignOff.objects.get(pk=signoff.pk).data["numerator"] == 1


def test_only_a_head_signs_off(tree, inspector, official, report_data):
    for user in (inspector, official):
        with pytest.raises(PermissionDenied):
            signoffs.signoff_create(organization=tree["department"], year=2024, actor=user)
    assert not SignOff.objects.exists()


def test_problems_draft_the_difficulties_until_the_head_writes_them(tree, head, official, inspector):
    problem = problems.problem_create(
        organization=tree["unit"], actor=official, title="Thiếu kinh phí", description="Không có kinh phí in tờ rơi.",
        location="Trường THPT Ngô Quyền",
    )
    problems.problem_answer(problem=problem, actor=inspector, answer="Đề nghị lập dự toán bổ sung.")
    text = report_text_for(tree["department"], problem.created_at.year)
    assert "Thiếu kinh phí" in text["difficulties"] and "dự toán bổ sung" in text["recommendations"]
    assert text["saved"] is None

    signoffs.report_text_save(
        organization=tree["department"], year=problem.created_at.year, actor=head,
        difficulties="Khó khăn đã biên tập.", recommendations="Kiến nghị.",
    )
    report = builder.build_annual_report(organization=tree["department"], year=problem.created_at.year)
    assert (report.difficulties, report.recommendations) == ("Khó khăn đã biên tập.", "Kiến nghị.")
