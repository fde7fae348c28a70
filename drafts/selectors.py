"""Reads for the drafts pages. Each returns a queryset limited to the user's scope, cheap to chain.

A draft's campaigns and activities are read through their reverse relations (``draft.campaigns``,
``draft.activities``, ``policy.activities``): the campaigns app sits above this one, which never imports it."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q

from accounts.models import EDIT_ROLES
from accounts.scope import scope_q
from organizations.models import Organization

from .models import Draft, Policy, countable_q


def drafts_visible_to(user):
    return Draft.objects.visible_to(user)


def draft_list(user):
    """Visible drafts with their organization and policy counts: one query per page whatever the rows."""
    return drafts_visible_to(user).select_related("drafting_organization").annotate(
        policy_count=Count("policies", distinct=True),
        countable_count=Count(
            "policies",
            filter=countable_q(policy="policies__", draft=""),
            distinct=True,
        ),
    )


def drafts_for_detail(user):
    return drafts_visible_to(user).select_related("drafting_organization", "responsible_official", "created_by")


def draft_related(draft):
    """A draft's policies, campaigns and activities for its page: four queries whatever their number."""
    policies = list(draft.policies.select_related("assessed_by"))
    by_pk = {p.pk: p for p in policies}
    activities = list(
        draft.activities.select_related("campaign")
        .prefetch_related(Prefetch("policies", queryset=Policy.objects.only("pk", "draft_id")))
        .order_by("date", "pk")
    )
    for activity in activities:
        # Reuse the policies already loaded instead of their bare prefetched copies.
        activity.covered_policies = [by_pk[p.pk] for p in activity.policies.all() if p.pk in by_pk]
    campaigns = list(draft.campaigns.annotate(activity_count=Count("activities")).order_by("period_start", "pk"))
    return {"policies": policies, "activities": activities, "campaigns": campaigns}


def policies_visible_to(user):
    return Policy.objects.visible_to(user)


def policy_list(user):
    return policies_visible_to(user).select_related("draft", "draft__drafting_organization")


def policies_for_edit(user):
    return policies_visible_to(user).select_related("draft", "draft__drafting_organization")


def organizations_editable_by(user):
    """Where ``user`` may record drafts: the subtrees of their official/head memberships."""
    return Organization.objects.filter(scope_q(user, "path", EDIT_ROLES))


def responsible_official_choices(user, *, keep_pk=None):
    """People who can be named responsible: officials and heads anywhere ``user`` may edit (plus ``keep_pk``)."""
    User = get_user_model()
    eligible = User.objects.filter(
        Q(is_active=True, memberships__role__in=EDIT_ROLES) & scope_q(user, "memberships__organization__path", EDIT_ROLES)
    )
    wanted = Q(pk__in=eligible.values("pk"))
    if keep_pk:
        wanted |= Q(pk=keep_pk)
    return User.objects.filter(wanted).order_by("full_name", "username")


def activities_covering_only(policy):
    """Activities that name this policy and no other."""
    covering = policy.activities.all()
    # Counted over all of an activity's policies, not only the join to this one that ``covering`` filters on.
    return (
        covering.model.objects.filter(pk__in=covering.values("pk"))
        .annotate(policy_total=Count("policies"))
        .filter(policy_total=1)
    )
