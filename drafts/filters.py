import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.typed import year_range
from organizations.models import Organization
from organizations.selectors import organizations_visible_to

from .models import DocumentType, DraftStatus

YES, NO = "yes", "no"


def _visible_organizations(request):
    return organizations_visible_to(request.user) if request else Organization.objects.none()


class AllYesNoSelect(forms.NullBooleanSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", _("All")), ("true", _("Yes")), ("false", _("No"))]


class OrganizationCodeFilter(django_filters.ModelChoiceFilter):
    """An organization typed by its code, matching everything drafted in its subtree."""

    def __init__(self, *args, path_field, **kwargs):
        self.path_field = path_field
        kwargs.setdefault("label", _("Organization (code)"))
        kwargs.setdefault("queryset", _visible_organizations)
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": _("e.g. HP-SGDDT"), "autocomplete": "off"}))
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("No organization in your scope has the code “%(value)s”.")},
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.path_field}__startswith": value.path})


class YearFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("min_value", year_range()[0])
        kwargs.setdefault("max_value", year_range()[1])
        kwargs.setdefault("widget", forms.NumberInput(attrs={"placeholder": "2025"}))
        super().__init__(*args, **kwargs)


def _search(queryset, name, value):
    return queryset.search(value.strip())


def _search_widget(placeholder):
    return forms.TextInput(attrs={"type": "search", "placeholder": placeholder})


class DraftFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method=_search, widget=_search_widget(_("Title or number")))
    organization = OrganizationCodeFilter(path_field="drafting_organization__path")
    document_type = django_filters.ChoiceFilter(
        label=_("Document type"), choices=DocumentType.choices, empty_label=_("All types")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DraftStatus.choices, empty_label=_("All statuses"))
    year = YearFilter(label=_("Year of adoption"), field_name="adopted_on")
    adopted = django_filters.ChoiceFilter(
        label=_("Adopted"),
        choices=[(YES, _("Adopted")), (NO, _("Not adopted yet"))],
        empty_label=_("All"),
        method="filter_adopted",
    )

    def filter_adopted(self, queryset, name, value):
        return queryset.filter(adopted_on__isnull=value == NO)


class PolicyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method=_search, widget=_search_widget(_("Policy or draft title")))
    high_impact = django_filters.BooleanFilter(label=_("High-impact"), widget=AllYesNoSelect)
    in_scope = django_filters.BooleanFilter(label=_("In the Scheme's scope"), widget=AllYesNoSelect)
    organization = OrganizationCodeFilter(path_field="draft__drafting_organization__path")
    year = YearFilter(label=_("Year of adoption"), field_name="draft__adopted_on")
