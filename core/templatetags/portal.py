from django import template
from django.utils.formats import number_format

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **changes):
    """The current query string with some parameters replaced (None removes one): keeps filters across pages."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    if "sort" in changes:
        params.pop("desc", None)
    return params.urlencode()


@register.filter
def vnd(value):
    """1234567 -> 1.234.567 ₫ (grouping follows the active language's format)."""
    if value in (None, ""):
        return "—"
    return f"{number_format(value, decimal_pos=0, force_grouping=True)} ₫"


@register.filter
def percent1(value):
    if value is None:
        return "—"
    return f"{number_format(value, decimal_pos=1)} %"


@register.filter
def get_item(mapping, key):
    if mapping is None:
        return None
    return mapping.get(key)


# The main navigation's sections, by path prefix (the first match wins): what base.html marks as active.
NAV_SECTIONS = (
    ("/dashboards/", "dashboards"),
    ("/drafts/policies/", "policies"),
    ("/drafts/", "drafts"),
    ("/campaigns/activities", "activities"),
    ("/reports/", "reports"),
    ("/consultation/", "consultation"),
)


@register.simple_tag
def nav_section(path: str) -> str:
    """The main navigation entry a path belongs to ("" for none)."""
    if path == "/campaigns/":
        return "campaigns"
    for prefix, section in NAV_SECTIONS:
        if path.startswith(prefix):
            return section
    return ""
