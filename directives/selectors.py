"""Reads of directives and the requirements that bind an organization."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Q, Subquery

from .models import Directive, Requirement, RequirementKind, RequirementTarget, TaskReport, binding_q


def directive_list(*, q: str | None = None, kind: str | None = None, national: bool | None = None):
    qs = Directive.objects.select_related("applies_to", "implements").search(q)
    if kind:
        qs = qs.filter(kind=kind)
    if national is True:
        qs = qs.filter(applies_to__isnull=True)
    elif national is False:
        qs = qs.filter(applies_to__isnull=False)
    return qs


def directive_detail_queryset():
    return Directive.objects.select_related("applies_to", "implements", "document").prefetch_related(
        Prefetch("requirements", queryset=Requirement.objects.prefetch_related("targets")),
        "implemented_by",
    )


def requirements_applying_to(organization, year: int, *, every_organization: bool = False):
    """Requirements binding ``organization`` in ``year``.

    A directive binds the organizations of its subtree (``applies_to`` is the organization or an ancestor of it:
    ``organization.path`` starts with ``applies_to.path``); a national one (no ``applies_to``) binds everyone.
    A coverage target only binds in years it has a target for, annotated as ``target_percent``; a task binds from
    the year its directive was issued.
    """
    target = RequirementTarget.objects.filter(requirement=OuterRef("pk"), year=year).values("target_percent")[:1]
    # every_organization: the requirements binding anyone in ``year``; the caller matches ``applies_to`` paths.
    binds = Q() if every_organization else binding_q(organization, "directive__")
    return (
        Requirement.objects.filter(binds)
        .annotate(target_percent=Subquery(target))
        .filter(
            Q(kind=RequirementKind.COVERAGE_TARGET, target_percent__isnull=False)
            | Q(kind=RequirementKind.TASK, directive__issued_on__year__lte=year)
        )
        .select_related("directive")
        .order_by("directive__issued_on", "directive__code", "position", "pk")
    )


def task_reports_for(organization, year: int):
    return TaskReport.objects.filter(organization=organization, year=year).select_related("requirement")


def posting_rules() -> list:
    """Every minimum posting period, read once (a handful of rows) so that any number of postings is judged with
    ``minimum_posting_days`` and no query more."""
    from .models import PostingRule

    return list(PostingRule.objects.order_by("-valid_from", "-document_type"))


def minimum_posting_rule(rules, document_type: str, day):
    """The rule in force on ``day`` for a draft of ``document_type``: the most recent ``valid_from`` on or before
    ``day`` wins (a new law replaces the old one for every type); at the same date a rule for the type wins over the
    general one. None when no rule is in force (nothing is flagged then)."""
    for rule in rules:  # ordered by -valid_from, then -document_type: a type's rule before the general one
        if rule.valid_from <= day and rule.document_type in ("", document_type):
            return rule
    return None
