"""Public comments (góp ý) on draft policies, their answers, the summary-and-response report, and where each draft
was posted for comment. The rule is in ../shared/domain.md, "Public comments"; the decisions taken where it is
silent are in docs/consultation.md."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.typed import TypedInput

# Receipt codes: no 0/O, 1/I/L, so a code read aloud or copied by hand is not mistaken.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 10
TEXT_MAX_LENGTH = 5000


def new_receipt_code():
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


class Phase(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal consultation")
    DRAFT = "draft", _("Draft consultation")


class Source(models.TextChoices):
    PORTAL = "portal", _("Public portal")
    WRITTEN = "written", _("Written reply of a consulted organization")
    MEETING = "meeting", _("Meeting or voter contact")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    PRESS = "press", _("Press")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class HiddenReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    ABUSIVE = "abusive", _("Abusive")
    OFF_TOPIC = "off_topic", _("Off-topic")
    DUPLICATE = "duplicate", _("Duplicate")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    EXPLAINED = "explained", _("Explained (not accepted)")
    NOTED = "noted", _("Noted")


class CommentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "draft__drafting_organization__path"))

    def editable_by(self, user):
        from accounts.models import EDIT_ROLES
        from accounts.scope import scope_q

        return self.filter(scope_q(user, "draft__drafting_organization__path", EDIT_ROLES))

    def in_subtree(self, organization):
        return self.filter(draft__drafting_organization__path__startswith=organization.path)

    def representatives(self):
        """Comments that carry their own answer: not grouped under another one."""
        return self.filter(group__isnull=True)


class Comment(TypedInput, models.Model):
    draft = models.ForeignKey(
        "drafts.Draft", verbose_name=_("draft"), on_delete=models.PROTECT, related_name="comments"
    )
    policy = models.ForeignKey(
        "drafts.Policy",
        verbose_name=_("policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text=_("Empty: the comment is about the draft as a whole."),
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.PORTAL)
    activity = models.ForeignKey(
        "campaigns.Activity",
        verbose_name=_("activity (meeting, voter contact)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    provision = models.CharField(
        _("provision (article, clause, point)"),
        max_length=200,
        blank=True,
        help_text=_("For example: Điều 5, khoản 2, điểm a."),
    )
    text = models.TextField(_("comment"), max_length=TEXT_MAX_LENGTH)
    # Personal data (Decree 13/2023/NĐ-CP): kept only with consent, shown only to officials of the drafting scope.
    submitter_name = models.CharField(_("name"), max_length=200, blank=True)
    submitter_organization = models.CharField(_("organization or locality"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    show_name = models.BooleanField(_("show my name with my published comment"), default=False)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True, editable=False)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=16, choices=HiddenReason.choices, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Near-duplicates point at their representative comment, whose decision and response answer them all.
    group = models.ForeignKey(
        "self",
        verbose_name=_("grouped under"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    response = models.TextField(_("response (acceptance or explanation)"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    answer_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    receipt_code = models.CharField(max_length=16, unique=True, default=new_receipt_code, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["draft", "phase", "status"], name="comment_draft_phase_idx"),
            models.Index(fields=["status", "received_at"], name="comment_status_idx"),
        ]

    def __str__(self):
        return f"{self.receipt_code}: {self.text[:60]}"

    @property
    def has_personal_data(self):
        return bool(self.submitter_name or self.submitter_organization or self.email)


class GroupingRejection(models.Model):
    """An official said these two comments are not near-duplicates: the suggestion is not made again."""

    first = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    rejected_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    rejected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="grouping_rejection_pair"),
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="grouping_rejection_order"),
        ]


class ReportStatus(models.TextChoices):
    DRAFTING = "drafting", _("Answers being drafted")
    APPROVED = "approved", _("Approved and published")


class ConsultationReport(models.Model):
    """Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý: one per draft and phase. Answers become public, all at
    once, when a head of the drafting organization approves it."""

    draft = models.ForeignKey("drafts.Draft", on_delete=models.PROTECT, related_name="consultation_reports")
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFTING)
    organizations_consulted = models.PositiveIntegerField(_("number of organizations consulted"), default=0)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("summary-and-response report")
        verbose_name_plural = _("summary-and-response reports")
        constraints = [models.UniqueConstraint(fields=["draft", "phase"], name="consultation_report_draft_phase")]

    def __str__(self):
        return f"{self.draft} ({self.get_phase_display()})"

    @property
    def is_approved(self):
        return self.status == ReportStatus.APPROVED


class Venue(models.TextChoices):
    AGENCY_PORTAL = "agency_portal", _("The agency's e-portal")
    NATIONAL_LAW_PORTAL = "national_law_portal", _("National Law Portal (Cổng Pháp luật quốc gia)")
    OTHER = "other", _("Other")


class Posting(TypedInput, models.Model):
    """Where and when a draft was posted for comment in one phase."""

    draft = models.ForeignKey("drafts.Draft", on_delete=models.CASCADE, related_name="postings")
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    venue = models.CharField(_("posted on"), max_length=32, choices=Venue.choices)
    url = models.URLField(_("link"), max_length=500, blank=True)
    posted_from = models.DateField(_("posted from"))
    posted_until = models.DateField(_("posted until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("posting for comment")
        verbose_name_plural = _("postings for comment")
        ordering = ["draft_id", "phase", "posted_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(posted_until__gte=models.F("posted_from")), name="posting_dates_order"
            )
        ]

    @property
    def days(self):
        return (self.posted_until - self.posted_from).days + 1
