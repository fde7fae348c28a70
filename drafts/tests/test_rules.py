"""drafts/rules.py, role by role: read = any role on the subtree; write = official or head there."""

import pytest

from testbed import factories

READERS = {"official": True, "head": True, "inspector": True, "admin": True, "outsider": False}
WRITERS = {"official": True, "head": True, "inspector": False, "admin": False, "outsider": False}


@pytest.mark.parametrize("role", READERS)
def test_view_draft_and_policy(users, policy, role):
    user = users[role]
    assert user.has_perm("drafts.view_draft", policy.draft) is READERS[role]
    assert user.has_perm("drafts.view_policy", policy) is READERS[role]


@pytest.mark.parametrize("role", WRITERS)
def test_change_and_delete(users, policy, role):
    user = users[role]
    for perm, obj in (
        ("drafts.change_draft", policy.draft),
        ("drafts.delete_draft", policy.draft),
        ("drafts.add_policy", policy.draft),
        ("drafts.change_policy", policy),
        ("drafts.delete_policy", policy),
    ):
        assert user.has_perm(perm, obj) is WRITERS[role], perm


@pytest.mark.parametrize(
    "role, expected", [("official", True), ("head", True), ("inspector", False), ("admin", False), ("outsider", True)]
)
def test_add_draft_needs_an_edit_role_somewhere(users, role, expected):
    assert users[role].has_perm("drafts.add_draft") is expected


def test_superuser_may_do_everything(policy):
    root = factories.UserFactory(is_superuser=True)
    assert root.has_perm("drafts.change_draft", policy.draft)
    assert root.has_perm("drafts.add_draft")


def test_inactive_official_may_not_write(official, policy):
    official.is_active = False
    official.save()
    assert not official.has_perm("drafts.change_draft", policy.draft)
