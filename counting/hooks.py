"""The one place the write services tell the coverage engine that data changed.

The engine (``counting.services``) decides what to recompute and when; callers only say which drafts moved.
"""

from . import services


def drafts_changed(draft_ids):
    """Call inside the writing transaction: the drafts are recorded as dirty in it, the recompute runs after commit."""
    ids = sorted({int(i) for i in draft_ids if i is not None})
    if not ids:
        return
    services.schedule_recompute_for_drafts(ids)


def targets_changed():
    """A directive, requirement or yearly target changed: target results are rewritten after commit."""
    services.schedule_targets_refresh()

