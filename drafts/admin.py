from django.contrib import admin

from .models import Draft, Policy


class PolicyInline(admin.StackedInline):
    model = Policy
    extra = 0


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ("title", "document_type", "drafting_organization", "status", "proposal_consultation_start", "adopted_on")
    list_filter = ("status", "document_type")
    search_fields = ("title", "issued_number")
    autocomplete_fields = ("drafting_organization", "responsible_official")
    date_hierarchy = "proposal_consultation_start"
    inlines = [PolicyInline]


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ("title", "draft", "high_impact", "in_scope", "assessed_by", "assessed_on")
    list_filter = ("high_impact", "in_scope")
    search_fields = ("title", "draft__title")
    autocomplete_fields = ("draft", "assessed_by")
