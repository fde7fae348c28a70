"""Django's own messages that the portal words better in Vietnamese than Django's catalogue does.

Django's Vietnamese for its validators reads "Đảm bảo giá trị này lớn hơn hoặc bằng với 0 ." (a space before the
full stop, "là … với"). The portal's catalogue (``LOCALE_PATHS``) is read before Django's, so a msgid listed here
gets the portal's translation everywhere Django uses it. ``gettext_noop`` only marks the strings for
``makemessages``, which would otherwise drop them from the catalogue as unused (issue 15 point 15).
"""

from django.utils.translation import gettext_noop, ngettext_lazy

STOCK_MESSAGES = (
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("This field is required."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
)
STOCK_PLURAL_MESSAGES = (
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "max",
    ),
)
