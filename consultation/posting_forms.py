"""The posting form: where and when a draft was posted for comment. It validates and renders;
``consultation.postings`` writes."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.forms import FormConventions, use_date_input

from .models import Phase, Posting


def _https_by_default(db_field, **kwargs):
    # An address typed without a scheme is taken as https (as the campaign forms do).
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class PostingForm(FormConventions, forms.ModelForm):
    class Meta:
        model = Posting
        formfield_callback = _https_by_default
        fields = ["phase", "venue", "url", "posted_from", "posted_until"]

    def __init__(self, *args, draft=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("posted_from", "posted_until"):
            use_date_input(self.fields[name])
        if draft is not None and not draft.draft_consultation_start:
            self.fields["phase"].choices = [(Phase.PROPOSAL, Phase.PROPOSAL.label)]
        self.fields["url"].help_text = _("The address of the page where the draft is posted.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("posted_from"), cleaned.get("posted_until")
        if start and end and end < start:
            self.add_error("posted_until", _("The last day of the posting cannot be before its first day."))
        return cleaned

    def service_kwargs(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
