from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import search as text_search
from core.typed import FIRST_REPORT_YEAR, PlausibleYearValidator, TypedInput

YEAR_VALIDATORS = [MinValueValidator(FIRST_REPORT_YEAR), PlausibleYearValidator()]


class ReportText(TypedInput, models.Model):
    """The head's own words for an organization's annual report: difficulties and recommendations."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    difficulties = models.TextField(_("difficulties"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="report_text_unique")]

    def __str__(self):
        return f"{self.organization} · {self.year}"


class SignOffQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "organization__path"))

    def for_report(self, organization, year):
        return self.filter(organization=organization, year=year)


class SignOff(models.Model):
    """A head's sign-off of an organization's figures for a year: a frozen copy that never changes afterwards."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    version = models.PositiveIntegerField(_("version"))
    data = models.JSONField(_("frozen report"), editable=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    objects = SignOffQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["organization_id", "year", "-version"]
        constraints = [models.UniqueConstraint(fields=["organization", "year", "version"], name="signoff_version_unique")]

    def __str__(self):
        return f"{self.organization} · {self.year} · v{self.version}"

    def save(self, *args, **kwargs):
        # Frozen: a sign-off is written once; a later one is a new version.
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError(_("A sign-off cannot be changed; sign off again to make a new version."))
        super().save(*args, **kwargs)


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel (XLSX)"
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


def _export_name(instance, filename):
    return f"exports/{instance.organization_id}/{instance.year}/{filename}"


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "organization__path"))

    def exportable_by(self, user):
        from accounts.models import EXPORT_ROLES
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "organization__path", EXPORT_ROLES))

    def search(self, text):
        if not text:
            return self
        return text_search.search(
            self, text, "organization__name", "organization__code", "requested_by__username", "requested_by__full_name"
        )


class ExportJob(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    format = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    signoff = models.ForeignKey(
        SignOff,
        verbose_name=_("signed-off version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="export_jobs",
        help_text=_("Empty: the current figures."),
    )
    # Set for the summary-and-response report of a draft and phase (reports/consultation.py); empty: the annual
    # report of ``organization`` for ``year``.
    draft = models.ForeignKey(
        "drafts.Draft",
        verbose_name=_("draft"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    phase = models.CharField(_("phase"), max_length=16, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(
        _("progress"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    file = models.FileField(_("file"), upload_to=_export_name, max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        if self.draft_id:
            return f"{self.draft} · {self.phase} · {self.get_format_display()}"
        return f"{self.organization} · {self.year} · {self.get_format_display()}"

    @property
    def is_consultation(self):
        return self.draft_id is not None

    @property
    def is_finished(self):
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def download_name(self):
        if self.draft_id:
            return f"bao-cao-tiep-thu-giai-trinh-{self.draft_id}-{self.phase}.{self.format}"
        return f"bao-cao-{self.organization.code}-{self.year}.{self.format}"


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class ProblemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Problems of the user's read scope (the filer's organization and those above see them)."""
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "organization__path"))

    def for_inspector(self, user):
        from accounts.models import Role
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "organization__path", (Role.INSPECTOR,)))

    def search(self, text):
        if not text:
            return self
        return text_search.search(self, text, "title", "description", "location", "organization__name")


class Problem(TypedInput, models.Model):
    """A difficulty reported to the Inspectorate ("nếu có vướng mắc, đề nghị kịp thời phản ánh về Thanh tra")."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    directive = models.ForeignKey(
        "directives.Directive",
        verbose_name=_("directive"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    location = models.CharField(_("where"), max_length=300, blank=True)
    attachments = models.ManyToManyField("campaigns.StoredFile", verbose_name=_("attachments"), blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=ProblemStatus.choices, default=ProblemStatus.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True)

    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title
