"""The one place the write services tell the coverage engine that data changed.

The engine (``counting.services``) decides what to recompute and when; callers only say which drafts moved.
"""

from core.versions import Counter


def drafts_changed(draft_ids):
    """Call inside the writing transaction: the drafts are recorded as dirty in it, the recompute runs after commit."""
    ids = sorted({int(i) for i in draft_ids if i is not None})
    if not ids:
        return
    from . import services

    services.schedule_recompute_for_drafts(ids)
    bump_data_version()


def targets_changed():
    """A directive, requirement or yearly target changed: target results are rewritten after commit."""
    from . import services

    services.schedule_targets_refresh()
    bump_data_version()


# The data version: one cache counter that every cached view of the figures puts in its key (the dashboards cache
# their rendered body and pages, dashboards.views). Moved on by every write hook above, by a recompute that stamps
# its years (engine) and by the dashboards' signals.
DATA_VERSION_KEY = "coverage:data-version"
DATA_VERSION = Counter(DATA_VERSION_KEY)


def data_version() -> int | None:
    """The current data version; None when the cache is unavailable (then nothing should be cached)."""
    return DATA_VERSION.get()


def bump_data_version():
    """Anything a cached page shows may have changed: move the version on now (this transaction's own later reads
    miss) and again after commit (a page another reader rendered from the old data in between is never found)."""
    DATA_VERSION.bump()
