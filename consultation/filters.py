"""The moderation queue's filters (django-filter); choices are limited to the user's scope."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core import search as text_search
from drafts.models import Draft
from organizations.selectors import organizations_visible_to

from .models import Phase, Source, Status


def _visible_drafts(request):
    return Draft.objects.visible_to(request.user).only("pk", "title").order_by("-proposal_consultation_start", "pk")


def _visible_organizations(request):
    return organizations_visible_to(request.user).only("pk", "code", "name", "path").order_by("path")


class CommentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search in the text"), method="filter_search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=Source.choices)
    phase = django_filters.ChoiceFilter(label=_("Phase"), choices=Phase.choices)
    draft = django_filters.ModelChoiceFilter(label=_("Draft"), queryset=_visible_drafts)
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization (with its units)"), queryset=_visible_organizations, to_field_name="code",
        method="filter_organization",
    )

    def filter_search(self, queryset, name, value):
        return text_search.search(queryset, value, "text", "provision")

    def filter_organization(self, queryset, name, value):
        return queryset.filter(draft__drafting_organization__path__startswith=value.path)


class DraftCommentFilter(CommentFilter):
    """The queue of one draft: the draft and organization filters are implied."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("draft", None)
        self.filters.pop("organization", None)
