import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import search as text_search
from core.typed import TypedInput


class Channel(models.TextChoices):
    PORTAL = "portal", _("Agency e-portal")
    PRESS = "press", _("Press (materials, articles, press conferences)")
    BROADCAST = "broadcast", _("Radio / TV / loudspeakers")
    SOCIAL = "social", _("Social networks and fanpages")
    MEETING = "meeting", _("Conference / seminar / talk show")
    VOTER_CONTACT = "voter_contact", _("Voter contact meeting")
    GRASSROOTS = "grassroots", _("Grassroots cultural institution")
    PRINT = "print", _("Printed materials (leaflets, posters, panels)")
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


def _stored_name(instance, filename):
    # The user's file name never reaches the disk: a random name, the sniffed extension.
    return f"evidence/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.{instance.extension}"


class StoredFile(models.Model):
    """A checked upload: evidence of an activity, or a campaign's plan document."""

    file = models.FileField(upload_to=_stored_name, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(max_length=8)
    content_type = models.CharField(max_length=128)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64, db_index=True)
    activity = models.ForeignKey(
        "Activity", null=True, blank=True, on_delete=models.CASCADE, related_name="evidence_files"
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public consultation page.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "draft__drafting_organization__path"))

    def search(self, text):
        if not text:
            return self
        return text_search.search(self, text, "title", "draft__title")


class Campaign(TypedInput, models.Model):
    draft = models.ForeignKey("drafts.Draft", verbose_name=_("draft"), on_delete=models.CASCADE, related_name="campaigns")
    title = models.CharField(_("title"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"), null=True, blank=True)
    planned_channels = models.JSONField(_("planned channels"), default=list, blank=True)
    budget_vnd = models.PositiveBigIntegerField(_("budget (VND)"), null=True, blank=True)
    plan_document = models.ForeignKey(
        StoredFile, verbose_name=_("plan document"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("communication campaign")
        verbose_name_plural = _("communication campaigns")
        ordering = ["-period_start", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext

        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {
                    "period_end": gettext("The period end (%(e)s) is before its start (%(s)s).")
                    % {"e": self.period_end.strftime("%d/%m/%Y"), "s": self.period_start.strftime("%d/%m/%Y")}
                }
            )
        bad = [c for c in (self.planned_channels or []) if c not in Channel.values]
        if bad:
            raise ValidationError({"planned_channels": gettext("Unknown channel: %(c)s.") % {"c": ", ".join(bad)}})

    def get_planned_channels_display(self):
        labels = dict(Channel.choices)
        return [labels.get(c, c) for c in self.planned_channels or []]


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "draft__drafting_organization__path"))

    def done(self):
        return self.filter(status=ActivityStatus.DONE)

    def search(self, text):
        if not text:
            return self
        return text_search.search(self, text, "title", "description", "draft__title")


class Activity(TypedInput, models.Model):
    draft = models.ForeignKey("drafts.Draft", verbose_name=_("draft"), on_delete=models.CASCADE, related_name="activities")
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    # Empty means the activity covers every policy of its draft (the counting rule).
    policies = models.ManyToManyField(
        "drafts.Policy", verbose_name=_("policies covered"), blank=True, related_name="activities"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    reach = models.PositiveBigIntegerField(_("reach (audience or views)"), null=True, blank=True)
    feedback = models.TextField(_("feedback received"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("communication activity")
        verbose_name_plural = _("communication activities")
        ordering = ["-date", "-pk"]
        # The id ends the key so that the counting engine's probes ("a done activity of this draft in this phase,
        # naming no policy?") are answered from the index alone: the anti-join on the links needs only the id.
        indexes = [models.Index(fields=["draft", "status", "date", "id"], name="activity_draft_status_date_id")]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError
        from django.utils import timezone
        from django.utils.translation import gettext

        if self.campaign_id and self.draft_id and self.campaign.draft_id != self.draft_id:
            raise ValidationError({"campaign": gettext("The campaign belongs to another draft.")})
        if self.status == ActivityStatus.DONE and isinstance(self.date, dt.date) and self.date > timezone.localdate():
            raise ValidationError(
                {
                    "status": gettext(
                        "An activity dated %(date)s has not happened yet: mark it “Planned” now and “Done” once it "
                        "has taken place, or correct the date."
                    )
                    % {"date": self.date.strftime("%d/%m/%Y")}
                }
            )
