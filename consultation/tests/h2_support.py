"""Helpers for the tests of the officials' work on comments (answering, similarity, pages, API)."""

import datetime as dt

from django.utils import timezone

from consultation.models import Comment, Phase, Source, Status
from testbed import factories


def draft_of(organization, **kwargs):
    kwargs.setdefault("proposal_consultation_start", dt.date(2026, 3, 1))
    kwargs.setdefault("draft_consultation_start", dt.date(2026, 6, 1))
    return factories.DraftFactory(drafting_organization=organization, **kwargs)


def make_comment(draft, text="Đề nghị giữ nguyên mức học phí.", **kwargs):
    """A comment stored directly (as the public form or an import would leave it)."""
    kwargs.setdefault("phase", Phase.PROPOSAL)
    kwargs.setdefault("source", Source.PORTAL)
    kwargs.setdefault("status", Status.PUBLISHED)
    kwargs.setdefault("received_at", timezone.make_aware(dt.datetime(2026, 4, 1, 9, 0)))
    return Comment.objects.create(draft=draft, text=text, **kwargs)
