"""Forms for campaigns and activities. They validate and render; the services in ``services.py`` write."""


from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.files import ACCEPT_ATTR, ALLOWED_LABEL
from core.forms import FormConventions, IdsModelMultipleChoiceField, use_date_input
from core.typed import AmountField, WholeNumberField

from .models import Activity, ActivityStatus, Campaign, Channel
from .selectors import owner_choices
from .services import check_upload


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django 5.2's documented pattern for one input carrying several files; cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, (list, tuple)):
            return [f for f in (single_clean(d, initial) for d in data) if f]
        cleaned = single_clean(data, initial)
        return [cleaned] if cleaned else []


class UploadCheckMixin:
    """Turns what the upload handler dropped, and files whose content is refused, into field errors.

    ``oversized``/``excess`` come from ``request.oversized_uploads``/``request.excess_uploads`` (see
    ``core.uploads``). Browsers never refill a file input, so after any error the template asks the user to
    select the files again, while every other field keeps what was typed.
    """

    def __init__(self, *args, oversized=None, excess=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized = oversized or {}
        self.excess = excess or {}
        for field in self.fields.values():
            if isinstance(field, forms.FileField):
                # Read by static/js/campaigns.js to warn before a doomed upload starts.
                field.widget.attrs["data-max-bytes"] = settings.EVIDENCE_MAX_BYTES
                field.widget.attrs["data-max-files"] = settings.EVIDENCE_MAX_FILES

    def check_files(self, field_name, files):
        limit = filesizeformat(settings.EVIDENCE_MAX_BYTES)
        messages = [
            gettext("“%(name)s” is larger than the %(limit)s limit and was not received.")
            % {"name": name, "limit": limit}
            for name in self.oversized.get(field_name, [])
        ]
        if self.excess.get(field_name) or len(files) > settings.EVIDENCE_MAX_FILES:
            messages.append(
                gettext("You can attach at most %(n)d files at once; nothing was attached.")
                % {"n": settings.EVIDENCE_MAX_FILES}
            )
        else:
            for uploaded in files:
                try:
                    check_upload(uploaded)
                except ValidationError as exc:
                    messages.extend(exc.messages)
        if messages:
            messages.append(gettext("Everything else you typed is kept: select the file(s) again."))
            raise ValidationError(messages)
        return files

    @property
    def files_need_reselecting(self):
        """True when the user had chosen files that the browser will not send again after this error."""
        chosen = any(self.files.getlist(name) for name in self.files) if self.files else False
        return self.is_bound and bool(self.errors) and (chosen or bool(self.oversized) or bool(self.excess))


class CampaignForm(FormConventions, UploadCheckMixin, forms.ModelForm):
    planned_channels = forms.MultipleChoiceField(
        label=_("Planned channels"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    budget_vnd = AmountField(
        label=_("Budget (VND)"), required=False, help_text=_("In whole đồng, e.g. 15.000.000 or 15000000.")
    )
    plan_upload = forms.FileField(
        label=_("Plan document"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTR}),
    )
    remove_plan = forms.BooleanField(label=_("Remove the current plan document"), required=False)

    class Meta:
        model = Campaign
        fields = ["title", "owner", "period_start", "period_end", "planned_channels", "budget_vnd"]

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.instance.draft = draft
        self.fields["owner"].queryset = owner_choices(draft)
        use_date_input(self.fields["period_start"])
        use_date_input(self.fields["period_end"])
        self.fields["plan_upload"].help_text = _("%(limit)s at most. Allowed types: %(types)s.") % {
            "limit": filesizeformat(settings.EVIDENCE_MAX_BYTES),
            "types": ALLOWED_LABEL,
        }
        if not self.instance.plan_document_id:
            del self.fields["remove_plan"]

    def clean_plan_upload(self):
        uploaded = self.cleaned_data.get("plan_upload")
        self.check_files("plan_upload", [uploaded] if uploaded else [])
        return uploaded

    def service_kwargs(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if self.cleaned_data.get("plan_upload"):
            data["plan_upload"] = self.cleaned_data["plan_upload"]
        elif self.cleaned_data.get("remove_plan"):
            data["plan_document"] = None
        return data


def _https_by_default(db_field, **kwargs):
    # An address typed without a scheme is taken as https (Django 6's default; silences the 5.x warning).
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class ActivityForm(FormConventions, UploadCheckMixin, forms.ModelForm):
    evidence = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT_ATTR}),
    )
    # The version the form was opened on: a save based on an older one is refused (optimistic locking).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        formfield_callback = _https_by_default
        fields = [
            "title",
            "campaign",
            "policies",
            "channel",
            "date",
            "status",
            "description",
            "reach",
            "feedback",
            "evidence_url",
        ]
        field_classes = {"policies": IdsModelMultipleChoiceField, "reach": WholeNumberField}
        widgets = {
            "policies": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "feedback": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.instance.draft = draft
        self.fields["campaign"].queryset = draft.campaigns.order_by("-period_start", "pk")
        self.fields["policies"].queryset = draft.policies.order_by("position", "pk")
        self.fields["policies"].help_text = _("Leave all unticked to cover every policy of the draft.")
        self.fields["evidence"].help_text = _(
            "Up to %(n)d files, %(limit)s each. Allowed types: %(types)s. Files are checked by their content."
        ) % {"n": settings.EVIDENCE_MAX_FILES, "limit": filesizeformat(settings.EVIDENCE_MAX_BYTES), "types": ALLOWED_LABEL}
        use_date_input(self.fields["date"])
        # The status is a choice the official makes, never a default: an activity logged with its evidence but
        # left "Planned" would not count (issue 15 point 4). The help text says what counts.
        status = self.fields["status"]
        status.choices = ActivityStatus.choices
        status.widget = forms.RadioSelect(choices=ActivityStatus.choices)
        status.help_text = _(
            "Only a “Done” activity dated today or earlier counts toward the coverage figure; choose “Planned” for "
            "one that has not taken place yet."
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        elif "status" not in (kwargs.get("initial") or {}):
            self.initial.pop("status", None)
            status.initial = None

    def clean_evidence(self):
        return self.check_files("evidence", self.cleaned_data.get("evidence") or [])

    def service_kwargs(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["policies"] = list(data["policies"])
        data["evidence"] = self.cleaned_data.get("evidence") or []
        return data


class ChooseDraftForm(forms.Form):
    draft = forms.ModelChoiceField(label=_("Draft"), queryset=None, empty_label=_("Choose a draft…"))

    def __init__(self, *args, drafts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draft"].queryset = drafts
