"""Writes to directives, their requirements, yearly targets and task reports."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.services import apply_fields

from .models import Directive, Requirement, RequirementTarget, TaskReport
from .signals import targets_changed

DIRECTIVE_FIELDS = {"code", "kind", "title", "issuer", "issued_on", "implements", "document", "applies_to"}
REQUIREMENT_FIELDS = {"kind", "title", "task_code", "position"}


@transaction.atomic
def directive_create(*, actor, **fields) -> Directive:
    directive = Directive()
    apply_fields(directive, fields, DIRECTIVE_FIELDS)
    directive.full_clean()
    directive.save()
    targets_changed.send(sender=Directive)
    return directive


@transaction.atomic
def directive_update(*, directive: Directive, actor, **fields) -> Directive:
    apply_fields(directive, fields, DIRECTIVE_FIELDS)
    directive.full_clean()
    directive.save()
    targets_changed.send(sender=Directive)
    return directive


@transaction.atomic
def directive_delete(*, directive: Directive, actor) -> None:
    directive.delete()
    targets_changed.send(sender=Directive)


@transaction.atomic
def requirement_create(*, directive: Directive, actor, targets: dict[int, Decimal] | None = None, **fields) -> Requirement:
    """Add a requirement; ``targets`` maps year → target percent (coverage targets only)."""
    requirement = Requirement(directive=directive)
    apply_fields(requirement, fields, REQUIREMENT_FIELDS)
    if "position" not in fields:
        requirement.position = directive.requirements.count() + 1
    requirement.full_clean()
    requirement.save()
    for year, percent in (targets or {}).items():
        target_set(requirement=requirement, year=year, target_percent=percent, actor=actor)
    targets_changed.send(sender=Requirement)
    return requirement


@transaction.atomic
def requirement_update(*, requirement: Requirement, actor, **fields) -> Requirement:
    apply_fields(requirement, fields, REQUIREMENT_FIELDS)
    requirement.full_clean()
    requirement.save()
    targets_changed.send(sender=Requirement)
    return requirement


@transaction.atomic
def requirement_delete(*, requirement: Requirement, actor) -> None:
    requirement.delete()
    targets_changed.send(sender=Requirement)


@transaction.atomic
def target_set(*, requirement: Requirement, year: int, target_percent, actor) -> RequirementTarget:
    """Create or change the target percent of a coverage requirement for one year."""
    target = RequirementTarget.objects.filter(requirement=requirement, year=year).first() or RequirementTarget(
        requirement=requirement, year=year
    )
    target.target_percent = Decimal(str(target_percent))
    target.full_clean()
    target.save()
    targets_changed.send(sender=RequirementTarget)
    return target


@transaction.atomic
def target_delete(*, target: RequirementTarget, actor) -> None:
    target.delete()
    targets_changed.send(sender=RequirementTarget)


@transaction.atomic
def task_report_set(
    *, requirement: Requirement, organization, year: int, done: bool, actor, evidence_note="", evidence_url=""
) -> TaskReport:
    """Record (or correct) whether an organization did a task requirement in a year, with its evidence."""
    report = TaskReport.objects.filter(requirement=requirement, organization=organization, year=year).first()
    report = report or TaskReport(requirement=requirement, organization=organization, year=year)
    report.done = done
    report.evidence_note = evidence_note
    report.evidence_url = evidence_url
    report.reported_by = actor if actor is not None and actor.is_authenticated else None
    report.reported_at = timezone.now()
    report.full_clean()
    report.save()
    return report

