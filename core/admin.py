"""Admin building blocks shared by the apps."""

from django.contrib import admin


class ServicesOnlyAdminMixin:
    """For models whose every write must go through the app's services (validation, the coverage recompute, the
    audit log): the admin shows and searches them but never saves or deletes them, so no figure can go stale
    behind the services' back. Changes are made on the portal's own pages, which call the services; an explicit,
    audited admin action may still call a service."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServicesOnlyModelAdmin(ServicesOnlyAdminMixin, admin.ModelAdmin):
    pass
