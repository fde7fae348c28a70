from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "dashboards"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from directives.models import TaskReport
        from organizations.models import Organization

        from .models import RecomputeRequest

        # The cached dashboard body shows these rows directly (not through the coverage snapshots, whose writes go
        # through counting.hooks): any save or delete moves the data version on, whoever makes it (services, admin).
        for model in (TaskReport, Organization, RecomputeRequest):
            post_save.connect(_data_changed, sender=model, dispatch_uid=f"dashboards-cache-{model._meta.label}")
            post_delete.connect(_data_changed, sender=model, dispatch_uid=f"dashboards-cache-del-{model._meta.label}")


def _data_changed(sender, **kwargs):
    from counting.hooks import bump_data_version

    bump_data_version()
