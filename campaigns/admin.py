from django.contrib import admin

from core.admin import ServicesOnlyModelAdmin

from .models import Activity, Campaign, StoredFile


@admin.register(Campaign)
class CampaignAdmin(ServicesOnlyModelAdmin):
    list_display = ("title", "draft", "owner", "period_start", "period_end", "budget_vnd")
    search_fields = ("title", "draft__title")
    autocomplete_fields = ("draft", "owner")


@admin.register(Activity)
class ActivityAdmin(ServicesOnlyModelAdmin):
    list_display = ("title", "draft", "channel", "date", "status")
    list_filter = ("status", "channel")
    search_fields = ("title", "draft__title")
    autocomplete_fields = ("draft", "campaign", "policies")
    date_hierarchy = "date"


@admin.register(StoredFile)
class StoredFileAdmin(admin.ModelAdmin):
    list_display = ("original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at")
    search_fields = ("original_name", "sha256")
    readonly_fields = ("file", "sha256", "size", "content_type", "extension")
