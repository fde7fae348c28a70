from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import search as text_search
from core.typed import PlausibleYearValidator, TypedInput
from drafts.models import DocumentType


class DirectiveKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    DIRECTIVE = "directive", _("Directive")
    OFFICIAL_LETTER = "official_letter", _("Official letter")
    PLAN = "plan", _("Plan")


class RequirementKind(models.TextChoices):
    COVERAGE_TARGET = "coverage_target", _("Coverage target")
    TASK = "task", _("Task")


class TaskCode(models.TextChoices):
    PLAN_ISSUED = "plan_issued", _("Communication plan issued")
    OFFICER_ASSIGNED = "officer_assigned", _("Dedicated communication officer assigned")
    TRAINING_HELD = "training_held", _("Training held")
    PRESS_MATERIALS = "press_materials", _("Materials provided to press agencies")
    PORTAL_POSTS = "portal_posts", _("Drafts posted on the e-portal")


def binds(applies_to_path: str | None, organization_path: str) -> bool:
    """Whether a directive issued for the organization at ``applies_to_path`` (None: national) binds the organization
    at ``organization_path``: it binds its whole subtree. ``binding_q`` is the same rule as a query filter."""
    return applies_to_path is None or organization_path.startswith(applies_to_path)


def binding_q(organization, prefix: str = "") -> Q:
    """Directives (``prefix`` ``"directive__"``: their requirements) binding ``organization``: national ones and
    those issued for it or an organization above it (``binds``)."""
    return Q(**{f"{prefix}applies_to__isnull": True}) | Q(**{f"{prefix}applies_to_id__in": organization.ancestor_ids()})


class DirectiveQuerySet(models.QuerySet):
    def applying_to(self, organization):
        """National directives and those of the organization or an organization above it (``binding_q``)."""
        return self.filter(binding_q(organization))

    def search(self, text):
        if not text:
            return self
        return text_search.search(self, text, "code", "title", "issuer")


class Directive(TypedInput, models.Model):
    """A directing document (decision, directive, official letter, plan) whose requirements organizations meet."""

    code = models.CharField(_("number / symbol"), max_length=64, unique=True, help_text=_("For example 407/QĐ-TTg."))
    kind = models.CharField(_("kind"), max_length=16, choices=DirectiveKind.choices)
    title = models.CharField(_("title"), max_length=500)
    issuer = models.CharField(_("issuer"), max_length=255)
    issued_on = models.DateField(_("issued on"))
    implements = models.ForeignKey(
        "self",
        verbose_name=_("implements"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implemented_by",
    )
    document = models.ForeignKey(
        "campaigns.StoredFile",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applies_to = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("applies to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives",
        help_text=_("The organization whose whole subtree must follow it; empty means national."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "code"]

    def __str__(self):
        return f"{self.code} — {self.title}"

    @property
    def is_national(self):
        return self.applies_to_id is None

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.pk and self.implements_id == self.pk:
            raise ValidationError({"implements": _("A directive cannot implement itself.")})


class RequirementQuerySet(models.QuerySet):
    def coverage_targets(self):
        return self.filter(kind=RequirementKind.COVERAGE_TARGET)

    def tasks(self):
        return self.filter(kind=RequirementKind.TASK)


class Requirement(TypedInput, models.Model):
    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="requirements"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=RequirementKind.choices)
    title = models.CharField(_("title"), max_length=500)
    task_code = models.CharField(_("task"), max_length=32, choices=TaskCode.choices, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = RequirementQuerySet.as_manager()

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["directive_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=RequirementKind.TASK) & ~Q(task_code=""))
                | (Q(kind=RequirementKind.COVERAGE_TARGET) & Q(task_code="")),
                name="requirement_task_code_matches_kind",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == RequirementKind.TASK and not self.task_code:
            raise ValidationError({"task_code": _("Choose which task this requirement asks for.")})
        if self.kind == RequirementKind.COVERAGE_TARGET and self.task_code:
            raise ValidationError({"task_code": _("A coverage target has no task; leave it empty.")})


class RequirementTarget(models.Model):
    """The percent of high-impact policies a coverage requirement asks for in one year."""

    requirement = models.ForeignKey(
        Requirement, verbose_name=_("requirement"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[PlausibleYearValidator()])
    target_percent = models.DecimalField(
        _("target (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        ordering = ["requirement_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "year"], name="requirement_target_year_unique"),
            models.CheckConstraint(
                condition=Q(target_percent__gte=0) & Q(target_percent__lte=100), name="requirement_target_percent_range"
            ),
        ]

    def __str__(self):
        return f"{self.requirement} · {self.year}: {self.target_percent}%"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.requirement_id and self.requirement.kind != RequirementKind.COVERAGE_TARGET:
            raise ValidationError(_("Only a coverage target has yearly target percents."))


class TaskReport(TypedInput, models.Model):
    """One organization's answer for one task requirement in one year (the Directive 07 checklist)."""

    requirement = models.ForeignKey(
        Requirement, verbose_name=_("requirement"), on_delete=models.CASCADE, related_name="task_reports"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="task_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[PlausibleYearValidator()])
    done = models.BooleanField(_("done"), default=False)
    evidence_note = models.TextField(_("evidence note"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"))

    class Meta:
        verbose_name = _("task report")
        verbose_name_plural = _("task reports")
        ordering = ["organization_id", "year", "requirement_id"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "organization", "year"], name="task_report_unique")
        ]

    def __str__(self):
        return f"{self.organization} · {self.requirement} · {self.year}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.requirement_id and self.requirement.kind != RequirementKind.TASK:
            raise ValidationError({"requirement": _("Only a task requirement takes a task report.")})


class PostingRuleQuerySet(models.QuerySet):
    def in_force(self, document_type: str, day):
        """The rules that may apply to a draft of ``document_type`` posted on ``day``: the most recent first, and at
        the same date a rule for the type before the general one (``directives.rules.minimum_posting_days``)."""
        return self.filter(Q(document_type="") | Q(document_type=document_type), valid_from__lte=day).order_by(
            "-valid_from", "-document_type"
        )


class PostingRule(models.Model):
    """The minimum number of days a draft must stay posted for comment (on the e-portal), per document type, from a
    date: the Law on Promulgation set it, and the 2025 law changed it. Empty document type: every type."""

    document_type = models.CharField(
        _("document type"),
        max_length=40,
        blank=True,
        choices=[("", _("Every document type"))] + list(DocumentType.choices),
        help_text=_("Empty: the rule applies to every document type without a rule of its own."),
    )
    minimum_days = models.PositiveSmallIntegerField(
        _("minimum posting period (days)"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    valid_from = models.DateField(_("in force from"))
    legal_basis = models.CharField(_("legal basis"), max_length=500)

    objects = PostingRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("minimum posting period")
        verbose_name_plural = _("minimum posting periods")
        ordering = ["-valid_from", "document_type"]
        constraints = [
            models.UniqueConstraint(fields=["document_type", "valid_from"], name="posting_rule_type_from"),
        ]

    def __str__(self):
        kind = self.get_document_type_display() if self.document_type else _("every document type")
        return f"{kind}: {self.minimum_days} ({self.valid_from:%d/%m/%Y})"
