"""Problems reported to the Inspectorate (reports.problems): filing, answering, closing, the e-mails."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from reports import problems
from reports.models import Problem, ProblemStatus

pytestmark = pytest.mark.django_db


def test_problem_lifecycle_emails_the_official(tree, official, inspector, outsider, django_capture_on_commit_callbacks):
    png = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    problem = problems.problem_create(
        organization=tree["department"], actor=official, title="Vướng mắc", description="Chi tiết", attachments=[png]
    )
    assert problem.attachments.count() == 1 and problem.status == ProblemStatus.OPEN
    with pytest.raises(PermissionDenied):
        problems.problem_answer(problem=problem, actor=outsider, answer="x")
    with pytest.raises(PermissionDenied):
        problems.problem_answer(problem=problem, actor=official, answer="x")
    with django_capture_on_commit_callbacks(execute=True):
        problems.problem_answer(problem=problem, actor=inspector, answer="Trả lời của Thanh tra")
    assert problem.status == ProblemStatus.ANSWERED and problem.answered_by == inspector
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [official.email]
    assert "Trả lời của Thanh tra" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        problems.problem_close(problem=problem, actor=inspector)
    assert Problem.objects.get(pk=problem.pk).status == ProblemStatus.CLOSED and len(mail.outbox) == 2
    with pytest.raises(ValidationError):
        problems.problem_answer(problem=problem, actor=inspector, answer="again")


def test_problem_with_a_bad_attachment_saves_nothing(tree, official):
    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00 not allowed", content_type="application/octet-stream")
    with pytest.raises(ValidationError):
        problems.problem_create(organization=tree["department"], actor=official, title="t", description="d", attachments=[bad])
    assert not Problem.objects.exists()
