from celery import shared_task

from . import services


@shared_task(name="campaigns.remove_orphan_files")
def remove_orphan_files() -> int:
    return len(services.orphan_files_remove())
