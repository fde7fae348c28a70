"""Every reports permission, for every role, on the department (own), the unit (below) and the other province."""

import pytest

from reports.models import Problem

pytestmark = pytest.mark.django_db

# role -> (view report, sign off, export, file a problem) on the department
EXPECTED = {
    "official": (True, False, False, True),
    "head": (True, True, True, True),
    "inspector": (True, False, True, False),
    "admin": (True, False, False, False),
    "outsider": (False, False, False, False),
}


@pytest.mark.parametrize("role", EXPECTED)
def test_report_permissions(users, tree, role):
    user = users[role]
    perms = ("reports.view_report", "reports.sign_off", "reports.export", "reports.file_problem")
    for org in ("department", "unit"):
        assert tuple(user.has_perm(p, tree[org]) for p in perms) == EXPECTED[role], (role, org)
    assert not any(user.has_perm(p, tree["other"]) for p in perms) or role == "outsider"


@pytest.mark.parametrize("role,allowed", [("inspector", True), ("official", False), ("head", False), ("admin", False), ("outsider", False)])
def test_answer_problem_and_audit(users, tree, official, role, allowed):
    problem = Problem.objects.create(organization=tree["unit"], title="t", description="d", created_by=official)
    assert users[role].has_perm("reports.answer_problem", problem) is allowed
    assert users[role].has_perm("reports.view_audit") is allowed


def test_inspector_below_does_not_answer_above(tree, official):
    from accounts.models import Role
    from testbed import factories

    unit_inspector = factories.user_with_role(Role.INSPECTOR, tree["unit"], username="unitinspector")
    problem = Problem.objects.create(organization=tree["department"], title="t", description="d", created_by=official)
    assert not unit_inspector.has_perm("reports.answer_problem", problem)
