from django.contrib import admin

from .models import NotificationPreference, SentNotification


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "at_risk", "missing_campaign", "weekly_digest", "language"]
    search_fields = ["user__username", "user__full_name"]


@admin.register(SentNotification)
class SentNotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "key", "sent_on"]
    list_filter = ["kind", "sent_on"]
    search_fields = ["user__username", "key"]
