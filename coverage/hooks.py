"""The one place the write services tell the coverage engine that data changed.

The engine (``coverage.services``) decides what to recompute and when; callers only say which drafts moved.
"""

import logging
import time

logger = logging.getLogger(__name__)


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
# their rendered body, dashboards.views). Moved on by every write hook above and by the dashboards' signals.
DATA_VERSION_KEY = "coverage:data-version"


def data_version() -> int | None:
    """The current data version; None when the cache is unavailable (then nothing should be cached)."""
    from django.core.cache import cache

    try:
        version = cache.get(DATA_VERSION_KEY)
        if version is None:
            cache.add(DATA_VERSION_KEY, time.time_ns(), timeout=None)  # never a value an evicted counter had
            version = cache.get(DATA_VERSION_KEY)
        return version
    except Exception:
        logger.warning("coverage: cache unavailable, data version unknown", exc_info=True)
        return None


def bump_data_version():
    """Anything a cached page shows may have changed: move the version on now (this transaction's own later reads
    miss) and again after commit (a page another reader rendered from the old data in between is never found)."""
    from django.db import connection

    from . import services

    _bump_now()
    if connection.in_atomic_block:  # outside a transaction the bump above is already after the write
        services.on_commit_once(_bump_now)


def _bump_now():
    from django.core.cache import cache

    try:
        try:
            cache.incr(DATA_VERSION_KEY)
        except ValueError:  # missing or expired: start it over at a value no cached page was keyed on
            if not cache.add(DATA_VERSION_KEY, time.time_ns(), timeout=None):
                cache.incr(DATA_VERSION_KEY)
    except Exception:
        logger.warning("coverage: cache unavailable, data version not bumped", exc_info=True)
