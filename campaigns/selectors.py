"""Reads for campaigns, activities and evidence files; every list costs a fixed number of queries."""

from django.db.models import Count, Q

from accounts.models import EDIT_ROLES
from drafts.models import Draft

from .models import Activity, Campaign, StoredFile


def campaigns_for_list(user):
    return (
        Campaign.objects.visible_to(user)
        .select_related("draft__drafting_organization", "owner")
        .annotate(activity_count=Count("activities", distinct=True))
    )


def campaign_detail_queryset(user):
    return Campaign.objects.visible_to(user).select_related("draft__drafting_organization", "owner", "plan_document")


def activities_for_list(user):
    return (
        Activity.objects.visible_to(user)
        .select_related("draft__drafting_organization", "campaign")
        .annotate(
            policy_count=Count("policies", distinct=True),
            evidence_count=Count("evidence_files", distinct=True),
        )
    )


def activity_detail_queryset(user):
    return (
        Activity.objects.visible_to(user)
        .select_related("draft__drafting_organization", "campaign", "created_by")
        .prefetch_related("policies", "evidence_files")
    )


def stored_files_visible_to(user):
    """Evidence of activities and plan documents of campaigns whose draft the user can read."""
    return StoredFile.objects.filter(
        Q(activity__in=Activity.objects.visible_to(user))
        | Q(pk__in=Campaign.objects.visible_to(user).filter(plan_document__isnull=False).values("plan_document"))
    ).select_related("activity__draft__drafting_organization")


def drafts_visible_to(user):
    return Draft.objects.visible_to(user).only("pk", "title").order_by("title")


def drafts_editable_by(user):
    return Draft.objects.editable_by(user).only("pk", "title").order_by("title")


def owner_choices(draft):
    """People who can edit the draft: an editor on its drafting organization or an organization above it."""
    from django.contrib.auth import get_user_model

    ancestor_paths = []
    path = draft.drafting_organization.path
    for index, char in enumerate(path):
        if char == "/" and index:
            ancestor_paths.append(path[: index + 1])
    return (
        get_user_model()
        .objects.filter(
            is_active=True, memberships__role__in=EDIT_ROLES, memberships__organization__path__in=ancestor_paths
        )
        .distinct()
        .order_by("full_name", "username")
    )
