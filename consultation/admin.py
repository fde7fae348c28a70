from django.contrib import admin

from core.admin import ServicesOnlyModelAdmin

from .models import Comment, ConsultationReport, GroupingRejection, Posting


@admin.register(Comment)
class CommentAdmin(ServicesOnlyModelAdmin):
    """Read-only: comments are moderated, answered and grouped on the portal's pages (audited services); nothing is
    ever deleted."""

    list_display = ("receipt_code", "draft", "source", "phase", "status", "decision", "received_at")
    list_filter = ("status", "source", "phase", "decision")
    search_fields = ("receipt_code", "text", "draft__title")
    raw_id_fields = ("draft", "policy", "activity", "group")


@admin.register(ConsultationReport)
class ConsultationReportAdmin(ServicesOnlyModelAdmin):
    list_display = ("draft", "phase", "status", "approved_by", "approved_at")
    list_filter = ("status", "phase")
    raw_id_fields = ("draft",)


@admin.register(GroupingRejection)
class GroupingRejectionAdmin(ServicesOnlyModelAdmin):
    list_display = ("first", "second", "rejected_by", "rejected_at")
    raw_id_fields = ("first", "second")


@admin.register(Posting)
class PostingAdmin(ServicesOnlyModelAdmin):
    list_display = ("draft", "phase", "venue", "posted_from", "posted_until")
    list_filter = ("venue", "phase")
    raw_id_fields = ("draft",)
