import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from drafts import counting
from drafts.timeline import STATUS_LABELS

STATUS_CHOICES = [
    (status, STATUS_LABELS[status])
    for status in (*counting.FINAL_STATUSES, counting.AT_RISK, counting.WAITING, counting.ON_TRACK, counting.NOT_STARTED)
]


class PolicySnapshotFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES, empty_label=_("Any status"))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(policy__title__icontains=value) | Q(draft__title__icontains=value))
