from accounts.scope import scope_q

from .models import Organization


def organizations_visible_to(user):
    return Organization.objects.filter(scope_q(user, "path"))
