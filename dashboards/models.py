from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.typed import PlausibleYearValidator


class RecomputeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ACTIVE_RECOMPUTE_STATUSES = (RecomputeStatus.PENDING, RecomputeStatus.RUNNING)


class RecomputeRequest(models.Model):
    """A head's or administrator's request to recompute the figures of one organization and year, as a tracked job."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("organization")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[PlausibleYearValidator()])
    status = models.CharField(
        _("status"), max_length=16, choices=RecomputeStatus.choices, default=RecomputeStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recompute request")
        verbose_name_plural = _("recompute requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "year", "-created_at"], name="recompute_org_year_idx")]

    def __str__(self):
        return f"{self.organization} · {self.year} · {self.status}"

    @property
    def is_active(self):
        return self.status in ACTIVE_RECOMPUTE_STATUSES
