"""Reads of the reports app."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.scope import scope_q

from . import formatting
from .models import ExportJob, ReportText, SignOff
from .types import AnnualReport, TaskLine


def report_text_for(organization, year) -> dict:
    """The head's saved text, or, before the head writes one, a draft made from the year's problems."""
    text = ReportText.objects.filter(organization=organization, year=year).first()
    if text is not None:
        return {"difficulties": text.difficulties, "recommendations": text.recommendations, "saved": text}
    return {**problems_draft(organization, year), "saved": None}


def problems_draft(organization, year) -> dict:
    """Open and answered problems of the year, as a starting text for "difficulties and recommendations"."""
    from .models import Problem, ProblemStatus

    problems = (
        Problem.objects.filter(organization__path__startswith=organization.path, created_at__year=year)
        .filter(status__in=[ProblemStatus.OPEN, ProblemStatus.ANSWERED])
        .select_related("organization")
        .order_by("created_at", "pk")
    )
    difficulties, recommendations = [], []
    for problem in problems:
        where = f" ({problem.location})" if problem.location else ""
        difficulties.append(f"- {problem.organization.name}: {problem.title}{where}. {problem.description}".strip())
        if problem.answer:
            recommendations.append(f"- Về “{problem.title}”: {problem.answer}")
    return {"difficulties": "\n".join(difficulties), "recommendations": "\n".join(recommendations)}


def task_lines(organization, year) -> list[TaskLine]:
    """Directive task results for the organization and year, when the directives app provides them."""
    if not apps.is_installed("directives"):
        return []
    try:
        from directives.selectors import requirements_applying_to
        TaskReport = apps.get_model("directives", "TaskReport")
    except (ImportError, LookupError):
        return []
    requirements = [r for r in requirements_applying_to(organization, year) if _is_task(r)]
    reports = {
        tr.requirement_id: tr
        for tr in TaskReport.objects.filter(organization=organization, year=year, requirement__in=requirements)
    }
    lines = []
    for requirement in requirements:
        report = reports.get(requirement.pk)
        lines.append(
            TaskLine(
                directive=requirement.directive.code,
                requirement=_requirement_text(requirement),
                organization_code=organization.code,
                done=None if report is None else bool(report.done),
                note=report.evidence_note if report is not None else "",
            )
        )
    return lines


def _is_task(requirement) -> bool:
    # Coverage targets are reported in the targets section; only tasks go to the task table.
    return getattr(requirement, "kind", "task") == "task"


def _requirement_text(requirement) -> str:
    return requirement.title or requirement.get_task_code_display()


# --- sign-offs ----------------------------------------------------------------------------------------------------


def signoffs_for(organization, year):
    return SignOff.objects.for_report(organization, year).select_related("signed_by").order_by("-version")


@dataclass(frozen=True)
class NumberChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class PolicyChange:
    policy_id: int
    title: str
    before: str  # status label, or "—" when the policy was not in that version
    after: str


@dataclass
class ReportDiff:
    numbers: list[NumberChange] = field(default_factory=list)
    policies: list[PolicyChange] = field(default_factory=list)
    texts_changed: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.numbers or self.policies or self.texts_changed)


def report_diff(signed: AnnualReport, current: AnnualReport) -> ReportDiff:
    """What moved between a signed-off copy and the current figures."""
    diff = ReportDiff()

    def compare(label, before, after, show=str):
        if before != after:
            diff.numbers.append(NumberChange(label, show(before), show(after)))

    compare(_("High-impact policies (denominator)"), signed.denominator, current.denominator, formatting.number)
    compare(_("Communicated (numerator)"), signed.numerator, current.numerator, formatting.number)
    compare(_("Coverage"), signed.percent, current.percent, formatting.percent)
    compare(_("In progress"), signed.in_progress, current.in_progress, formatting.number)
    compare(_("Missed"), signed.missed, current.missed, formatting.number)
    compare(_("At risk"), signed.at_risk, current.at_risk, formatting.number)
    compare(_("Funding (VND)"), signed.funding_vnd, current.funding_vnd, formatting.number)
    compare(_("Activities done"), signed.activities_done, current.activities_done, formatting.number)
    before_orgs = {o.code: o for o in signed.organizations}
    for line in current.organizations:
        old = before_orgs.pop(line.code, None)
        old_text = f"{old.numerator}/{old.denominator}" if old else "—"
        compare(line.name, old_text, f"{line.numerator}/{line.denominator}")
    for old in before_orgs.values():
        compare(old.name, f"{old.numerator}/{old.denominator}", "—")

    before_policies = {p.policy_id: p for p in signed.policies}
    after_policies = {p.policy_id: p for p in current.policies}
    for pid in sorted(before_policies.keys() | after_policies.keys()):
        old, new = before_policies.get(pid), after_policies.get(pid)
        old_status = old.status if old else None
        new_status = new.status if new else None
        if old_status != new_status:
            diff.policies.append(
                PolicyChange(
                    pid,
                    (new or old).title,
                    formatting.status(old_status) if old_status else "—",
                    formatting.status(new_status) if new_status else "—",
                )
            )
    diff.texts_changed = (signed.difficulties, signed.recommendations) != (
        current.difficulties,
        current.recommendations,
    )
    return diff


# --- exports ------------------------------------------------------------------------------------------------------


def export_jobs_for(user):
    return ExportJob.objects.exportable_by(user).select_related("organization", "requested_by", "signoff", "draft")


# --- audit --------------------------------------------------------------------------------------------------------


def audit_entries_for(user):
    """Audit log rows about objects in the inspector's scope: exports, drafts, policies, activities, sign-offs."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from campaigns.models import Activity
    from drafts.models import Draft, Policy

    roles = (Role.INSPECTOR,)
    sources = [
        (ExportJob, ExportJob.objects.filter(scope_q(user, "organization__path", roles))),
        (Draft, Draft.objects.filter(scope_q(user, "drafting_organization__path", roles))),
        (Policy, Policy.objects.filter(scope_q(user, "draft__drafting_organization__path", roles))),
        (Activity, Activity.objects.filter(scope_q(user, "draft__drafting_organization__path", roles))),
    ]
    q = Q(pk__in=[])
    for model, queryset in sources:
        content_type = ContentType.objects.get_for_model(model)
        q |= Q(content_type=content_type, object_id__in=queryset.values("pk"))
    return LogEntry.objects.filter(q).select_related("actor", "content_type").order_by("-timestamp", "-pk")
