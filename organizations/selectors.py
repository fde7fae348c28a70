from accounts.models import MANAGE_ROLES, READ_ROLES
from accounts.scope import paths_for, scope_q

from .models import Organization


def organizations_visible_to(user):
    return Organization.objects.filter(scope_q(user, "path"))


def organizations_manageable_by(user):
    """Organizations under which ``user`` may create or move organizations (portal admins, superusers)."""
    return Organization.objects.filter(scope_q(user, "path", MANAGE_ROLES))


def organization_list(user):
    return organizations_visible_to(user).select_related("parent")


def organizations_for_detail(user):
    return organizations_visible_to(user).select_related("parent", "successor")


def organization_children(user, organization):
    return organizations_visible_to(user).filter(parent=organization).order_by("name")


def organization_predecessors(user, organization):
    return organizations_visible_to(user).filter(successor=organization).order_by("name")


def organization_ancestors(organization):
    """From the root down to the parent: read from the path, one query."""
    return list(organization.ancestors(include_self=False))


def top_organizations(user, roles=READ_ROLES):
    """The highest organizations the user can reach with ``roles`` (the roots of the user's scope)."""
    if user.is_superuser:
        return Organization.objects.filter(parent__isnull=True)
    return Organization.objects.filter(path__in=paths_for(user, roles))
