"""List filters for campaigns and activities (django-filter); choices are limited to the user's scope."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_INPUT_FORMATS, DateInput
from core.typed import year_range
from organizations.selectors import organizations_visible_to

from .models import ActivityStatus, Channel
from .selectors import drafts_visible_to

YEARS = year_range()


def _visible_drafts(request):
    return drafts_visible_to(request.user)


def _visible_organizations(request):
    return organizations_visible_to(request.user).only("pk", "code", "name", "path").order_by("path")


class _OrganizationChoice(django_filters.ModelChoiceFilter):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Organization (with its units)"))
        kwargs.setdefault("to_field_name", "code")
        super().__init__(queryset=_visible_organizations, method="filter_organization", **kwargs)


class _ScopedFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    draft = django_filters.ModelChoiceFilter(label=_("Draft"), queryset=_visible_drafts)
    organization = _OrganizationChoice()

    def filter_search(self, queryset, name, value):
        return queryset.search(value.strip())

    def filter_organization(self, queryset, name, value):
        return queryset.filter(draft__drafting_organization__path__startswith=value.path)


class CampaignFilter(_ScopedFilterSet):
    channel = django_filters.ChoiceFilter(label=_("Planned channel"), choices=Channel.choices, method="filter_channel")
    year = django_filters.NumberFilter(
        label=_("Active in year"), method="filter_year", min_value=YEARS[0], max_value=YEARS[1],
        widget=forms.NumberInput(attrs={"min": YEARS[0], "max": YEARS[1]}),
    )

    def filter_channel(self, queryset, name, value):
        # planned_channels is a JSON list; its text form holds each code in quotes on every backend.
        return queryset.filter(planned_channels__icontains=f'"{value}"')

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(period_start__year__lte=year).filter(
            Q(period_end__isnull=True) | Q(period_end__year__gte=year)
        )


class ActivityFilter(_ScopedFilterSet):
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActivityStatus.choices)
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="date", lookup_expr="year", min_value=YEARS[0], max_value=YEARS[1],
        widget=forms.NumberInput(attrs={"min": YEARS[0], "max": YEARS[1]}),
    )
    date_from = django_filters.DateFilter(
        label=_("From (dd/mm/yyyy)"),
        field_name="date",
        lookup_expr="gte",
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
    )
    date_to = django_filters.DateFilter(
        label=_("To (dd/mm/yyyy)"),
        field_name="date",
        lookup_expr="lte",
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
    )
