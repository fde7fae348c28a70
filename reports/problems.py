"""Problems an organization reports to the Inspectorate: filed with attachments, answered or closed by an inspector,
and the filer told by e-mail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import scope

from .models import Problem, ProblemStatus


def can_answer_problem(user, problem) -> bool:
    from accounts.models import Role

    return scope.covers(user, problem.organization, (Role.INSPECTOR,))


@transaction.atomic
def problem_create(
    *, organization, actor, title, description, location="", directive=None, attachments=()
) -> Problem:
    from campaigns.services import check_upload, store_upload

    if not scope.can_edit(actor, organization):
        raise PermissionDenied
    problem = Problem(
        organization=organization,
        directive=directive,
        title=title,
        description=description,
        location=location,
        created_by=actor,
    )
    problem.full_clean()
    attachments = list(attachments)
    for uploaded in attachments:  # refuse a bad file before anything is written
        check_upload(uploaded)
    problem.save()
    problem.attachments.set([store_upload(uploaded=uploaded, actor=actor) for uploaded in attachments])
    return problem


@transaction.atomic
def problem_answer(*, problem: Problem, actor, answer: str) -> Problem:
    if not can_answer_problem(actor, problem):
        raise PermissionDenied
    if problem.status == ProblemStatus.CLOSED:
        raise ValidationError(_("This problem is closed; it can no longer be answered."))
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write the answer before sending it.")})
    problem.answer = answer.strip()
    problem.status = ProblemStatus.ANSWERED
    problem.answered_by = actor
    problem.answered_at = timezone.now()
    problem.full_clean()
    problem.save()
    transaction.on_commit(lambda: notify_problem_filer(problem=problem))
    return problem


@transaction.atomic
def problem_close(*, problem: Problem, actor) -> Problem:
    if not can_answer_problem(actor, problem):
        raise PermissionDenied
    if problem.status == ProblemStatus.CLOSED:
        return problem
    problem.status = ProblemStatus.CLOSED
    problem.closed_at = timezone.now()
    problem.full_clean()
    problem.save()
    transaction.on_commit(lambda: notify_problem_filer(problem=problem))
    return problem


def notify_problem_filer(*, problem: Problem) -> None:
    """E-mail the official who filed the problem that it was answered or closed (in Vietnamese)."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    recipient = problem.created_by.email
    if not recipient:
        return
    with translation.override("vi"):
        context = {"problem": problem}
        subject = " ".join(render_to_string("reports/email/problem_subject.txt", context).split())
        body = render_to_string("reports/email/problem_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=True)
