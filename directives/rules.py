"""Who may change directives: portal administrators over their subtree, superusers everywhere.

Everyone signed in reads every directive (they are public documents). A national directive (no ``applies_to``)
is changed by superusers only; a local one by administrators of the organization it applies to, or above it.
"""

import rules

from accounts import scope
from accounts.models import MANAGE_ROLES


@rules.predicate
def is_superuser(user):
    return user.is_authenticated and user.is_active and user.is_superuser


@rules.predicate
def manages_some_organization(user):
    return user.is_authenticated and user.is_active and scope.has_any_role(user, MANAGE_ROLES)


@rules.predicate
def manages_directive(user, directive):
    return directive is not None and directive.applies_to_id is not None and scope.can_manage(user, directive.applies_to)


rules.add_perm("directives.view_directive", rules.is_authenticated)
rules.add_perm("directives.add_directive", is_superuser | manages_some_organization)
rules.add_perm("directives.change_directive", is_superuser | manages_directive)
rules.add_perm("directives.delete_directive", is_superuser | manages_directive)
