from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .selectors import trend_years


class YearForm(forms.Form):
    """The dashboard's year; an unknown year is an error on the form, and the page falls back to this year."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = list(reversed(trend_years()))
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "%(value)s is not a year the dashboard covers; choose a year from %(first)s to %(last)s."
        ) % {"value": "%(value)s", "first": years[-1], "last": years[0]}

    def chosen_year(self) -> int:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return timezone.localdate().year

