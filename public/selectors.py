"""What the public consultation page may show. Everything public starts from ``public_drafts``: only drafts an
official published, never withdrawn ones. A consultation is *current* on day T when T lies between its start and
its end, both set and inclusive (see docs/exchange.md)."""

import datetime as dt

from django.db.models import Case, F, Q, When
from django.utils import timezone

from campaigns.models import StoredFile
from drafts.models import Draft, DraftStatus


def public_drafts():
    return Draft.objects.filter(published=True).exclude(status=DraftStatus.WITHDRAWN)


def _proposal_open(day):
    return Q(proposal_consultation_start__lte=day, proposal_consultation_end__gte=day)


def _draft_open(day):
    return Q(draft_consultation_start__lte=day, draft_consultation_end__gte=day)


def current_consultations(*, day: dt.date | None = None, organization=None, search=""):
    """Published drafts with a consultation open today, the one closing soonest first."""
    day = day or timezone.localdate()
    queryset = (
        public_drafts()
        .filter(_proposal_open(day) | _draft_open(day))
        .annotate(
            closes_on=Case(
                When(_draft_open(day), then=F("draft_consultation_end")),
                default=F("proposal_consultation_end"),
            )
        )
        .select_related("drafting_organization")
        .only(
            "pk", "title", "document_type", "status", "proposal_consultation_start", "proposal_consultation_end",
            "draft_consultation_start", "draft_consultation_end", "comment_url", "updated_at",
            "drafting_organization__name", "drafting_organization__code",
        )
        .order_by("closes_on", "pk")
    )
    if organization is not None:
        queryset = queryset.in_subtree(organization)
    if search:
        queryset = queryset.filter(Q(title__icontains=search) | Q(policies__title__icontains=search)).distinct()
    return queryset


def open_phase(draft, day=None):
    """"proposal", "draft" or None: which consultation of this draft is open on ``day``."""
    day = day or timezone.localdate()
    if draft.draft_consultation_start and draft.draft_consultation_end and (
        draft.draft_consultation_start <= day <= draft.draft_consultation_end
    ):
        return "draft"
    if draft.proposal_consultation_end and draft.proposal_consultation_start <= day <= draft.proposal_consultation_end:
        return "proposal"
    return None


def public_files(draft):
    return (
        StoredFile.objects.filter(is_public=True, activity__draft=draft)
        .only("pk", "original_name", "extension", "size", "uploaded_at")
        .order_by("pk")
    )


def public_file(pk):
    """A file the public may download: marked public, evidence of a published draft."""
    return StoredFile.objects.filter(
        pk=pk, is_public=True, activity__draft__in=public_drafts()
    ).first()
