"""Directive pages: everyone signed in reads them; administrators change those of their subtree (rules.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from core.forms import add_service_errors
from core.lists import FilteredListMixin

from . import selectors, services
from .filters import DirectiveFilter
from .forms import DirectiveForm


class PermissionMixin(PermissionRequiredMixin):
    raise_exception = True


class DirectiveObjectMixin:
    def get_object(self, queryset=None):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(selectors.directive_detail_queryset(), pk=self.kwargs["pk"])
        return self._object


class DirectiveListView(FilteredListMixin, ListView):
    template_name = "directives/directive_list.html"
    paginate_by = 25
    filterset_class = DirectiveFilter
    sort_fields = {"code": ("code",), "title": ("title",), "issued_on": ("issued_on",), "issuer": ("issuer",)}
    default_sort = "-issued_on"

    def get_base_queryset(self):
        return selectors.directive_list()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_create"] = self.request.user.has_perm("directives.add_directive")
        return ctx


class DirectiveDetailView(PermissionMixin, DirectiveObjectMixin, DetailView):
    template_name = "directives/directive_detail.html"
    context_object_name = "directive"
    permission_required = "directives.view_directive"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_edit"] = self.request.user.has_perm("directives.change_directive", self.object)
        ctx["can_delete"] = self.request.user.has_perm("directives.delete_directive", self.object)
        ctx["this_year"] = timezone.localdate().year
        return ctx


class DirectiveFormMixin:
    form_class = DirectiveForm
    template_name = "directives/directive_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return reverse("directives:detail", args=[self.object.pk])


class DirectiveCreateView(PermissionMixin, DirectiveFormMixin, CreateView):
    permission_required = "directives.add_directive"

    def get_permission_object(self):
        return None

    def form_valid(self, form):
        try:
            self.object = services.directive_create(actor=self.request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The directive was saved."))
        return HttpResponseRedirect(self.get_success_url())


class DirectiveUpdateView(PermissionMixin, DirectiveObjectMixin, DirectiveFormMixin, UpdateView):
    permission_required = "directives.change_directive"

    def form_valid(self, form):
        # The ModelForm already set the fields on the instance; the service validates and saves them.
        directive = selectors.directive_detail_queryset().get(pk=self.object.pk)
        try:
            self.object = services.directive_update(directive=directive, actor=self.request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The directive was saved."))
        return HttpResponseRedirect(self.get_success_url())


class DirectiveDeleteView(PermissionMixin, DirectiveObjectMixin, DeleteView):
    template_name = "directives/directive_confirm_delete.html"
    context_object_name = "directive"
    permission_required = "directives.delete_directive"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object_label"] = self.object.code
        ctx["cancel_url"] = reverse("directives:detail", args=[self.object.pk])
        ctx["consequences"] = [str(r) for r in self.object.requirements.all()]
        return ctx

    def form_valid(self, form):
        services.directive_delete(directive=self.object, actor=self.request.user)
        messages.success(self.request, gettext("The directive was deleted."))
        return redirect("directives:list")
