from django.contrib import admin

from .models import RecomputeRequest


@admin.register(RecomputeRequest)
class RecomputeRequestAdmin(admin.ModelAdmin):
    list_display = ["organization", "year", "status", "progress", "requested_by", "created_at", "finished_at"]
    list_filter = ["status", "year"]
    readonly_fields = ["created_at", "finished_at"]
