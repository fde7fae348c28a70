from django.contrib import admin

from .models import Organization
from .services import organization_create, organization_update


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "valid_from", "valid_to", "successor")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    autocomplete_fields = ("parent", "successor")
    readonly_fields = ("path", "depth")

    def save_model(self, request, obj, form, change):
        # Paths are maintained by the service; the admin must not bypass it.
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            stored = Organization.objects.get(pk=obj.pk)
            organization_update(organization=stored, **fields)
            obj.path, obj.depth = stored.path, stored.depth
        else:
            created = organization_create(**{k: form.cleaned_data.get(k) for k in ("code", "name", "kind", "parent", "valid_from", "valid_to", "successor")})
            obj.pk, obj.path, obj.depth = created.pk, created.path, created.depth
