"""Celery tasks of the coverage engine: JSON arguments (ids, years), idempotent, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from . import engine


@shared_task(name="coverage.recompute_dirty")
def recompute_dirty() -> int:
    """Recompute what every draft changed since the last run touches. Returns the number of policies judged."""
    from .services import release_pending

    # Release before claiming: a change committed from now on either is claimed here or enqueues the next run.
    release_pending()
    result = engine.recompute_dirty()
    return result.policies if result else 0


@shared_task(name="coverage.recompute_drafts")
def recompute_drafts(draft_ids: list[int]) -> int:
    engine.mark_dirty(int(i) for i in draft_ids)
    result = engine.recompute_dirty()
    return result.policies if result else 0


@shared_task(name="coverage.recompute_year")
def recompute_year(year: int | None = None) -> int:
    """Every policy adopted in ``year`` (default: this year) and every policy in progress, for every organization."""
    year = int(year or timezone.localdate().year)
    return engine.recompute(engine.Scope(years=(year,))).policies


@shared_task(name="coverage.refresh_targets")
def refresh_targets() -> int:
    return engine.refresh_targets()
