import django_filters
from django.utils.translation import gettext_lazy as _

from core.typed import year_range

from .models import DirectiveKind


class DirectiveFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DirectiveKind.choices)
    reach = django_filters.ChoiceFilter(
        label=_("Applies to"),
        choices=[("national", _("The whole country")), ("local", _("An organization's subtree"))],
        method="filter_reach",
    )
    year = django_filters.NumberFilter(
        label=_("Issued in"), field_name="issued_on", lookup_expr="year", min_value=year_range()[0], max_value=year_range()[1]
    )

    def filter_search(self, queryset, name, value):
        return queryset.search(value.strip())

    def filter_reach(self, queryset, name, value):
        return queryset.filter(applies_to__isnull=(value == "national"))
