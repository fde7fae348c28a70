"""The one place the write services tell the coverage engine that data changed.

The engine (``coverage.services``) decides what to recompute and when; callers only say which drafts moved.
"""

from django.db import transaction


def drafts_changed(draft_ids):
    ids = sorted({int(i) for i in draft_ids if i is not None})
    if not ids:
        return
    from . import services

    transaction.on_commit(lambda: services.schedule_recompute_for_drafts(ids))
