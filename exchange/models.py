from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    DRAFT = "draft", _("Draft")
    POLICY = "policy", _("Policy")
    ACTIVITY = "activity", _("Activity")


class ImportKey(models.Model):
    """The user's own key for a row they imported (the spreadsheet's "ref" column), so a re-import updates the
    object it created instead of duplicating it. Kept here so other apps' models stay free of import concerns."""

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("key"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("object id"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("import key")
        verbose_name_plural = _("import keys")
        constraints = [
            models.UniqueConstraint(fields=["kind", "organization", "key"], name="exchange_importkey_unique"),
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="exchange_importkey_object")]

    def __str__(self):
        return f"{self.kind}:{self.key}"
