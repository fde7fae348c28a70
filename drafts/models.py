from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import search as text_search
from core.typed import TypedInput


class DocumentType(models.TextChoices):
    """Legal normative document types under the Law on Promulgation (80/2015, amended 2020; 64/2025)."""

    LAW = "law", _("Law")
    NA_RESOLUTION = "na_resolution", _("National Assembly resolution")
    ORDINANCE = "ordinance", _("Ordinance")
    NASC_RESOLUTION = "nasc_resolution", _("NA Standing Committee resolution")
    PRESIDENT_ORDER = "president_order", _("State President order")
    PRESIDENT_DECISION = "president_decision", _("State President decision")
    DECREE = "decree", _("Government decree")
    GOVERNMENT_RESOLUTION = "government_resolution", _("Government resolution")
    PM_DECISION = "pm_decision", _("Prime Minister decision")
    CIRCULAR = "circular", _("Circular")
    JOINT_CIRCULAR = "joint_circular", _("Joint circular")
    PROVINCIAL_COUNCIL_RESOLUTION = "provincial_council_resolution", _("Provincial People's Council resolution")
    PROVINCIAL_COMMITTEE_DECISION = "provincial_committee_decision", _("Provincial People's Committee decision")
    DISTRICT_COUNCIL_RESOLUTION = "district_council_resolution", _("District People's Council resolution")
    DISTRICT_COMMITTEE_DECISION = "district_committee_decision", _("District People's Committee decision")
    COMMUNE_COUNCIL_RESOLUTION = "commune_council_resolution", _("Commune People's Council resolution")
    COMMUNE_COMMITTEE_DECISION = "commune_committee_decision", _("Commune People's Committee decision")


class DraftStatus(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal")
    PROPOSAL_CONSULTATION = "proposal_consultation", _("Proposal consultation")
    DRAFTING = "drafting", _("Drafting")
    DRAFT_CONSULTATION = "draft_consultation", _("Draft consultation")
    APPRAISAL = "appraisal", _("Appraisal / review")
    SUBMITTED = "submitted", _("Submitted")
    ADOPTED = "adopted", _("Adopted / issued")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DraftQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "drafting_organization__path"))

    def editable_by(self, user):
        from accounts.models import EDIT_ROLES
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "drafting_organization__path", EDIT_ROLES))

    def in_subtree(self, organization):
        return self.filter(drafting_organization__path__startswith=organization.path)

    def adopted_in(self, year):
        return self.filter(adopted_on__year=year)

    def counted(self):
        """Drafts whose policies can enter coverage: not withdrawn."""
        return self.exclude(status=DraftStatus.WITHDRAWN)

    def search(self, text):
        if not text:
            return self
        return text_search.search(self, text, "title", "issued_number")


class Draft(TypedInput, models.Model):
    title = models.CharField(_("title"), max_length=500)
    document_type = models.CharField(_("document type"), max_length=40, choices=DocumentType.choices)
    drafting_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("drafting organization"),
        on_delete=models.PROTECT,
        related_name="drafts",
    )
    responsible_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_drafts",
    )
    # Milestones. S (required), D and A drive the counting rule; the others are recorded for the timeline.
    proposal_consultation_start = models.DateField(_("proposal consultation start (S)"))
    proposal_consultation_end = models.DateField(_("proposal consultation end"), null=True, blank=True)
    draft_consultation_start = models.DateField(_("draft consultation start (D)"), null=True, blank=True)
    draft_consultation_end = models.DateField(_("draft consultation end"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted / issued on (A)"), null=True, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=32, choices=DraftStatus.choices, default=DraftStatus.PROPOSAL)
    issued_number = models.CharField(_("issued number / symbol"), max_length=100, blank=True)
    portal_url = models.URLField(_("e-portal page"), max_length=500, blank=True)
    # Public consultation page (exchange/public apps): nothing is shown publicly unless published.
    published = models.BooleanField(
        _("published on the public consultation page"), default=False
    )
    comment_url = models.URLField(_("where to send comments (link)"), max_length=500, blank=True)
    comment_instructions = models.TextField(_("how to send comments"), blank=True)
    internal_notes = models.TextField(_("internal notes"), blank=True, help_text=_("Never shown publicly."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: a save based on an older version is refused instead of silently overwriting.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["-proposal_consultation_start", "-pk"]
        indexes = [models.Index(fields=["drafting_organization", "adopted_on"], name="draft_org_adopted_idx")]

    def __str__(self):
        return self.title

    @property
    def is_adopted(self):
        return self.adopted_on is not None

    @property
    def is_withdrawn(self):
        return self.status == DraftStatus.WITHDRAWN

    def clean(self):
        from .validation import validate_milestones

        validate_milestones(self)


def countable_q(policy: str = "", draft: str = "draft__") -> Q:
    """High-impact, in-scope policies of drafts that are not withdrawn: the denominator's population, as a filter
    (``policy``: the path to the policy's fields, ``draft``: to its draft's), for ``PolicyQuerySet.countable``
    and a draft's count of its countable policies. ``Policy.is_countable`` is the same rule for one policy."""
    return Q(**{f"{policy}high_impact": True, f"{policy}in_scope": True}) & ~Q(**{f"{draft}status": DraftStatus.WITHDRAWN})


class PolicyQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "draft__drafting_organization__path"))

    def in_subtree(self, organization):
        return self.filter(draft__drafting_organization__path__startswith=organization.path)

    def countable(self):
        """The denominator's population (``countable_q``)."""
        return self.filter(countable_q())

    def search(self, text):
        if not text:
            return self
        return text_search.search(self, text, "title", "summary", "draft__title")


class Policy(TypedInput, models.Model):
    draft = models.ForeignKey(Draft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="policies")
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    # The four Decision 407 criteria; all must hold for a policy to be high-impact.
    criterion_rights = models.BooleanField(
        _("directly creates, changes or ends rights and obligations of people, organisations or businesses"),
        default=False,
    )
    criterion_sensitive = models.BooleanField(
        _("is a difficult or sensitive issue with public concern or divided opinion"), default=False
    )
    criterion_wide = models.BooleanField(_("affects the whole country or a whole province"), default=False)
    criterion_not_secret = models.BooleanField(_("is not a state secret"), default=False)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    high_impact = models.BooleanField(_("high-impact"), default=False)
    in_scope = models.BooleanField(_("in the Scheme's scope"), default=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["draft_id", "position", "pk"]

    def __str__(self):
        return self.title

    @property
    def criteria_met(self):
        return self.criterion_rights and self.criterion_sensitive and self.criterion_wide and self.criterion_not_secret

    @property
    def is_countable(self):
        return self.high_impact and self.in_scope and not self.draft.is_withdrawn
