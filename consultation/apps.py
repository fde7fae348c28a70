from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("Public comments")

    def ready(self):
        # The approval's e-mail task lives beside its service (consultation/approval.py): import it so the worker
        # registers it (Celery's autodiscovery only looks at <app>.tasks).
        from . import approval  # noqa: F401
