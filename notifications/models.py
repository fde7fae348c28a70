"""What each user accepts to receive by e-mail, and the log of the reminders already sent (nothing goes twice)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    AT_RISK = "at_risk", _("A policy became at risk")
    MISSING_CAMPAIGN = "missing_campaign", _("A draft entered consultation without a campaign")
    WEEKLY_DIGEST = "weekly_digest", _("Weekly coverage digest")


class NotificationPreference(models.Model):
    """Which e-mails a user accepts, and in which language. No row means every kind, in Vietnamese."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference", verbose_name=_("user")
    )
    at_risk = models.BooleanField(_("when a policy of my drafts becomes at risk"), default=True)
    missing_campaign = models.BooleanField(
        _("when a draft enters a consultation phase without a communication campaign"), default=True
    )
    weekly_digest = models.BooleanField(_("weekly coverage digest (heads of department)"), default=True)
    language = models.CharField(_("e-mail language"), max_length=8, choices=settings.LANGUAGES, default="vi")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "dashboards_notificationpreference"  # the table it had in dashboards: moved without a migration
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind))


class SentNotification(models.Model):
    """One reminder item already sent to one user: the unique key is what makes the daily job safe to rerun."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    key = models.CharField(max_length=200, help_text=_("For example at_risk:<policy id>:<phase start>."))
    sent_on = models.DateField()

    class Meta:
        db_table = "dashboards_sentnotification"  # the table it had in dashboards: moved without a migration
        verbose_name = _("sent notification")
        verbose_name_plural = _("sent notifications")
        constraints = [models.UniqueConstraint(fields=["user", "kind", "key"], name="sentnotification_unique")]

    def __str__(self):
        return f"{self.user} · {self.kind} · {self.key}"
