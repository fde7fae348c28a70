"""Postings of a draft for comment: the section on the draft page lists them (``{% posting_section %}``); these
views add one (the form on the draft page posts here, and an invalid one is shown again on its own page) and delete
one after a confirmation. Editors of the draft only (``drafts.change_draft``); outside the read scope: 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from core.forms import add_service_errors
from drafts.models import Draft

from . import postings
from .posting_forms import PostingForm


def _section_url(draft):
    return reverse("drafts:detail", args=[draft.pk]) + "#postings"


def _editable_draft(request, pk):
    draft = get_object_or_404(Draft.objects.visible_to(request.user).select_related("drafting_organization"), pk=pk)
    if not request.user.has_perm("drafts.change_draft", draft):
        raise PermissionDenied
    return draft


class PostingCreateView(View):
    template_name = "consultation/postings/posting_form.html"

    def get(self, request, draft_pk):
        draft = _editable_draft(request, draft_pk)
        return self.render(request, draft, PostingForm(draft=draft))

    def post(self, request, draft_pk):
        draft = _editable_draft(request, draft_pk)
        form = PostingForm(request.POST, draft=draft)
        if form.is_valid():
            try:
                postings.posting_create(draft=draft, actor=request.user, **form.service_kwargs())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The posting was recorded."))
                return HttpResponseRedirect(_section_url(draft))
        return self.render(request, draft, form, status=400)

    def render(self, request, draft, form, status=200):
        ctx = {
            "draft": draft,
            "form": form,
            "cancel_url": _section_url(draft),
            "breadcrumbs": [
                (_("Drafts"), reverse("drafts:list")),
                (draft.title, reverse("drafts:detail", args=[draft.pk])),
                (_("Record a posting"), None),
            ],
        }
        return render(request, self.template_name, ctx, status=status)


class PostingDeleteView(View):
    template_name = "consultation/postings/posting_confirm_delete.html"

    def get_posting(self, request, pk):
        posting = get_object_or_404(postings.posting_visible_to(request.user), pk=pk)
        if not request.user.has_perm("drafts.change_draft", posting.draft):
            raise PermissionDenied
        return posting

    def get(self, request, pk):
        posting = self.get_posting(request, pk)
        return render(request, self.template_name, {
            "posting": posting,
            "cancel_url": _section_url(posting.draft),
            "breadcrumbs": [
                (_("Drafts"), reverse("drafts:list")),
                (posting.draft.title, reverse("drafts:detail", args=[posting.draft_id])),
                (_("Delete a posting"), None),
            ],
        })

    def post(self, request, pk):
        posting = self.get_posting(request, pk)
        draft = posting.draft
        postings.posting_delete(posting=posting, actor=request.user)
        messages.success(request, _("The posting was deleted."))
        return HttpResponseRedirect(_section_url(draft))
