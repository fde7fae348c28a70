from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICIAL = "official", _("Official")
    HEAD = "head", _("Head of department")
    INSPECTOR = "inspector", _("Inspector")
    ADMIN = "admin", _("Administrator")


# Which roles may do what, over the subtree of the membership's organization.
READ_ROLES = (Role.OFFICIAL, Role.HEAD, Role.INSPECTOR, Role.ADMIN)
EDIT_ROLES = (Role.OFFICIAL, Role.HEAD)
SIGN_OFF_ROLES = (Role.HEAD,)
EXPORT_ROLES = (Role.INSPECTOR, Role.HEAD)
MANAGE_ROLES = (Role.ADMIN,)


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self):
        return str(self)


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organization")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.organization}"
