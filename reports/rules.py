"""Who may do what with reports. Decisions come from ``accounts.scope``; these predicates name them."""

import rules

from accounts import scope
from accounts.models import Role


@rules.predicate
def can_read_report(user, organization):
    return scope.can_read(user, organization)


@rules.predicate
def can_sign_off(user, organization):
    return scope.can_sign_off(user, organization)


@rules.predicate
def can_export(user, organization):
    return scope.can_export(user, organization)


@rules.predicate
def can_file_problem(user, organization):
    return scope.can_edit(user, organization)


@rules.predicate
def can_answer_problem(user, problem):
    return scope.covers(user, problem.organization, (Role.INSPECTOR,))


@rules.predicate
def can_read_audit(user):
    return scope.has_any_role(user, (Role.INSPECTOR,))


rules.add_perm("reports.view_report", can_read_report)
rules.add_perm("reports.sign_off", can_sign_off)
rules.add_perm("reports.export", can_export)
rules.add_perm("reports.file_problem", can_file_problem)
rules.add_perm("reports.answer_problem", can_answer_problem)
rules.add_perm("reports.view_audit", can_read_audit)
