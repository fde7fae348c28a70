import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import OrganizationKind

ACTIVE, HISTORIC = "active", "historic"


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Code or name")}),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganizationKind.choices, empty_label=_("All kinds"))
    validity = django_filters.ChoiceFilter(
        label=_("Validity"),
        choices=[(ACTIVE, _("Active today")), (HISTORIC, _("Historic (dissolved or merged)"))],
        empty_label=_("All"),
        method="filter_validity",
    )

    def filter_q(self, queryset, name, value):
        return queryset.search(value.strip())

    def filter_validity(self, queryset, name, value):
        today = timezone.localdate()
        if value == ACTIVE:
            return queryset.active_on(today)
        return queryset.filter(valid_to__lt=today)
