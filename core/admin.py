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


class ServiceUpdateModelAdmin(ServicesOnlyModelAdmin):
    """A superuser may change a record here, and the change goes through the app's update service: the same
    validation, the recompute of the figures and the audit log as the portal's own pages. Adding and deleting stay
    on the portal's pages.

    ``update_fields`` names the fields the service takes; ``update(request, stored, fields)`` calls it with the
    stored record and the fields the form changed."""

    update_fields: frozenset[str] = frozenset()

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        form_fields = [f.name for f in self.model._meta.fields if f.editable and not f.primary_key]
        return [name for name in form_fields if name not in self.update_fields]

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in self.update_fields}
        if fields:
            self.update(request, type(obj).objects.get(pk=obj.pk), fields)

    def update(self, request, stored, fields):
        raise NotImplementedError
