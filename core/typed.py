"""What a person types, stored as they meant it: one rule for numbers, dates and text in forms, API and import.

* ``parse_whole_number``: amounts in đồng and counts as Vietnamese offices and Excel write them. ``15.000.000``,
  ``15000000``, ``15 000 000``, ``15.000.000,00`` and ``15.000.000 đ`` are fifteen million; a non-zero fraction
  (``15.000.000,50``) and a comma that may separate thousands or decimals (``15,000,000``) are refused with the
  accepted form in the message, never read as another number.
* ``TypedInput``: mixed into the models people write to. Their ``clean_fields()`` (run by every service's
  ``full_clean()`` and by every ModelForm) stores text NFC-normalised, refuses control characters and keeps every
  date inside ``settings.PLAUSIBLE_YEARS``.
"""

import datetime as dt
import re
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

_CURRENCY = re.compile(r"(?i)\s*(₫|vnđ|vnd|đồng|đ)\.?\s*$")
_WHOLE = re.compile(r"(\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+)(?:,(\d+))?", re.ASCII)
_ENGLISH_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", re.ASCII)
_DOT_DECIMAL = re.compile(r"\d+\.\d+", re.ASCII)
MAX_DIGITS = 18  # below the 64-bit column's limit (9 223 372 036 854 775 807)


class NumberError(ValueError):
    """A typed number that cannot be read as the person meant it; ``str()`` is the message to show."""


def parse_whole_number(text, *, amount=False) -> int:
    """The whole number of zero or more that ``text`` writes, or ``NumberError`` saying how to write it."""
    example = "15.000.000" if amount else "1.200"
    shown = str(text).strip()
    value = re.sub(r"\s+", " ", unicodedata.normalize("NFC", shown))
    if len(shown) > 40:
        shown = shown[:40] + "…"
    if amount:
        value = _CURRENCY.sub("", value)
    if value.startswith(("-", "−")):
        raise NumberError(_("“%(value)s” is below zero; enter zero or more.") % {"value": shown})
    match = _WHOLE.fullmatch(value)
    if match:
        whole, fraction = match.group(1), match.group(2) or ""
        if len(fraction) == 3 and "." not in whole and " " not in whole:
            # "15,000" is fifteen thousand to an English reader and fifteen to a Vietnamese one.
            raise NumberError(_ambiguous(shown, _("%(a)s or %(b)s") % {"a": value.replace(",", "."), "b": whole}))
        if fraction.strip("0"):
            if amount:
                raise NumberError(
                    _("“%(value)s” has a fraction of a đồng: amounts are whole đồng. Write it as %(example)s.")
                    % {"value": shown, "example": whole}
                )
            raise NumberError(_("“%(value)s” is not a whole number. Write it as %(example)s.") % {"value": shown, "example": whole})
        digits = re.sub(r"[. ]", "", whole).lstrip("0") or "0"
        if len(digits) > MAX_DIGITS:
            raise NumberError(_("“%(value)s” is too large; check the number of digits.") % {"value": shown})
        return int(digits)
    if _ENGLISH_GROUPS.fullmatch(value):
        raise NumberError(_ambiguous(shown, value.split(".")[0].replace(",", ".")))
    if _DOT_DECIMAL.fullmatch(value):
        raise NumberError(_ambiguous(shown, example))
    raise NumberError(
        _("“%(value)s” is not a number. Write it as %(example)s or %(plain)s.")
        % {"value": shown, "example": example, "plain": example.replace(".", "")}
    )


def _ambiguous(shown, example):
    return _(
        "“%(value)s” can be read two ways. Write thousands with dots and decimals after a comma, as %(example)s."
    ) % {"value": shown, "example": example}


class WholeNumberField(forms.IntegerField):
    """A form field for a count (reach, audience); typed as people write numbers, read by ``parse_whole_number``."""

    amount = False
    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def __init__(self, **kwargs):
        kwargs.pop("min_value", None)  # the parser refuses a negative number with its own message
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_whole_number(value, amount=self.amount)
        except NumberError as error:
            raise ValidationError(str(error), code="invalid") from error


class AmountField(WholeNumberField):
    """An amount in đồng."""

    amount = True


# Dates and years


FIRST_REPORT_YEAR = 2022  # Decision 407/QĐ-TTg: the Scheme's first reporting year


def year_range() -> tuple[int, int]:
    return tuple(settings.PLAUSIBLE_YEARS)


def report_year_range() -> tuple[int, int]:
    return max(FIRST_REPORT_YEAR, year_range()[0]), year_range()[1]


def check_year(year: int):
    """``ValidationError`` unless ``year`` lies in ``settings.PLAUSIBLE_YEARS``."""
    low, high = year_range()
    if not low <= year <= high:
        raise ValidationError(
            _("The year %(year)s is outside %(low)s–%(high)s; check what was typed.")
            % {"year": year, "low": low, "high": high},
            code="implausible_year",
        )


@deconstructible
class PlausibleYearValidator:
    """A model year field's validator that reads the range from settings when it runs (not frozen in migrations)."""

    def __call__(self, value):
        if value is not None:
            check_year(int(value))

    def __eq__(self, other):
        return isinstance(other, PlausibleYearValidator)


def check_date(value: dt.date):
    low, high = year_range()
    if not low <= value.year <= high:
        raise ValidationError(
            _("%(date)s is outside the years %(low)s–%(high)s; check the year that was typed.")
            % {"date": value.strftime("%d/%m/%Y"), "low": low, "high": high},
            code="implausible_date",
        )


# Text

_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def first_control_character(text: str):
    """(position, character) of the first control character or lone surrogate in ``text``, else None."""
    for position, char in enumerate(text, 1):
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs"):
            return position, char
    return None


class TypedInput:
    """Model mixin: ``clean_fields()`` NFC-normalises text, refuses control characters and implausible dates."""

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        errors = {}
        for field in self._meta.concrete_fields:
            if field.name in exclude:
                continue
            value = getattr(self, field.attname)
            if isinstance(value, str) and isinstance(field, (models.CharField, models.TextField)):
                value = unicodedata.normalize("NFC", value)
                setattr(self, field.attname, value)
                found = first_control_character(value)
                if found:
                    errors[field.name] = [
                        ValidationError(
                            _("Remove the invisible control character %(code)s at position %(position)s.")
                            % {"code": f"U+{ord(found[1]):04X}", "position": found[0]},
                            code="control_character",
                        )
                    ]
            elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
                if isinstance(value, dt.date):
                    try:
                        check_date(value)
                    except ValidationError as error:
                        errors[field.name] = [error]
        try:
            super().clean_fields(exclude=exclude | set(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
