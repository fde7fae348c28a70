from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.forms import FormConventions, use_date_input
from organizations.forms import TreeChoiceField
from organizations.models import OrganizationKind

from .models import DocumentType, Draft, Policy
from .selectors import organizations_editable_by, responsible_official_choices

# People's Councils and Committees of districts ceased on 1/7/2025 (two-level local government): their document
# types belong to historic district organizations only (issue 15 point 15, docs/input.md).
DISTRICT_TYPES = frozenset({DocumentType.DISTRICT_COUNCIL_RESOLUTION, DocumentType.DISTRICT_COMMITTEE_DECISION})

MILESTONE_FIELDS = (
    "proposal_consultation_start",
    "proposal_consultation_end",
    "draft_consultation_start",
    "draft_consultation_end",
    "submitted_on",
    "adopted_on",
)


def https_urls(db_field, **kwargs):
    # Agencies' pages are served over https; a bare "congbao.gov.vn/..." should become an https link.
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class DraftForm(FormConventions, forms.ModelForm):
    """Validation only (the model's milestone checks land on their fields); the view saves through services."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Draft
        fields = [
            "title",
            "document_type",
            "drafting_organization",
            "responsible_official",
            *MILESTONE_FIELDS,
            "status",
            "issued_number",
            "portal_url",
            "published",
            "comment_url",
            "comment_instructions",
            "internal_notes",
        ]
        field_classes = {"drafting_organization": TreeChoiceField}
        formfield_callback = https_urls
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "comment_instructions": forms.Textarea(attrs={"rows": 3}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "proposal_consultation_start": _("S: the communication window opens on this day."),
            "draft_consultation_start": _("D: splits the window into the proposal and the draft phase."),
            "adopted_on": _("A: the window closes on this day. Setting it marks the draft adopted."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self.fields["drafting_organization"].queryset = organizations_editable_by(user)
        # The current assignment stays selectable even if that person has since moved, so the form saves unchanged.
        self.fields["responsible_official"].queryset = responsible_official_choices(
            user, keep_pk=self.instance.responsible_official_id
        )
        for name in MILESTONE_FIELDS:
            use_date_input(self.fields[name])
        organizations = self.fields["drafting_organization"].queryset
        if self.instance.document_type not in DISTRICT_TYPES and not organizations.filter(
            kind=OrganizationKind.DISTRICT
        ).exists():
            field = self.fields["document_type"]
            field.choices = [(value, label) for value, label in field.choices if value not in DISTRICT_TYPES]

    def clean(self):
        cleaned = super().clean()
        kind = getattr(cleaned.get("drafting_organization"), "kind", None)
        document_type = cleaned.get("document_type")
        if (
            document_type in DISTRICT_TYPES
            and kind != OrganizationKind.DISTRICT
            and document_type != self.initial.get("document_type")
        ):
            self.add_error(
                "document_type",
                _(
                    "District People's Councils and Committees ceased on 1/7/2025; only a district organization "
                    "(historic) drafts this type of document. Choose the type its successor issues."
                ),
            )
        return cleaned


class PolicyForm(FormConventions, forms.ModelForm):
    """The four Decision 407 criteria as a checklist; the service stamps who assessed them and when."""

    CRITERIA = ("criterion_rights", "criterion_sensitive", "criterion_wide", "criterion_not_secret")

    class Meta:
        model = Policy
        fields = [
            "title",
            "summary",
            "criterion_rights",
            "criterion_sensitive",
            "criterion_wide",
            "criterion_not_secret",
            "high_impact",
            "in_scope",
        ]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "summary": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "high_impact": _("Decision 407: a policy is high-impact only when all four criteria above hold."),
            "in_scope": _("Untick when the policy falls outside the Scheme's scope; it is then not counted."),
        }

    def clean(self):
        cleaned = super().clean()
        missing = [self.fields[name].label for name in self.CRITERIA if not cleaned.get(name)]
        if cleaned.get("high_impact") and missing:
            self.add_error(
                "high_impact",
                _("A high-impact policy must meet all four criteria. Not ticked: %(list)s.") % {"list": "; ".join(str(m) for m in missing)},
            )
        return cleaned
