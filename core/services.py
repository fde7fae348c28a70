"""Helpers shared by every app's write services."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class StaleEdit(ValidationError):
    """Raised when a save is based on an older version of the record than the one stored."""


def check_version(instance, expected_version):
    """Lock the stored row and refuse the save if someone else changed it since the form was opened."""
    if expected_version is None or instance.pk is None:
        return
    stored = type(instance).objects.select_for_update().only("version").get(pk=instance.pk)
    if int(expected_version) != stored.version:
        raise StaleEdit(
            _(
                "Someone else saved this record while you were editing it. Reload the page to see their changes, "
                "then apply yours again."
            ),
            code="stale",
        )
    instance.version = stored.version + 1


def apply_fields(instance, fields: dict, allowed: set[str]):
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)
