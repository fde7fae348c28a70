"""Helpers shared by every app's write services."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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


def full_clean(instance, *, known_relations=()):
    """``instance.full_clean()``, minus the existence query of the foreign keys named in ``known_relations``.

    For callers that have just read those related objects from this database in this transaction (a bulk import
    resolves each organization or draft once, then saves thousands of rows under it). Every other check still
    runs, with Django's own error merging: the other fields, ``clean()``, unique checks and constraints.
    """
    if not known_relations:
        instance.full_clean()
        return
    errors = {}
    try:
        instance.full_clean(exclude=set(known_relations), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    failed = {name for name in errors if name != NON_FIELD_ERRORS}
    for check in (instance.validate_unique, instance.validate_constraints):
        try:
            check(exclude=failed)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
