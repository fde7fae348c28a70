"""Screens for communication campaigns, activities and their evidence files.

Objects are fetched through scoped querysets (out of scope: 404) and then checked against the rules in
``rules.py`` (in read scope but not editable: 403). Every write goes through ``services.py``.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, TooManyFilesSent, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DeleteView, DetailView, FormView, ListView, UpdateView, View
from rules.contrib.views import PermissionRequiredMixin

from accounts import scope
from accounts.models import EDIT_ROLES
from core.forms import add_service_errors
from core.lists import FilteredListMixin
from drafts.models import Draft

from . import selectors, services
from .filters import ActivityFilter, CampaignFilter
from .forms import ActivityForm, CampaignForm, ChooseDraftForm


class PermissionMixin(PermissionRequiredMixin):
    raise_exception = True


class ScopedObjectMixin:
    """Fetch ``pk`` through ``get_queryset()`` (already limited to the user's scope) once per request."""

    def get_object(self, queryset=None):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(queryset if queryset is not None else self.get_queryset(), pk=self.kwargs["pk"])
        return self._object


class DraftBoundMixin:
    """For create views: the draft from ``draft_pk``, in read scope (else 404); the rule decides on editing."""

    def get_draft(self):
        if not hasattr(self, "_draft"):
            self._draft = get_object_or_404(
                Draft.objects.visible_to(self.request.user).select_related("drafting_organization"),
                pk=self.kwargs["draft_pk"],
            )
        return self._draft

    def get_permission_object(self):
        return self.get_draft()


class UploadFormMixin:
    """Hands the upload handler's findings to the form, and survives a request with far too many files.

    Past ``DATA_UPLOAD_MAX_NUMBER_FILES`` Django refuses to parse the body at all (TooManyFilesSent); the form
    is then shown again, unbound, with an explanation instead of an error page.
    """

    upload_refused = False

    def post(self, request, *args, **kwargs):
        try:
            request.POST, request.FILES  # noqa: B018 — parse now, where the error can be handled
        except TooManyFilesSent:
            self.upload_refused = True
            self.object = None if isinstance(self, CreateView) else self.get_object()
            kwargs = {k: v for k, v in self.get_form_kwargs().items() if k not in ("data", "files")}
            return self.render_to_response(self.get_context_data(form=self.get_form_class()(**kwargs)))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["oversized"] = getattr(self.request, "oversized_uploads", None)
        kwargs["excess"] = getattr(self.request, "excess_uploads", None)
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["max_files"] = settings.EVIDENCE_MAX_FILES
        if self.upload_refused:
            ctx["upload_refused"] = gettext(
                "Too many files were sent at once (at most %(n)d are accepted), so nothing was received or saved. "
                "Please fill in the form again and attach fewer files."
            ) % {"n": settings.EVIDENCE_MAX_FILES}
        return ctx


class ScopedListView(FilteredListMixin, ListView):
    """A list with search, filters, sorting and pagination (core.lists), marking the rows the user may edit."""

    paginate_by = 25

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        for obj in ctx["object_list"]:
            obj.editable = scope.can_edit(user, obj.draft.drafting_organization)
        ctx["can_create"] = scope.has_any_role(user, EDIT_ROLES)
        return ctx


# --- Campaigns -------------------------------------------------------------------------------------------------


class CampaignListView(ScopedListView):
    template_name = "campaigns/campaign_list.html"
    filterset_class = CampaignFilter
    sort_fields = {
        "title": ("title",),
        "draft": ("draft__title",),
        "period_start": ("period_start",),
        "budget": ("budget_vnd",),
        "activities": ("activity_count",),
    }
    default_sort = "-period_start"

    def get_base_queryset(self):
        return selectors.campaigns_for_list(self.request.user)


class CampaignDetailView(PermissionMixin, ScopedObjectMixin, DetailView):
    template_name = "campaigns/campaign_detail.html"
    context_object_name = "campaign"
    permission_required = "campaigns.view_campaign"

    def get_queryset(self):
        return selectors.campaign_detail_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["activities"] = self.object.activities.order_by("-date", "-pk")
        ctx["can_edit"] = self.request.user.has_perm("campaigns.change_campaign", self.object)
        return ctx


class CampaignFormMixin(UploadFormMixin):
    form_class = CampaignForm
    template_name = "campaigns/campaign_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["draft"] = self.get_draft()
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["draft"] = self.get_draft()
        return ctx

    def get_success_url(self):
        return reverse("campaigns:campaign_detail", args=[self.object.pk])


class CampaignCreateView(DraftBoundMixin, PermissionMixin, CampaignFormMixin, CreateView):
    permission_required = "campaigns.add_campaign"

    def get_initial(self):
        return {"owner": self.request.user.pk, "period_start": self.get_draft().proposal_consultation_start}

    def form_valid(self, form):
        try:
            self.object = services.campaign_create(draft=self.get_draft(), actor=self.request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The campaign was created."))
        return HttpResponseRedirect(self.get_success_url())


class CampaignUpdateView(PermissionMixin, ScopedObjectMixin, CampaignFormMixin, UpdateView):
    permission_required = "campaigns.change_campaign"

    def get_queryset(self):
        return selectors.campaign_detail_queryset(self.request.user)

    def get_draft(self):
        return self.get_object().draft

    def form_valid(self, form):
        try:
            self.object = services.campaign_update(campaign=self.object, actor=self.request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The campaign was saved."))
        return HttpResponseRedirect(self.get_success_url())


class CampaignDeleteView(PermissionMixin, ScopedObjectMixin, DeleteView):
    template_name = "campaigns/campaign_confirm_delete.html"
    context_object_name = "campaign"
    permission_required = "campaigns.delete_campaign"

    def get_queryset(self):
        return selectors.campaign_detail_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["activity_count"] = self.object.activities.count()
        if self.object.plan_document:
            ctx["consequences"] = [
                gettext("its plan document “%(name)s”") % {"name": self.object.plan_document.original_name}
            ]
        return ctx

    def form_valid(self, form):
        services.campaign_delete(campaign=self.object, actor=self.request.user)
        messages.success(self.request, gettext("The campaign was deleted."))
        return redirect("campaigns:campaign_list")


# --- Activities ------------------------------------------------------------------------------------------------


class ActivityListView(ScopedListView):
    template_name = "campaigns/activity_list.html"
    filterset_class = ActivityFilter
    sort_fields = {
        "date": ("date",),
        "title": ("title",),
        "draft": ("draft__title",),
        "channel": ("channel",),
        "status": ("status",),
        "reach": ("reach",),
    }
    default_sort = "-date"

    def get_base_queryset(self):
        return selectors.activities_for_list(self.request.user)


class ActivityDetailView(PermissionMixin, ScopedObjectMixin, DetailView):
    template_name = "campaigns/activity_detail.html"
    context_object_name = "activity"
    permission_required = "campaigns.view_activity"

    def get_queryset(self):
        return selectors.activity_detail_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_edit"] = self.request.user.has_perm("campaigns.change_activity", self.object)
        return ctx


class ActivityFormMixin(UploadFormMixin):
    form_class = ActivityForm
    template_name = "campaigns/activity_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["draft"] = self.get_draft()
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["draft"] = self.get_draft()
        return ctx

    def get_success_url(self):
        return reverse("campaigns:activity_detail", args=[self.object.pk])


class ActivityCreateView(DraftBoundMixin, PermissionMixin, ActivityFormMixin, CreateView):
    permission_required = "campaigns.add_activity"

    def get_initial(self):
        initial = {}
        campaign = self.request.GET.get("campaign")
        if campaign and campaign.isdigit():
            initial["campaign"] = int(campaign)
        return initial

    def form_valid(self, form):
        try:
            self.object = services.activity_create(draft=self.get_draft(), actor=self.request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The activity was recorded."))
        return HttpResponseRedirect(self.get_success_url())


class ActivityUpdateView(PermissionMixin, ScopedObjectMixin, ActivityFormMixin, UpdateView):
    permission_required = "campaigns.change_activity"

    def get_queryset(self):
        return selectors.activity_detail_queryset(self.request.user)

    def get_draft(self):
        return self.get_object().draft

    def form_valid(self, form):
        try:
            self.object = services.activity_update(
                activity=self.object,
                actor=self.request.user,
                expected_version=form.cleaned_data.get("version"),
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The activity was saved."))
        return HttpResponseRedirect(self.get_success_url())


class ActivityDeleteView(PermissionMixin, ScopedObjectMixin, DeleteView):
    template_name = "campaigns/activity_confirm_delete.html"
    context_object_name = "activity"
    permission_required = "campaigns.delete_activity"

    def get_queryset(self):
        return selectors.activity_detail_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["consequences"] = [
            gettext("its evidence file “%(name)s”") % {"name": f.original_name} for f in self.object.evidence_files.all()
        ]
        return ctx

    def form_valid(self, form):
        services.activity_delete(activity=self.object, actor=self.request.user)
        messages.success(self.request, gettext("The activity was deleted."))
        return redirect("campaigns:activity_list")


# --- Choosing a draft before creating --------------------------------------------------------------------------


class ChooseDraftView(FormView):
    """“New campaign/activity” from a list: pick one of the drafts the user may edit, then go to its form."""

    template_name = "campaigns/choose_draft.html"
    form_class = ChooseDraftForm
    target = ""  # URL name taking draft_pk
    heading = ""
    question = ""

    def dispatch(self, request, *args, **kwargs):
        if not scope.has_any_role(request.user, EDIT_ROLES):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["drafts"] = selectors.drafts_editable_by(self.request.user)
        if "draft" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound and form.is_valid():
            return redirect(self.target, draft_pk=form.cleaned_data["draft"].pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["heading"] = self.heading
        ctx["question"] = self.question
        return ctx


class CampaignChooseDraftView(ChooseDraftView):
    target = "campaigns:campaign_create"
    heading = _("New campaign")
    question = _("Which draft is this communication plan for? Only drafts of the organizations you work for are listed.")


class ActivityChooseDraftView(ChooseDraftView):
    target = "campaigns:activity_create"
    heading = _("New activity")
    question = _("Which draft does this activity communicate? Only drafts of the organizations you work for are listed.")


# --- Evidence files --------------------------------------------------------------------------------------------


class EvidenceDownloadView(PermissionMixin, ScopedObjectMixin, View):
    permission_required = "campaigns.view_storedfile"

    def get_queryset(self):
        return selectors.stored_files_visible_to(self.request.user)

    def get(self, request, *args, **kwargs):
        stored = self.get_object()
        try:
            handle = stored.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404(gettext("The file is missing from storage.")) from exc
        response = FileResponse(
            handle, as_attachment=True, filename=stored.original_name, content_type=stored.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        # Should a browser still render it, nothing in it may run or load.
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response


class EvidenceDeleteView(PermissionMixin, ScopedObjectMixin, DeleteView):
    """Removes one evidence file of an activity (plan documents are replaced from the campaign form)."""

    template_name = "campaigns/evidence_confirm_delete.html"
    context_object_name = "stored"
    permission_required = "campaigns.delete_storedfile"

    def get_queryset(self):
        return selectors.stored_files_visible_to(self.request.user).filter(activity__isnull=False)

    def form_valid(self, form):
        activity_pk = self.object.activity_id
        services.evidence_delete(stored=self.object, actor=self.request.user)
        messages.success(self.request, gettext("The file was deleted."))
        return redirect("campaigns:activity_detail", pk=activity_pk)
