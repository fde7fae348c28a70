"""A user's reach in the organization tree, computed once per request and expressed as query filters.

Every selector and rule asks this module; nothing else reads memberships for permission purposes.
"""

from django.db.models import Q

from .models import EDIT_ROLES, EXPORT_ROLES, MANAGE_ROLES, READ_ROLES, SIGN_OFF_ROLES

_CACHE_ATTR = "_policycomms_scope_paths"


def _membership_paths(user):
    """{role: [organization path, …]} for the user, cached on the user object."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = {}
        if user.is_authenticated and user.is_active:
            for role, path in user.memberships.values_list("role", "organization__path"):
                cached.setdefault(role, []).append(path)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def paths_for(user, roles):
    memberships = _membership_paths(user)
    paths = sorted({p for role in roles for p in memberships.get(role, [])})
    # Drop paths already covered by a shorter one: /1/ covers /1/5/.
    kept = []
    for path in paths:
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept


def scope_q(user, path_field, roles=READ_ROLES):
    """A Q object limiting rows to organizations where ``user`` holds one of ``roles`` (subtree included).

    ``path_field`` is the lookup path to an Organization.path, e.g. ``"drafting_organization__path"``.
    Superusers see everything; a user without a matching membership sees nothing.
    """
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    paths = paths_for(user, roles)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{path_field}__startswith": path})
    return q


def covers(user, organization, roles=READ_ROLES):
    """Does ``user`` hold one of ``roles`` on ``organization`` or an organization above it?"""
    if organization is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(organization.path.startswith(p) for p in paths_for(user, roles))


def can_read(user, organization):
    return covers(user, organization, READ_ROLES)


def can_edit(user, organization):
    return covers(user, organization, EDIT_ROLES)


def can_sign_off(user, organization):
    return covers(user, organization, SIGN_OFF_ROLES)


def can_export(user, organization):
    return covers(user, organization, EXPORT_ROLES)


def can_manage(user, organization):
    return covers(user, organization, MANAGE_ROLES)


def has_any_role(user, roles):
    return user.is_superuser or bool(paths_for(user, roles))
