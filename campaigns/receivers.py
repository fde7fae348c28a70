"""Stored files leave with the rows that own them, however the delete came about: a service here, or a draft's
delete cascading to its activities and campaigns (``drafts`` sits below this app and does not import it).
Connected in ``CampaignsConfig.ready``."""

from django.db import transaction

from .models import StoredFile


def stored_file_deleted(instance, **kwargs):
    """post_delete of ``StoredFile``: its bytes are removed once the transaction has committed (never if it rolls
    back, so a refused delete loses nothing)."""
    if instance.file:
        transaction.on_commit(lambda f=instance.file: f.delete(save=False))


def campaign_deleted(instance, **kwargs):
    """post_delete of ``Campaign``: its plan document is its own (``related_name="+"``), so it goes too; its
    activities stay (``on_delete=SET_NULL``)."""
    if instance.plan_document_id:
        StoredFile.objects.filter(pk=instance.plan_document_id).delete()
