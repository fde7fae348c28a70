from django.contrib import admin

from .models import ImportKey


@admin.register(ImportKey)
class ImportKeyAdmin(admin.ModelAdmin):
    list_display = ("kind", "organization", "key", "object_id", "created_at")
    list_filter = ("kind",)
    search_fields = ("key", "organization__code")
    raw_id_fields = ("organization",)
