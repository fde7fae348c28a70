"""Celery tasks of the reports app: thin wrappers over services, ids as arguments, safe to run twice."""

from celery import shared_task

from . import exports


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def export_job_run(job_id: int) -> None:
    exports.export_job_execute(job_id=job_id)
