"""Who may do what with campaigns, activities and evidence files.

Every predicate asks ``accounts.scope`` about the organization that drafts the object's draft; the views fetch
objects through scoped querysets first, so an object out of read scope is a 404 before any rule runs.
"""

import rules

from accounts import scope
from drafts.models import Draft

from .models import Activity, Campaign, StoredFile


def _organization_of(obj):
    if isinstance(obj, Draft):
        return obj.drafting_organization
    if isinstance(obj, (Campaign, Activity)):
        return obj.draft.drafting_organization
    if isinstance(obj, StoredFile):
        if obj.activity_id:
            return obj.activity.draft.drafting_organization
        campaign = Campaign.objects.select_related("draft__drafting_organization").filter(plan_document=obj).first()
        return campaign.draft.drafting_organization if campaign else None
    return None


@rules.predicate
def can_read_draft_of(user, obj):
    return obj is not None and scope.can_read(user, _organization_of(obj))


@rules.predicate
def can_edit_draft_of(user, obj):
    return obj is not None and scope.can_edit(user, _organization_of(obj))


# "add" permissions take the draft the new object will belong to.
rules.add_perm("campaigns.view_campaign", can_read_draft_of)
rules.add_perm("campaigns.add_campaign", can_edit_draft_of)
rules.add_perm("campaigns.change_campaign", can_edit_draft_of)
rules.add_perm("campaigns.delete_campaign", can_edit_draft_of)

rules.add_perm("campaigns.view_activity", can_read_draft_of)
rules.add_perm("campaigns.add_activity", can_edit_draft_of)
rules.add_perm("campaigns.change_activity", can_edit_draft_of)
rules.add_perm("campaigns.delete_activity", can_edit_draft_of)

rules.add_perm("campaigns.view_storedfile", can_read_draft_of)
rules.add_perm("campaigns.delete_storedfile", can_edit_draft_of)
