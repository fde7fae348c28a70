from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from organizations.models import Organization

from .selectors import current_consultations


class ConsultationFeed(Feed):
    """Atom feed of current consultations, portal-wide or for one organization's subtree (?organization=CODE).
    Items carry only public fields: no people, no internal notes."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        code = request.GET.get("organization")
        return get_object_or_404(Organization, code=code) if code else None

    def title(self, organization):
        if organization is None:
            return _("Draft policies open for comment")
        return _("Draft policies open for comment — %(organization)s") % {"organization": organization.name}

    def link(self, organization):
        if organization is None:
            return reverse("public:index")
        return reverse("public:organization", args=[organization.code])

    def subtitle(self, organization):
        return _("Drafts of legal documents whose policies are open for public comment.")

    def items(self, organization):
        return current_consultations(organization=organization)[:50]

    def item_title(self, draft):
        return draft.title

    def item_description(self, draft):
        return _("%(organization)s. Comments until %(end)s.") % {
            "organization": draft.drafting_organization.name,
            "end": draft.closes_on.strftime("%d/%m/%Y"),
        }

    def item_link(self, draft):
        return reverse("public:draft", args=[draft.pk])

    def item_author_name(self, draft):
        return draft.drafting_organization.name

    def item_updateddate(self, draft):
        return draft.updated_at
