"""The rows an export holds: the list the user sees, with the same filters (the list apps' FilterSets)."""

from __future__ import annotations

import importlib

from django.db.models import Q
from django.utils.translation import gettext as _

from campaigns.models import Activity
from drafts.models import Draft, Policy
from organizations.models import Organization
from organizations.selectors import organizations_visible_to

# kind -> (module, FilterSet class) of the list page the export mirrors; imported lazily since the list
# apps may not have them yet.
FILTERSETS = {
    "drafts": ("drafts.filters", "DraftFilter"),
    "policies": ("drafts.filters", "PolicyFilter"),
    "activities": ("campaigns.filters", "ActivityFilter"),
    "organizations": ("organizations.filters", "OrganizationFilter"),
}


class InvalidFilter(ValueError):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def visible_queryset(kind, user):
    return {
        "drafts": lambda: Draft.objects.visible_to(user),
        "policies": lambda: Policy.objects.visible_to(user),
        "activities": lambda: Activity.objects.visible_to(user),
        "organizations": lambda: organizations_visible_to(user),
    }[kind]()


def filterset_class(kind):
    module_name, class_name = FILTERSETS[kind]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return None
    return getattr(module, class_name, None)


def export_queryset(*, kind, request):
    """Scoped to what the user may read, narrowed by the list's filters from ``request.GET``."""
    queryset = visible_queryset(kind, request.user)
    params = request.GET.copy()
    for name in ("kind", "format", "page", "sort", "desc"):
        params.pop(name, None)
    filterset = filterset_class(kind)
    if filterset is not None:
        bound = filterset(params or None, queryset=queryset, request=request)
        if bound.is_bound and not bound.is_valid():
            raise InvalidFilter(bound.errors)
        return bound.qs
    return _basic_filters(kind, queryset, params)


def _basic_filters(kind, queryset, params):
    """q + organization code + year, for a list whose FilterSet does not exist yet."""
    if params.get("q"):
        queryset = queryset.search(params["q"].strip())
    org_path = {
        "drafts": "drafting_organization__path",
        "policies": "draft__drafting_organization__path",
        "activities": "draft__drafting_organization__path",
        "organizations": "path",
    }[kind]
    code = params.get("organization")
    if code:
        organization = Organization.objects.filter(code=code).first()
        queryset = queryset.filter(**{f"{org_path}__startswith": organization.path}) if organization else queryset.none()
    year = params.get("year", "")
    if year:
        if not year.isdigit():
            raise InvalidFilter({"year": [_("Enter a whole number.")]})
        year_q = {
            "drafts": Q(adopted_on__year=int(year)),
            "policies": Q(draft__adopted_on__year=int(year)),
            "activities": Q(date__year=int(year)),
            "organizations": Q(),
        }[kind]
        queryset = queryset.filter(year_q)
    return queryset
