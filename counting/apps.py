from django.apps import AppConfig


class CountingConfig(AppConfig):
    """The coverage engine. The package is ``counting`` so that ``import coverage`` is coverage.py; the app label,
    tables, migrations and task names keep the name ``coverage``."""

    name = "counting"
    label = "coverage"
    verbose_name = "coverage"
