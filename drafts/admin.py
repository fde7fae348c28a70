from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import ServicesOnlyAdminMixin, ServicesOnlyModelAdmin, ServiceUpdateModelAdmin

from . import services
from .models import Draft, Policy


class PolicyInline(ServicesOnlyAdminMixin, admin.StackedInline):
    model = Policy
    extra = 0


@admin.register(Draft)
class DraftAdmin(ServicesOnlyModelAdmin):
    list_display = ("title", "document_type", "drafting_organization", "status", "proposal_consultation_start", "adopted_on")
    list_filter = ("status", "document_type")
    search_fields = ("title", "issued_number")
    autocomplete_fields = ("drafting_organization", "responsible_official")
    date_hierarchy = "proposal_consultation_start"
    inlines = [PolicyInline]
    actions = ["delete_with_audit"]

    def has_superuser_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @admin.action(description=gettext_lazy("Delete, with a reason in the audit log"), permissions=["superuser"])
    def delete_with_audit(self, request, queryset):
        """The only way to delete a draft that counts or falls in a signed-off year: a superuser confirms on a page
        that lists what each draft counts in and gives a reason, which the audit log's delete entry keeps."""
        if not self.has_superuser_permission(request):
            raise PermissionDenied
        drafts = list(queryset.select_related("drafting_organization"))
        reason = request.POST.get("reason", "").strip()
        if request.POST.get("confirm") and reason:
            for draft in drafts:
                services.draft_delete(draft=draft, actor=request.user, override_reason=reason)
            self.message_user(request, _("%(n)d drafts were deleted.") % {"n": len(drafts)}, messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/drafts/draft/delete_with_audit.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Delete drafts"),
                "opts": self.model._meta,
                "rows": [(draft, services.draft_delete_blockers(draft)) for draft in drafts],
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "reason_missing": bool(request.POST.get("confirm")) and not reason,
                "reason": reason,
            },
        )


@admin.register(Policy)
class PolicyAdmin(ServiceUpdateModelAdmin):
    """A superuser's change goes through ``services.policy_update``: the figures are recomputed at once."""

    update_fields = frozenset(services.POLICY_FIELDS - {"assessed_by", "position"})

    def update(self, request, stored, fields):
        services.policy_update(policy=stored, actor=request.user, **fields)

    list_display = ("title", "draft", "high_impact", "in_scope", "assessed_by", "assessed_on")
    list_filter = ("high_impact", "in_scope")
    search_fields = ("title", "draft__title")
    autocomplete_fields = ("draft", "assessed_by")
