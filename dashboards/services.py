"""Writes of the dashboards app: recompute requests."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ACTIVE_RECOMPUTE_STATUSES, RecomputeRequest, RecomputeStatus


@transaction.atomic
def recompute_request(*, organization, year: int, actor) -> RecomputeRequest:
    """Ask for the figures of ``organization`` and ``year`` to be recomputed by a Celery job (after commit).

    A request still pending or running for the same organization and year is returned instead of a second one;
    one older than the task time limit is considered abandoned (its worker died).
    """
    from . import tasks

    abandoned_before = timezone.now() - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    active = (
        RecomputeRequest.objects.select_for_update()
        .filter(organization=organization, year=year, status__in=ACTIVE_RECOMPUTE_STATUSES)
        .filter(created_at__gte=abandoned_before)
        .first()
    )
    if active is not None:
        return active
    request = RecomputeRequest(
        organization=organization,
        year=year,
        requested_by=actor if actor is not None and actor.is_authenticated else None,
    )
    request.full_clean()
    request.save()
    tasks.run_recompute.delay_on_commit(request.pk)
    return request


def recompute_started(*, request: RecomputeRequest) -> RecomputeRequest:
    request.status = RecomputeStatus.RUNNING
    request.progress = 10
    request.save(update_fields=["status", "progress"])
    return request


def recompute_finished(*, request: RecomputeRequest, error: str = "") -> RecomputeRequest:
    request.status = RecomputeStatus.FAILED if error else RecomputeStatus.DONE
    request.progress = 100
    request.error = error[:2000]
    request.finished_at = timezone.now()
    request.save(update_fields=["status", "progress", "error", "finished_at"])
    return request
