"""Writes to the organization tree. Every change to ``parent`` goes through here so paths stay true."""

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr

from .models import Organization


def _path_for(organization):
    parent_path = organization.parent.path if organization.parent_id else "/"
    return f"{parent_path}{organization.pk}/"


@transaction.atomic
def organization_create(*, code, name, kind, parent=None, valid_from=None, valid_to=None, successor=None) -> Organization:
    organization = Organization(
        code=code, name=name, kind=kind, parent=parent, valid_from=valid_from, valid_to=valid_to, successor=successor
    )
    organization.full_clean(exclude=["path"])
    organization.save()
    organization.path = _path_for(organization)
    organization.depth = organization.path.count("/") - 2
    organization.save(update_fields=["path", "depth"])
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, **fields) -> Organization:
    old_path = organization.path
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.full_clean(exclude=["path"])
    organization.save()
    new_path = _path_for(organization)
    if new_path != old_path:
        # Re-root the whole subtree in one statement: new prefix + the part of each path after the old prefix.
        depth_shift = new_path.count("/") - old_path.count("/")
        Organization.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1, Length("path"))),
            depth=F("depth") + depth_shift,
        )
        organization.refresh_from_db(fields=["path", "depth"])
    return organization


@transaction.atomic
def organization_delete(*, organization: Organization, actor=None) -> None:
    """Delete an organization that nothing refers to; units, drafts and members keep it alive."""
    from django.core.exceptions import ValidationError
    from django.db.models import ProtectedError
    from django.utils.translation import gettext as _

    try:
        organization.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _(
                "“%(name)s” still has units, drafts or members. Move or delete them first, or set an end of "
                "validity instead."
            )
            % {"name": organization.name},
            code="protected",
        ) from exc


def organization_rebuild_paths() -> int:
    """Recompute every path from the parent links (used after bulk loads). Returns the number of rows."""
    rows = list(Organization.objects.values_list("pk", "parent_id"))
    children = {}
    for pk, parent_id in rows:
        children.setdefault(parent_id, []).append(pk)
    paths = {}
    stack = [(pk, "/") for pk in children.get(None, [])]
    while stack:
        pk, prefix = stack.pop()
        paths[pk] = f"{prefix}{pk}/"
        stack.extend((child, paths[pk]) for child in children.get(pk, []))
    objs = [Organization(pk=pk, path=path, depth=path.count("/") - 2) for pk, path in paths.items()]
    with transaction.atomic():
        Organization.objects.bulk_update(objs, ["path", "depth"], batch_size=2000)
    return len(objs)
