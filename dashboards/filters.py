import django_filters
from django.utils.translation import gettext_lazy as _

from core.search import search
from drafts import counting
from drafts.timeline import STATUS_LABELS

STATUS_CHOICES = [
    (status, STATUS_LABELS[status])
    for status in (*counting.FINAL_STATUSES, *counting.IN_PROGRESS_STATUSES)
]


class PolicySnapshotFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES, empty_label=_("Any status"))

    def filter_search(self, queryset, name, value):
        return search(queryset, value, "policy__title", "draft__title")
