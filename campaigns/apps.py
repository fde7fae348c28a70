from django.apps import AppConfig
from django.db.models.signals import post_delete


class CampaignsConfig(AppConfig):
    name = "campaigns"

    def ready(self):
        from . import receivers
        from .models import Campaign, StoredFile

        post_delete.connect(receivers.stored_file_deleted, sender=StoredFile, dispatch_uid="campaigns.stored_file_deleted")
        post_delete.connect(receivers.campaign_deleted, sender=Campaign, dispatch_uid="campaigns.campaign_deleted")
