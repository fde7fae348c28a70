"""Coverage engine entry points for the rest of the portal: record what changed, schedule the recompute.

A save records its drafts as dirty in its own transaction (a save never fails because Redis is down, and nothing
is lost), then after commit one ``recompute_dirty`` task is enqueued, unless one is already pending:

* one transaction registers one after-commit callback however many saves it makes;
* across transactions a short cache lock (``cache.add``) lets only the first enqueue; the task deletes the lock
  when it starts, before it claims the dirty rows, so a change committed later always finds either a pending task
  or no lock;
* broker errors are swallowed: the beat sweep (every minute) picks the rows up.

In eager mode (no REDIS_URL, tests) the task runs in the after-commit callback, so figures are fresh as soon as
the save returns.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import connection, transaction

from . import engine

logger = logging.getLogger(__name__)

PENDING_KEY = "coverage:recompute-dirty:pending"
PENDING_SECONDS = 60
DEBOUNCE_SECONDS = 2


def on_commit_once(callback):
    """Run ``callback`` after the current transaction commits, registered once however many writes ask for it
    (at once outside a transaction)."""
    # Django drops the callbacks of a rolled-back savepoint from this list, so "already registered" stays true.
    if connection.in_atomic_block and any(entry[1] == callback for entry in connection.run_on_commit):
        return
    transaction.on_commit(callback, robust=True)


def schedule_recompute_for_drafts(draft_ids):
    """Schedule a recompute of what these drafts touch (set-based engine, coalesced). Call inside the write."""
    ids = sorted({int(i) for i in draft_ids if i is not None})
    if not ids:
        return
    engine.mark_dirty(ids)
    on_commit_once(enqueue_recompute_dirty)


def schedule_targets_refresh():
    on_commit_once(enqueue_targets_refresh)


def enqueue_recompute_dirty() -> bool:
    """Enqueue one ``recompute_dirty`` unless one is pending. True when this call enqueued it."""
    from . import tasks

    try:
        if not cache.add(PENDING_KEY, 1, PENDING_SECONDS):
            return False
    except Exception:  # cache (Redis) down: enqueue anyway, duplicates are harmless
        logger.warning("coverage: cache unavailable, enqueueing without coalescing", exc_info=True)
    try:
        tasks.recompute_dirty.apply_async(countdown=DEBOUNCE_SECONDS)
    except Exception:
        logger.warning("coverage: could not enqueue recompute_dirty; the beat sweep will pick it up", exc_info=True)
        release_pending()
        return False
    return True


def release_pending():
    try:
        cache.delete(PENDING_KEY)
    except Exception:
        logger.warning("coverage: cache unavailable", exc_info=True)


def enqueue_targets_refresh():
    from . import tasks

    try:
        tasks.refresh_targets.delay()
    except Exception:
        logger.warning("coverage: could not enqueue refresh_targets; the nightly recompute will", exc_info=True)
