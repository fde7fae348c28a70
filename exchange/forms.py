from crispy_forms.helper import FormHelper
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import conf
from .schema import kind_choices


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        required=False,
        choices=[("", _("Detect from the sheet names (a whole workbook)"))] + kind_choices(),
        help_text=_("A CSV file holds one kind of data: choose it here."),
    )
    file = forms.FileField(
        label=_("Excel workbook (.xlsx) or CSV file"),
        help_text=_("Nothing is saved before you have checked the preview and confirmed."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, oversized=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized = oversized
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        limit = conf.get("EXCHANGE_MAX_UPLOAD_BYTES")
        if uploaded is not None and uploaded.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s. Split it into smaller files.") % {"limit": filesizeformat(limit)}
            )
        return uploaded

    def full_clean(self):
        super().full_clean()
        if self.oversized:
            # The upload handler dropped the file for its size; "this field is required" would mislead.
            self._errors.pop("file", None)
            self.add_error("file", _("The file is too large. Split it into smaller files."))
