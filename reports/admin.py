from django.contrib import admin

from .models import ExportJob, Problem, ReportText, SignOff


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "version", "signed_by", "signed_at")
    list_filter = ("year",)
    search_fields = ("organization__name", "organization__code")
    readonly_fields = [f.name for f in SignOff._meta.fields]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "format", "status", "progress", "requested_by", "created_at")
    list_filter = ("status", "format", "year")
    search_fields = ("organization__name", "organization__code", "requested_by__username")


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "status", "created_by", "created_at")
    list_filter = ("status",)
    search_fields = ("title", "description")


@admin.register(ReportText)
class ReportTextAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "updated_by", "updated_at")
