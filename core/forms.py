"""Form pieces shared by the apps: the dd/mm/yyyy date input and service errors shown on a form."""

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    """A dd/mm/yyyy text box: the same in every browser and language, and it accepts typed or pasted dates."""

    input_formats = DATE_INPUT_FORMATS

    def __init__(self, attrs=None):
        defaults = {"placeholder": gettext_lazy("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


def use_date_input(field):
    """Make a form DateField accept dd/mm/yyyy and name itself in its error message."""
    field.widget = DateInput(field.widget.attrs)
    field.input_formats = DATE_INPUT_FORMATS
    field.error_messages["invalid"] = _("%(label)s: enter a date as dd/mm/yyyy, for example 31/01/2025.") % {
        "label": field.label
    }


DASHES = BLANK_CHOICE_DASH[0][1]  # Django's "---------"


def name_empty_choice(field):
    """Replace Django's ``---------`` in a dropdown with words: "— choose —" where an answer is required, "— none —"
    where the field may stay empty (issue 15 point 15)."""
    label = gettext_lazy("— choose —") if field.required else gettext_lazy("— none —")
    if getattr(field, "empty_label", None) == DASHES:
        field.empty_label = label
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = list(field.choices)
        if choices and choices[0] == ("", DASHES):
            field.choices = [("", label), *choices[1:]]


class FormConventions:
    """Form mixin for the portal's own forms.

    A text field's limit is said in its help text and enforced by the server, never by the browser: a ``maxlength``
    attribute makes the browser cut a pasted text at the limit without a word (issue 15 point 4); without it,
    Django's length validator refuses the text and says how long it is, and nothing typed is lost. Empty dropdown
    choices say what they mean instead of ``---------``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            name_empty_choice(field)
            limit = getattr(field, "max_length", None)
            if not limit or field.widget.is_hidden or "maxlength" not in field.widget.attrs:
                continue
            del field.widget.attrs["maxlength"]
            field.widget.attrs["data-maxlength"] = limit
            note = _("At most %(n)s characters.") % {"n": limit}
            field.help_text = f"{field.help_text} {note}" if field.help_text else note


def add_service_errors(form, error):
    """Show a service's ValidationError on the form: on its fields when the form has them, else above them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class IdsModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows that refuses an id beyond 64 bits as an invalid choice before it reaches the
    database: Django's ``pk__in`` query passes it through and SQLite raises OverflowError (a server error)."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(pk)
            except (TypeError, ValueError):
                continue  # Django reports it as "not a valid value"
            if not -(2**63) <= number < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)
