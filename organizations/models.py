from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import search as text_search
from core.typed import TypedInput


class OrganizationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    PROVINCE = "province", _("Province / centrally-run city")
    DEPARTMENT = "department", _("Department")
    DISTRICT = "district", _("District (historic)")
    COMMUNE = "commune", _("Commune / ward")
    UNIT = "unit", _("Unit / centre")
    SCHOOL = "school", _("School")
    OTHER = "other", _("Other")


class OrganizationQuerySet(models.QuerySet):
    def subtree_of(self, organization):
        """The organization and everything below it: one indexed prefix match on the materialized path."""
        return self.filter(path__startswith=organization.path)

    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def search(self, text):
        if not text:
            return self
        return text_search.search(self, text, "name", "code")


class Organization(TypedInput, models.Model):
    """A node of the organization tree.

    ``path`` is the chain of primary keys from the root (``/1/7/42/``); a subtree is every row whose path starts
    with this one's. It is maintained by ``organizations.services`` only.
    """

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The organization that took over its duties after it was dissolved or merged."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["path"], name="org_path_prefix_idx", opclasses=["varchar_pattern_ops"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="org_validity_ordered",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end of validity (%(end)s) is before its start (%(start)s).") % {
                "end": self.valid_to.strftime("%d/%m/%Y"),
                "start": self.valid_from.strftime("%d/%m/%Y"),
            }
        if self.pk and self.parent_id:
            if self.parent_id == self.pk or (self.parent and self.parent.path.startswith(self.path)):
                errors["parent"] = _("An organization cannot be placed below itself or one of its own units.")
        if self.pk and self.successor_id == self.pk:
            errors["successor"] = _("An organization cannot be its own successor.")
        if errors:
            raise ValidationError(errors)

    def is_active(self, day=None):
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)

    def ancestor_ids(self):
        """Primary keys from the root down to this organization, read from the path (no query)."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def ancestors(self, include_self=True):
        ids = self.ancestor_ids()
        if not include_self:
            ids = ids[:-1]
        return Organization.objects.filter(pk__in=ids).order_by("depth")
