"""Who may do what with drafts and policies. Predicates ask accounts.scope; views check these permissions.

Reading a draft needs any role on its drafting organization's subtree; writing needs official or head there.
Out-of-scope objects never reach these checks: views fetch them through scoped querysets and answer 404.
"""

import rules

from accounts import scope
from accounts.models import EDIT_ROLES


@rules.predicate
def can_read_draft(user, draft):
    return draft is not None and scope.can_read(user, draft.drafting_organization)


@rules.predicate
def can_edit_draft(user, draft):
    return draft is not None and scope.can_edit(user, draft.drafting_organization)


@rules.predicate
def can_read_policy(user, policy):
    return policy is not None and can_read_draft(user, policy.draft)


@rules.predicate
def can_edit_policy(user, policy):
    return policy is not None and can_edit_draft(user, policy.draft)


@rules.predicate
def can_record_drafts(user):
    """Has an official or head role somewhere (the organization is chosen on the form)."""
    return user.is_authenticated and user.is_active and scope.has_any_role(user, EDIT_ROLES)


rules.add_perm("drafts.view_draft", can_read_draft)
rules.add_perm("drafts.add_draft", can_record_drafts)
rules.add_perm("drafts.change_draft", can_edit_draft)
rules.add_perm("drafts.delete_draft", can_edit_draft)
rules.add_perm("drafts.view_policy", can_read_policy)
# Adding a policy is checked against the draft it goes into.
rules.add_perm("drafts.add_policy", can_edit_draft)
rules.add_perm("drafts.change_policy", can_edit_policy)
rules.add_perm("drafts.delete_policy", can_edit_policy)
