"""Helpers for the tests of the officials' work on comments (answering, similarity, pages, API)."""

import datetime as dt

from testbed import factories


def draft_of(organization, **kwargs):
    kwargs.setdefault("proposal_consultation_start", dt.date(2026, 3, 1))
    kwargs.setdefault("draft_consultation_start", dt.date(2026, 6, 1))
    return factories.DraftFactory(drafting_organization=organization, **kwargs)
