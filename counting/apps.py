from django.apps import AppConfig

from directives import signals as directive_signals
from drafts import signals as draft_signals


class CountingConfig(AppConfig):
    """The coverage engine. The package is ``counting`` so that ``import coverage`` is coverage.py; the app label,
    tables, migrations and task names keep the name ``coverage``."""

    name = "counting"
    label = "coverage"
    verbose_name = "coverage"

    def ready(self):
        # The write services below tell the engine through signals, so that none of them imports it (counting.hooks).
        from . import hooks

        draft_signals.drafts_changed.connect(hooks.drafts_changed, dispatch_uid="coverage.drafts_changed")
        draft_signals.draft_counted_years.connect(hooks.counted_years, dispatch_uid="coverage.counted_years")
        directive_signals.targets_changed.connect(hooks.targets_changed, dispatch_uid="coverage.targets_changed")
