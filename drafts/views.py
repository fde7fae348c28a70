import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, DetailView, ListView, TemplateView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from accounts import scope
from accounts.models import Role
from core.forms import add_service_errors
from core.lists import FilteredListMixin

from . import selectors, services
from .filters import DraftFilter, PolicyFilter
from .forms import DraftForm, PolicyForm
from .models import Draft
from .timeline import build_timeline, policy_rows


class HomeView(TemplateView):
    """The start page: the user's organizations and the drafts they changed last."""

    template_name = "drafts/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["memberships"] = user.memberships.select_related("organization").order_by("organization__path")
        ctx["recent_drafts"] = (
            Draft.objects.visible_to(user).select_related("drafting_organization").order_by("-updated_at")[:8]
        )
        ctx["can_edit"] = scope.has_any_role(user, (Role.OFFICIAL, Role.HEAD))
        return ctx


class ScopedObjectMixin(PermissionRequiredMixin):
    """Fetch the object through a scoped queryset (404 outside the user's scope) once, then check the rule
    (403 when readable but not permitted)."""

    raise_exception = True

    def get_scoped_queryset(self):
        raise NotImplementedError

    @cached_property
    def scoped_object(self):
        return get_object_or_404(self.get_scoped_queryset(), pk=self.kwargs[self.pk_url_kwarg])

    def get_object(self, queryset=None):
        return self.scoped_object


class DraftBreadcrumbsMixin:
    def draft_breadcrumbs(self, draft, *tail):
        return [(_("Drafts"), reverse("drafts:list")), (draft.title, reverse("drafts:detail", args=[draft.pk])), *tail]


# Drafts


class DraftListView(FilteredListMixin, ListView):
    template_name = "drafts/draft_list.html"
    paginate_by = 25
    filterset_class = DraftFilter
    sort_fields = {
        "title": ("title",),
        "organization": ("drafting_organization__name",),
        "type": ("document_type",),
        "status": ("status",),
        "start": ("proposal_consultation_start",),
        "adopted": ("adopted_on",),
        "updated": ("updated_at",),
    }
    default_sort = "-start"

    def get_base_queryset(self):
        return selectors.draft_list(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_create"] = self.request.user.has_perm("drafts.add_draft")
        ctx["breadcrumbs"] = [(_("Drafts"), None)]
        return ctx


class DraftDetailView(ScopedObjectMixin, DraftBreadcrumbsMixin, DetailView):
    template_name = "drafts/draft_detail.html"
    context_object_name = "draft"
    permission_required = "drafts.view_draft"

    def get_scoped_queryset(self):
        return selectors.drafts_for_detail(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        draft = self.object
        related = selectors.draft_related(draft)
        evaluation = services.draft_evaluation(draft)
        ctx.update(related)
        ctx["timeline"] = build_timeline(draft, related["activities"])
        ctx["policy_rows"] = policy_rows(draft, related["policies"], evaluation)
        ctx["can_edit"] = self.request.user.has_perm("drafts.change_draft", draft)
        ctx["breadcrumbs"] = [(_("Drafts"), reverse("drafts:list")), (draft.title, None)]
        return ctx


class DraftFormMixin:
    form_class = DraftForm
    template_name = "drafts/draft_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return reverse("drafts:detail", args=[self.object.pk])

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The draft “%(title)s” was saved.") % {"title": self.object.title})
        return HttpResponseRedirect(self.get_success_url())

    @staticmethod
    def fields_of(form):
        return {name: value for name, value in form.cleaned_data.items() if name != "version"}


class DraftCreateView(PermissionRequiredMixin, DraftFormMixin, CreateView):
    permission_required = "drafts.add_draft"
    raise_exception = True

    def save(self, form):
        return services.draft_create(actor=self.request.user, **self.fields_of(form))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Record a new draft")
        ctx["cancel_url"] = reverse("drafts:list")
        ctx["breadcrumbs"] = [(_("Drafts"), reverse("drafts:list")), (ctx["title"], None)]
        return ctx


class DraftUpdateView(ScopedObjectMixin, DraftBreadcrumbsMixin, DraftFormMixin, UpdateView):
    permission_required = "drafts.change_draft"

    def get_scoped_queryset(self):
        return selectors.drafts_visible_to(self.request.user).select_related("drafting_organization")

    def get_form_kwargs(self):
        # The form validates a copy, so a refused save never leaves half-applied values on the page.
        return {**super().get_form_kwargs(), "instance": copy.copy(self.scoped_object)}

    def save(self, form):
        return services.draft_update(
            draft=self.scoped_object,
            actor=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **self.fields_of(form),
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        draft = self.scoped_object
        ctx["title"] = _("Edit the draft")
        ctx["cancel_url"] = reverse("drafts:detail", args=[draft.pk])
        ctx["breadcrumbs"] = self.draft_breadcrumbs(draft, (_("Edit"), None))
        return ctx


class DraftDeleteView(ScopedObjectMixin, DraftBreadcrumbsMixin, DeleteView):
    template_name = "drafts/confirm_delete.html"
    permission_required = "drafts.delete_draft"

    def get_scoped_queryset(self):
        return selectors.drafts_visible_to(self.request.user).select_related("drafting_organization")

    def get(self, request, *args, **kwargs):
        # A draft that counts (or falls in a signed-off year) is withdrawn, not deleted: say so on the draft's page
        # instead of asking to confirm. The permission check has run already (PermissionRequiredMixin.dispatch).
        return self._refused() or super().get(request, *args, **kwargs)

    def _refused(self):
        refusal = services.draft_delete_refusal(self.scoped_object)
        if refusal is None:
            return None
        messages.error(self.request, refusal)
        return HttpResponseRedirect(reverse("drafts:detail", args=[self.scoped_object.pk]))

    def form_valid(self, form):
        draft = self.scoped_object
        try:
            services.draft_delete(draft=draft, actor=self.request.user)
        except services.DraftDeleteRefused:
            return self._refused()
        messages.success(self.request, _("The draft “%(title)s” was deleted.") % {"title": draft.title})
        return HttpResponseRedirect(reverse("drafts:list"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        draft = self.scoped_object
        counts = {
            "policies": draft.policies.count(),
            "campaigns": draft.campaigns.count(),
            "activities": draft.activities.count(),
        }
        ctx["object_label"] = draft.title
        ctx["cancel_url"] = reverse("drafts:detail", args=[draft.pk])
        ctx["consequences"] = [
            line
            for n, line in (
                (counts["policies"], _("%(n)d policies and their assessments") % {"n": counts["policies"]}),
                (counts["campaigns"], _("%(n)d communication campaigns") % {"n": counts["campaigns"]}),
                (counts["activities"], _("%(n)d communication activities and their evidence files") % {"n": counts["activities"]}),
            )
            if n
        ]
        ctx["breadcrumbs"] = self.draft_breadcrumbs(draft, (_("Delete"), None))
        return ctx


# Policies


class PolicyListView(FilteredListMixin, ListView):
    template_name = "drafts/policy_list.html"
    paginate_by = 25
    filterset_class = PolicyFilter
    sort_fields = {
        "title": ("title",),
        "draft": ("draft__title",),
        "organization": ("draft__drafting_organization__name",),
        "adopted": ("draft__adopted_on",),
        "high_impact": ("high_impact",),
        "in_scope": ("in_scope",),
    }
    default_sort = "draft"

    def get_base_queryset(self):
        return selectors.policy_list(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["breadcrumbs"] = [(_("Policies"), None)]
        return ctx


class PolicyFormMixin(DraftBreadcrumbsMixin):
    form_class = PolicyForm
    template_name = "drafts/policy_form.html"

    def get_success_url(self):
        return reverse("drafts:detail", args=[self.draft.pk]) + "#policies"

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The policy “%(title)s” was saved.") % {"title": self.object.title})
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["draft"] = self.draft
        ctx["cancel_url"] = reverse("drafts:detail", args=[self.draft.pk])
        ctx["breadcrumbs"] = self.draft_breadcrumbs(self.draft, (ctx["title"], None))
        return ctx


class PolicyCreateView(PermissionRequiredMixin, PolicyFormMixin, CreateView):
    permission_required = "drafts.add_policy"
    raise_exception = True

    @cached_property
    def draft(self):
        return get_object_or_404(selectors.drafts_for_detail(self.request.user), pk=self.kwargs["draft_pk"])

    def get_permission_object(self):
        return self.draft

    def save(self, form):
        return services.policy_create(draft=self.draft, actor=self.request.user, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        kwargs["title"] = _("Add a policy")
        return super().get_context_data(**kwargs)


class PolicyUpdateView(ScopedObjectMixin, PolicyFormMixin, UpdateView):
    permission_required = "drafts.change_policy"

    def get_scoped_queryset(self):
        return selectors.policies_for_edit(self.request.user)

    @property
    def draft(self):
        return self.scoped_object.draft

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": copy.copy(self.scoped_object)}

    def save(self, form):
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        return services.policy_update(policy=self.scoped_object, actor=self.request.user, **changed)

    def get_context_data(self, **kwargs):
        kwargs["title"] = _("Edit the policy")
        return super().get_context_data(**kwargs)


class PolicyDeleteView(ScopedObjectMixin, DraftBreadcrumbsMixin, DeleteView):
    template_name = "drafts/confirm_delete.html"
    permission_required = "drafts.delete_policy"

    def get_scoped_queryset(self):
        return selectors.policies_for_edit(self.request.user)

    def form_valid(self, form):
        policy = self.scoped_object
        services.policy_delete(policy=policy, actor=self.request.user)
        messages.success(self.request, _("The policy “%(title)s” was deleted.") % {"title": policy.title})
        return HttpResponseRedirect(reverse("drafts:detail", args=[policy.draft_id]) + "#policies")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        policy = self.scoped_object
        ctx["object_label"] = policy.title
        ctx["cancel_url"] = reverse("drafts:detail", args=[policy.draft_id])
        ctx["consequences"] = [_("its links to communication activities (the activities themselves stay)")]
        sole = selectors.activities_covering_only(policy).count()
        if sole:
            # Under the counting rule an activity naming no policy covers them all: say so before it happens.
            ctx["consequences"].append(
                _(
                    "%(n)d activities name only this policy; afterwards they name none and so count for every "
                    "policy of the draft. Edit them first if that is not what you want."
                )
                % {"n": sole}
            )
        ctx["breadcrumbs"] = self.draft_breadcrumbs(policy.draft, (_("Delete"), None))
        return ctx
