"""django-filter filter sets for the API lists. Each list also takes ``q`` (search) and ``ordering``."""

import django_filters
from django.utils.translation import gettext_lazy as _

from campaigns.models import Activity, ActivityStatus, Channel
from consultation import work_selectors
from consultation.models import Comment, Decision, Phase, Source, Status
from core.search import search
from core.typed import year_range
from drafts.models import DocumentType, Draft, DraftStatus, Policy
from organizations.models import Organization, OrganizationKind

# Ids and years are bounded, so an absurd value is a 400 rather than a database overflow (a server error).
MAX_ID = 2**63 - 1


def _subtree(queryset, path_field, code):
    """Rows whose organization is ``code`` or below it; an unknown code matches nothing."""
    organization = Organization.objects.filter(code=code).only("path").first()
    if organization is None:
        return queryset.none()
    return queryset.filter(**{f"{path_field}__startswith": organization.path})


class SearchMixin(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class OrganizationFilter(SearchMixin):
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, label=_("Kind"))
    parent = django_filters.CharFilter(field_name="parent__code", label=_("Parent organization (code)"))
    within = django_filters.CharFilter(method="filter_within", label=_("Within organization (code, subtree)"))

    class Meta:
        model = Organization
        fields = ["kind", "parent", "within"]

    def filter_within(self, queryset, name, value):
        return _subtree(queryset, "path", value)


class DraftFilter(SearchMixin):
    organization = django_filters.CharFilter(
        method="filter_organization", label=_("Drafting organization (code, subtree included)")
    )
    status = django_filters.ChoiceFilter(choices=DraftStatus.choices, label=_("Status"))
    document_type = django_filters.ChoiceFilter(choices=DocumentType.choices, label=_("Document type"))
    year = django_filters.NumberFilter(
        field_name="adopted_on", lookup_expr="year", min_value=year_range()[0], max_value=year_range()[1], label=_("Year of adoption")
    )

    class Meta:
        model = Draft
        fields = ["organization", "status", "document_type", "year"]

    def filter_organization(self, queryset, name, value):
        return _subtree(queryset, "drafting_organization__path", value)


class PolicyFilter(SearchMixin):
    draft = django_filters.NumberFilter(field_name="draft_id", min_value=1, max_value=MAX_ID, label=_("Draft (id)"))
    organization = django_filters.CharFilter(
        method="filter_organization", label=_("Drafting organization (code, subtree included)")
    )
    high_impact = django_filters.BooleanFilter(label=_("High-impact"))
    in_scope = django_filters.BooleanFilter(label=_("In the Scheme's scope"))

    class Meta:
        model = Policy
        fields = ["draft", "organization", "high_impact", "in_scope"]

    def filter_organization(self, queryset, name, value):
        return _subtree(queryset, "draft__drafting_organization__path", value)


class ActivityFilter(SearchMixin):
    draft = django_filters.NumberFilter(field_name="draft_id", min_value=1, max_value=MAX_ID, label=_("Draft (id)"))
    policy = django_filters.NumberFilter(
        field_name="policies", min_value=1, max_value=MAX_ID, label=_("Names this policy (id)")
    )
    organization = django_filters.CharFilter(
        method="filter_organization", label=_("Drafting organization (code, subtree included)")
    )
    status = django_filters.ChoiceFilter(choices=ActivityStatus.choices, label=_("Status"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    # date_after / date_before, both inclusive.
    date = django_filters.DateFromToRangeFilter(label=_("Date range"))

    class Meta:
        model = Activity
        fields = ["draft", "policy", "organization", "status", "channel", "date"]

    def filter_organization(self, queryset, name, value):
        return _subtree(queryset, "draft__drafting_organization__path", value)


class CommentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    draft = django_filters.NumberFilter(field_name="draft_id", min_value=1, max_value=MAX_ID, label=_("Draft (id)"))
    policy = django_filters.NumberFilter(field_name="policy_id", min_value=1, max_value=MAX_ID, label=_("Policy (id)"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    source = django_filters.ChoiceFilter(choices=Source.choices, label=_("Source"))
    phase = django_filters.ChoiceFilter(choices=Phase.choices, label=_("Phase"))
    decision = django_filters.ChoiceFilter(
        choices=Decision.choices, method="filter_decision", label=_("Decision of the answer (the representative's)")
    )
    answered = django_filters.BooleanFilter(
        method="filter_answered", label=_("Answered (true) or unanswered (false; hidden comments are neither)")
    )

    class Meta:
        model = Comment
        fields = ["draft", "policy", "status", "source", "phase", "decision", "answered"]

    def filter_q(self, queryset, name, value):
        return search(queryset, value, "text", "provision", "submitter_name", "submitter_organization")

    def filter_decision(self, queryset, name, value):
        return queryset.filter(work_selectors.decision_q(value))

    def filter_answered(self, queryset, name, value):
        return queryset.filter(work_selectors.answered_q() if value else work_selectors.unanswered_q())
