from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from consultation.approval import approved_reports
from consultation.models import ConsultationReport
from organizations.models import Organization

from .selectors import current_consultations, public_drafts

APPROVED_REPORTS_IN_FEED = 20


class ConsultationFeed(Feed):
    """Atom feed of current consultations, portal-wide or for one organization's subtree (?organization=CODE),
    followed by the summary-and-response reports approved most recently (one entry per draft and phase).
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
        drafts = public_drafts()
        if organization is not None:
            drafts = drafts.in_subtree(organization)
        reports = approved_reports(drafts=drafts)[:APPROVED_REPORTS_IN_FEED]
        return [*current_consultations(organization=organization)[:50], *reports]

    def item_title(self, item):
        if isinstance(item, ConsultationReport):
            return _("Summary of the comments and the answers: %(title)s (%(phase)s)") % {
                "title": item.draft.title,
                "phase": item.get_phase_display(),
            }
        return item.title

    def item_description(self, item):
        if isinstance(item, ConsultationReport):
            return _("%(organization)s approved the summary-and-response report on %(date)s; the answers are public.") % {
                "organization": item.draft.drafting_organization.name,
                "date": item.approved_at.strftime("%d/%m/%Y"),
            }
        return _("%(organization)s. Comments until %(end)s.") % {
            "organization": item.drafting_organization.name,
            "end": item.closes_on.strftime("%d/%m/%Y"),
        }

    def item_link(self, item):
        if isinstance(item, ConsultationReport):
            return reverse("public:draft", args=[item.draft_id]) + f"#consultation-report-{item.phase}"
        return reverse("public:draft", args=[item.pk])

    def item_author_name(self, item):
        if isinstance(item, ConsultationReport):
            return item.draft.drafting_organization.name
        return item.drafting_organization.name

    def item_updateddate(self, item):
        if isinstance(item, ConsultationReport):
            return item.approved_at
        return item.updated_at
