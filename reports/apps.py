from django.apps import AppConfig

from drafts import signals as draft_signals


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        # A protected delete of a draft asks which of its years were signed off (reports.receivers).
        from . import receivers

        draft_signals.draft_signed_off_years.connect(receivers.signed_off_years, dispatch_uid="reports.signed_off_years")
