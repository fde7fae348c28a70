import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.typed import year_range

from .models import ExportFormat, ExportStatus, ProblemStatus

YEARS = year_range()


def _search_widget(placeholder):
    return forms.TextInput(attrs={"type": "search", "placeholder": placeholder})


class ExportJobFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_q", widget=_search_widget(_("Organization or requester"))
    )
    year = django_filters.NumberFilter(label=_("Year"), min_value=YEARS[0], max_value=YEARS[1])
    format = django_filters.ChoiceFilter(label=_("Format"), choices=ExportFormat.choices, empty_label=_("All formats"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ExportStatus.choices, empty_label=_("All"))

    def filter_q(self, queryset, name, value):
        return queryset.search(value.strip())


class ProblemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", widget=_search_widget(_("Title, text, place")))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProblemStatus.choices, empty_label=_("All"))
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="created_at", lookup_expr="year", min_value=YEARS[0], max_value=YEARS[1]
    )

    def filter_q(self, queryset, name, value):
        return queryset.search(value.strip())


class AuditFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", widget=_search_widget(_("Object or change")))
    kind = django_filters.ChoiceFilter(
        label=_("Record"),
        method="filter_kind",
        empty_label=_("All"),
        choices=[
            ("reports.exportjob", _("Exports")),
            ("drafts.draft", _("Drafts")),
            ("drafts.policy", _("Policies")),
            ("campaigns.activity", _("Activities")),
        ],
    )

    def filter_q(self, queryset, name, value):
        from core.search import search

        return search(queryset, value, "object_repr", "changes_text")

    def filter_kind(self, queryset, name, value):
        app_label, model = value.split(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)
