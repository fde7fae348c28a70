from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ("organization",)


@admin.register(User)
class UserAdmin(AuditlogHistoryAdminMixin, BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("policycomms", {"fields": ("full_name", "job_title", "phone")}),)
    list_display = ("username", "full_name", "email", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email")
    inlines = [MembershipInline]
    show_auditlog_history_link = True


@admin.register(Membership)
class MembershipAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    list_display = ("user", "organization", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "organization__name", "organization__code")
    autocomplete_fields = ("user", "organization")
    show_auditlog_history_link = True
