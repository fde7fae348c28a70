"""``{% organization_drafts organization user %}``: the organization page's section on the drafts of the organization
and its units. A tag, so that the organization page (``organizations``, a layer below) shows it without importing
this app."""

from django import template

from ..selectors import drafts_visible_to

register = template.Library()


@register.inclusion_tag("drafts/_organization_drafts.html")
def organization_drafts(organization, user):
    drafts = drafts_visible_to(user).in_subtree(organization)
    return {
        "organization": organization,
        "draft_count": drafts.count(),
        "recent_drafts": drafts.select_related("drafting_organization").order_by("-updated_at")[:5],
    }
