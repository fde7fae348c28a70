"""Moderation of public comments by the officials of the drafting organization.

Comments are fetched through ``Comment.objects.visible_to`` (out of scope: 404); publishing or hiding needs
``editable_by`` (in read scope only: 403). Every write goes through ``services.py``; nothing is deleted."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from accounts import scope
from core.lists import FilteredListMixin
from drafts.models import Draft

from . import selectors, services
from .filters import CommentFilter, DraftCommentFilter
from .forms import HideForm
from .models import Comment, Status


class ModerationQueueView(FilteredListMixin, ListView):
    """``/consultation/``: comments across the user's scope, pending first."""

    template_name = "consultation/queue.html"
    filterset_class = CommentFilter
    paginate_by = 25
    sort_fields = {"received": ("received_at",), "draft": ("draft__title",), "status": ("status",)}
    default_sort = "-received"
    draft = None

    def get_base_queryset(self):
        return selectors.moderation_queue(self.request.user, draft=self.draft)

    def get_ordering(self):
        return [F("pending_first").asc(), *super().get_ordering()]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        editable = set(
            Comment.objects.editable_by(user).filter(pk__in=[c.pk for c in ctx["object_list"]]).values_list("pk", flat=True)
        )
        for comment in ctx["object_list"]:
            comment.editable = comment.pk in editable
        ctx["draft"] = self.draft
        ctx["pending_count"] = self.get_base_queryset().filter(status=Status.PENDING).count()
        ctx["next_url"] = self.request.get_full_path()
        return ctx


class DraftQueueView(ModerationQueueView):
    """``/consultation/drafts/<draft_id>/``: the queue of one draft (out of scope: 404)."""

    filterset_class = DraftCommentFilter

    def dispatch(self, request, *args, **kwargs):
        self.draft = get_object_or_404(
            Draft.objects.visible_to(request.user).select_related("drafting_organization"), pk=kwargs["draft_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_moderate"] = scope.can_edit(self.request.user, self.draft.drafting_organization)
        return ctx


class ModerationActionView(FormView):
    """GET: the comment in full and a confirmation; POST: the action. Back to ``next`` (this site only)."""

    action = ""

    def dispatch(self, request, *args, **kwargs):
        self.comment = get_object_or_404(
            Comment.objects.visible_to(request.user).select_related("draft__drafting_organization", "policy"),
            pk=kwargs["pk"],
        )
        if not Comment.objects.editable_by(request.user).filter(pk=self.comment.pk).exists():
            raise PermissionDenied(_("Only officials of the drafting organization may moderate its comments."))
        return super().dispatch(request, *args, **kwargs)

    def next_url(self):
        candidate = self.request.POST.get("next") or self.request.GET.get("next")
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return candidate
        return reverse("consultation:draft", args=[self.comment.draft_id])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(comment=self.comment, action=self.action, next_url=self.next_url())
        return ctx

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect(self.next_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PublishView(ModerationActionView):
    template_name = "consultation/moderate.html"
    action = "publish"

    def get_form_class(self):
        from django import forms

        return forms.Form

    def perform(self, form):
        services.comment_publish(comment=self.comment, actor=self.request.user)
        messages.success(self.request, _("The comment %(code)s is published.") % {"code": self.comment.receipt_code})


class HideView(ModerationActionView):
    template_name = "consultation/moderate.html"
    action = "hide"
    form_class = HideForm

    def perform(self, form):
        services.comment_hide(comment=self.comment, actor=self.request.user, reason=form.cleaned_data["reason"])
        messages.success(self.request, _("The comment %(code)s is hidden.") % {"code": self.comment.receipt_code})
