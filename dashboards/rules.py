"""Who may see a dashboard and ask for a recompute. Views fetch the organization through a scoped queryset first
(404 outside the user's scope), then check these permissions (403)."""

import rules

from accounts import scope


@rules.predicate
def can_read_organization(user, organization):
    return organization is not None and scope.can_read(user, organization)


@rules.predicate
def can_request_recompute(user, organization):
    """Heads (who sign the figures off) and administrators."""
    return organization is not None and (scope.can_sign_off(user, organization) or scope.can_manage(user, organization))


rules.add_perm("dashboards.view_dashboard", can_read_organization)
rules.add_perm("dashboards.request_recompute", can_request_recompute)
