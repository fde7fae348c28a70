from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import FormConventions
from core.typed import report_year_range

from .models import ExportFormat


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ReportTextForm(FormConventions, forms.Form):
    difficulties = forms.CharField(
        label=_("Difficulties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One point per line. Drafted from the problems reported this year; edit it before signing off."),
    )
    recommendations = forms.CharField(
        label=_("Recommendations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One recommendation per line."),
    )


class ExportRequestForm(forms.Form):
    organization = forms.CharField(max_length=64, widget=forms.HiddenInput)
    year = forms.IntegerField(min_value=report_year_range()[0], max_value=report_year_range()[1], widget=forms.HiddenInput)
    format = forms.ChoiceField(label=_("Format"), choices=ExportFormat.choices)
    signoff = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ProblemForm(FormConventions, forms.Form):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)
    directive = forms.ModelChoiceField(
        label=_("Directive"), queryset=None, required=False, empty_label=_("— Not about a particular directive —")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("What is the difficulty?"), widget=forms.Textarea(attrs={"rows": 6}))
    location = forms.CharField(
        label=_("Where"), max_length=300, required=False, help_text=_("The unit, school or place concerned.")
    )
    attachments = forms.FileField(
        label=_("Attachments"),
        required=False,
        widget=MultipleFileInput(),
        help_text=_("PDF, Word, Excel, PowerPoint, JPEG, PNG or MP4."),
    )

    def __init__(self, *args, organizations, directives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["directive"].queryset = directives
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()

    def clean_attachments(self):
        files = self.files.getlist(self.add_prefix("attachments")) if self.files else []
        if len(files) > settings.EVIDENCE_MAX_FILES:
            raise forms.ValidationError(
                _("Attach at most %(n)d files.") % {"n": settings.EVIDENCE_MAX_FILES}
            )
        return files


class ProblemAnswerForm(FormConventions, forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))


class ConsultationReportForm(FormConventions, forms.Form):
    organizations_consulted = forms.IntegerField(
        label=_("Number of organizations consulted"),
        min_value=0,
        max_value=100_000,
        help_text=_("The organizations the draft was sent to for written comments; the report's first sentence says it."),
    )


class ConsultationExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=[("docx", "Word (DOCX)"), ("pdf", "PDF")])
