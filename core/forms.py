"""Form pieces shared by the apps: the dd/mm/yyyy date input and service errors shown on a form."""

from django import forms
from django.utils.translation import gettext as _

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    """A dd/mm/yyyy text box: the same in every browser and language, and it accepts typed or pasted dates."""

    input_formats = DATE_INPUT_FORMATS

    def __init__(self, attrs=None):
        defaults = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


def use_date_input(field):
    """Make a form DateField accept dd/mm/yyyy and name itself in its error message."""
    field.widget = DateInput(field.widget.attrs)
    field.input_formats = DATE_INPUT_FORMATS
    field.error_messages["invalid"] = _("%(label)s: enter a date as dd/mm/yyyy, for example 31/01/2025.") % {
        "label": field.label
    }


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
