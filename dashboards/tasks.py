"""Celery tasks of the dashboards: JSON arguments (ids), idempotent."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="dashboards.run_recompute")
def run_recompute(request_id: int) -> str:
    """Run coverage's recompute for a tracked request, recording its progress and outcome on the request row."""
    from counting import tasks as coverage_tasks

    from . import services
    from .models import RecomputeRequest, RecomputeStatus

    request = RecomputeRequest.objects.filter(pk=request_id).select_related("organization").first()
    if request is None or request.status in (RecomputeStatus.DONE, RecomputeStatus.FAILED):
        return request.status if request else "missing"
    services.recompute_started(request=request)
    try:
        coverage_tasks.recompute_year(request.year)
    except Exception as error:  # recorded on the row for the page to show; the figures stay as they were
        logger.exception("dashboards: recompute %s failed", request_id)
        services.recompute_finished(request=request, error=str(error) or error.__class__.__name__)
    else:
        services.recompute_finished(request=request)
    return request.status

