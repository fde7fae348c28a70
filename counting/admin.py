"""Snapshots are derived data: visible to administrators for support, never edited by hand (a recompute rewrites
them)."""

from django.contrib import admin

from .models import (
    ComputedYear,
    CoverageSnapshot,
    DirtyDraft,
    PolicySnapshot,
    ProgressSnapshot,
    SnapshotStamp,
    TargetSnapshot,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PolicySnapshot)
class PolicySnapshotAdmin(ReadOnlyAdmin):
    list_display = ["policy_id", "draft_id", "organization_id", "year", "status", "computed_at"]
    list_filter = ["status", "year"]
    search_fields = ["=policy__id", "=draft__id"]


@admin.register(CoverageSnapshot)
class CoverageSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["organization", "year", "numerator", "denominator", "computed_at"]
    list_filter = ["year"]
    search_fields = ["organization__code", "organization__name"]


@admin.register(ProgressSnapshot)
class ProgressSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["organization", "in_progress", "at_risk", "computed_at"]
    search_fields = ["organization__code", "organization__name"]


@admin.register(TargetSnapshot)
class TargetSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["organization", "year", "requirement", "target_percent", "met", "computed_at"]
    list_filter = ["year", "met"]
    search_fields = ["organization__code"]


@admin.register(ComputedYear)
class ComputedYearAdmin(ReadOnlyAdmin):
    pass


@admin.register(DirtyDraft)
class DirtyDraftAdmin(ReadOnlyAdmin):
    list_display = ["draft_id", "claim", "created_at"]


@admin.register(SnapshotStamp)
class SnapshotStampAdmin(ReadOnlyAdmin):
    list_display = ["organization", "token"]
    search_fields = ["organization__code", "organization__name"]
