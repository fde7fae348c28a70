from django.contrib import admin

from .models import Directive, PostingRule, Requirement, RequirementTarget, TaskReport
from .signals import targets_changed


class TargetsChangedMixin:
    """Admin edits skip the services; tell the coverage engine (``signals.targets_changed``) so target results are
    rewritten after commit."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        targets_changed.send(sender=self.model)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        targets_changed.send(sender=self.model)


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0


@admin.register(Directive)
class DirectiveAdmin(TargetsChangedMixin, admin.ModelAdmin):
    list_display = ["code", "kind", "title", "issuer", "issued_on", "applies_to"]
    list_filter = ["kind"]
    search_fields = ["code", "title", "issuer"]
    raw_id_fields = ["implements", "document", "applies_to"]
    inlines = [RequirementInline]


class RequirementTargetInline(admin.TabularInline):
    model = RequirementTarget
    extra = 0


@admin.register(Requirement)
class RequirementAdmin(TargetsChangedMixin, admin.ModelAdmin):
    list_display = ["title", "directive", "kind", "task_code", "position"]
    list_filter = ["kind", "task_code"]
    search_fields = ["title", "directive__code"]
    inlines = [RequirementTargetInline]


@admin.register(TaskReport)
class TaskReportAdmin(admin.ModelAdmin):
    list_display = ["organization", "requirement", "year", "done", "reported_by", "reported_at"]
    list_filter = ["year", "done", "requirement__task_code"]
    search_fields = ["organization__code", "organization__name"]
    raw_id_fields = ["organization", "reported_by"]


@admin.register(PostingRule)
class PostingRuleAdmin(admin.ModelAdmin):
    """The minimum posting periods: edited here when a law or its guidance changes them."""

    list_display = ["document_type", "minimum_days", "valid_from", "legal_basis"]
    list_filter = ["document_type"]
    search_fields = ["legal_basis"]
