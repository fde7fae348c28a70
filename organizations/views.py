import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from accounts import scope
from accounts.models import MANAGE_ROLES
from core.forms import add_service_errors
from core.lists import FilteredListMixin

from .filters import OrganizationFilter
from .forms import OrganizationForm
from .models import Organization
from .selectors import (
    organization_ancestors,
    organization_children,
    organization_list,
    organization_predecessors,
    organizations_for_detail,
    organizations_manageable_by,
)
from .services import organization_create, organization_update


def can_manage_below(user, parent):
    """May ``user`` place an organization under ``parent`` (None: a root of the tree)?"""
    return user.is_superuser or (parent is not None and scope.can_manage(user, parent))


class OrganizationListView(FilteredListMixin, ListView):
    template_name = "organizations/organization_list.html"
    paginate_by = 50
    filterset_class = OrganizationFilter
    sort_fields = {
        "code": ("code",),
        "name": ("name",),
        "kind": ("kind",),
        "parent": ("parent__name",),
        "valid_from": ("valid_from",),
        "valid_to": ("valid_to",),
        "tree": ("path",),
    }
    default_sort = "tree"

    def get_base_queryset(self):
        return organization_list(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_create"] = user.is_superuser or scope.has_any_role(user, MANAGE_ROLES)
        ctx["breadcrumbs"] = [(_("Organizations"), None)]
        return ctx


class OrganizationObjectMixin:
    """Fetch the organization by code within the user's read scope (404 outside it), once per request."""

    def get_object(self, queryset=None):
        return self.organization

    @cached_property
    def organization(self):
        return get_object_or_404(organizations_for_detail(self.request.user), code=self.kwargs["code"])


class OrganizationDetailView(OrganizationObjectMixin, DetailView):
    template_name = "organizations/organization_detail.html"
    context_object_name = "organization"

    def get_context_data(self, **kwargs):
        # The drafts section is drafts' own tag ({% organization_drafts %}): that app sits above this one.
        ctx = super().get_context_data(**kwargs)
        user, organization = self.request.user, self.object
        ancestors = [(a, scope.can_read(user, a)) for a in organization_ancestors(organization)]
        ctx.update(
            ancestors=ancestors,
            children=organization_children(user, organization),
            predecessors=organization_predecessors(user, organization),
            successor_readable=organization.successor is not None and scope.can_read(user, organization.successor),
            can_update=can_manage_below(user, organization.parent),
            can_add_child=can_manage_below(user, organization),
            is_active=organization.is_active(),
            breadcrumbs=[(_("Organizations"), reverse("organizations:list"))]
            + [(a.name, reverse("organizations:detail", args=[a.code]) if readable else "") for a, readable in ancestors]
            + [(organization.name, None)],
        )
        return ctx


class OrganizationFormMixin:
    model = Organization
    form_class = OrganizationForm
    template_name = "organizations/organization_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return reverse("organizations:detail", args=[self.object.code])


class OrganizationCreateView(OrganizationFormMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_superuser or scope.has_any_role(request.user, MANAGE_ROLES)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        # "Add a unit here" on a detail page passes the parent's code.
        parent = organizations_manageable_by(self.request.user).filter(code=self.request.GET.get("parent", "")).first()
        return {"parent": parent} if parent else {}

    def form_valid(self, form):
        if not can_manage_below(self.request.user, form.cleaned_data["parent"]):
            raise PermissionDenied
        try:
            self.object = organization_create(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The organization “%(name)s” was created.") % {"name": self.object.name})
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("New organization")
        ctx["breadcrumbs"] = [(_("Organizations"), reverse("organizations:list")), (ctx["title"], None)]
        return ctx


class OrganizationUpdateView(OrganizationObjectMixin, OrganizationFormMixin, UpdateView):
    def dispatch(self, request, *args, **kwargs):
        if not can_manage_below(request.user, self.organization.parent):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        # The form validates a copy, so a rejected edit never shows half-applied values elsewhere on the page.
        return {**super().get_form_kwargs(), "instance": copy.copy(self.organization)}

    def form_valid(self, form):
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            self.object = organization_update(organization=self.organization, **changed)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The organization “%(name)s” was saved.") % {"name": self.object.name})
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Edit %(name)s") % {"name": self.organization.name}
        ctx["breadcrumbs"] = [
            (_("Organizations"), reverse("organizations:list")),
            (self.organization.name, reverse("organizations:detail", args=[self.organization.code])),
            (_("Edit"), None),
        ]
        return ctx
