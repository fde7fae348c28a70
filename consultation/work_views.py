"""The officials' pages on comments: record one from another channel, a comment's page (link, answer, group), the
answering worklist of a draft, and the near-duplicate suggestions.

Scope: the draft (or comment) is fetched inside the user's read scope (404 outside it); writing needs an edit role
over the drafting organization (officials and heads; inspectors and portal admins read only: 403)."""

from __future__ import annotations

import copy
from functools import partial

from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, ListView, TemplateView

from accounts import scope
from core.forms import add_service_errors
from core.lists import FilteredListMixin
from drafts.models import Draft

from . import answering, services, similarity, work_selectors
from .models import Comment, Status
from .work_forms import AnswerForm, GroupForm, LinkForm, RecordForm, WorklistFilter


class DraftWorkMixin:
    """The draft of the URL, read in the user's scope; ``can_edit`` over its drafting organization."""

    @cached_property
    def draft(self):
        return get_object_or_404(
            Draft.objects.visible_to(self.request.user).select_related("drafting_organization"),
            pk=self.kwargs["draft_id"],
        )

    @cached_property
    def can_edit(self):
        return scope.can_edit(self.request.user, self.draft.drafting_organization)

    def require_edit(self):
        if not self.can_edit:
            raise PermissionDenied

    def breadcrumbs(self, *tail):
        return [
            (_("Drafts"), reverse("drafts:list")),
            (self.draft.title, reverse("drafts:detail", args=[self.draft.pk])),
            *tail,
        ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(draft=self.draft, can_edit=self.can_edit)
        return ctx


class RecordView(DraftWorkMixin, FormView):
    template_name = "consultation/work_record.html"
    form_class = RecordForm

    def dispatch(self, request, *args, **kwargs):
        self.require_edit()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "draft": self.draft}

    def form_valid(self, form):
        try:
            comment = services.comment_record(
                draft=self.draft, actor=self.request.user, source=form.cleaned_data["source"], **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The comment was recorded with the receipt code %(code)s.") % {"code": comment.receipt_code}
        )
        if "another" in self.request.POST:
            return HttpResponseRedirect(reverse("consultation_work:record", args=[self.draft.pk]))
        return HttpResponseRedirect(reverse("consultation_work:comment", args=[comment.pk]))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["breadcrumbs"] = self.breadcrumbs(
            (_("Answers"), reverse("consultation_work:answers", args=[self.draft.pk])), (_("Record a comment"), None)
        )
        return ctx


class CommentView(TemplateView):
    """A comment: full text, personal data (the reader is in the drafting scope), its answer, group and history.
    POST ``action`` = link | answer | group | ungroup."""

    template_name = "consultation/work_comment.html"

    @cached_property
    def comment(self):
        return get_object_or_404(
            Comment.objects.visible_to(self.request.user).select_related(
                "draft__drafting_organization", "policy", "activity", "group", "answered_by", "created_by",
                "moderated_by",
            ),
            pk=self.kwargs["pk"],
        )

    @property
    def draft(self):
        return self.comment.draft

    @cached_property
    def can_edit(self):
        return scope.can_edit(self.request.user, self.draft.drafting_organization)

    @cached_property
    def final(self):
        return answering.report_approved(self.comment.draft_id, self.comment.phase)

    def forms(self, data=None, action=None):
        comment = self.comment
        answer = work_selectors.answer_of(comment)
        bound = {name: (data if name == action else None) for name in ("link", "answer", "group")}
        return {
            "link_form": LinkForm(bound["link"], instance=copy.copy(comment), draft=self.draft, prefix="link"),
            "answer_form": AnswerForm(
                bound["answer"], initial={"decision": answer.decision, "response": answer.response}, prefix="answer"
            ),
            "group_form": GroupForm(bound["group"], comment=comment, prefix="group"),
        }

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        comment = self.comment
        for name, form in self.forms().items():
            ctx.setdefault(name, form)
        ctx.update(
            comment=comment,
            draft=self.draft,
            answer=work_selectors.answer_of(comment),
            members=work_selectors.group_members(comment),
            can_edit=self.can_edit and not self.final,
            final=self.final,
            overdue=self._overdue(comment),
            history=LogEntry.objects.get_for_object(comment).select_related("actor").order_by("-timestamp")[:50],
            breadcrumbs=[
                (_("Drafts"), reverse("drafts:list")),
                (self.draft.title, reverse("drafts:detail", args=[self.draft.pk])),
                (_("Answers"), reverse("consultation_work:answers", args=[self.draft.pk])),
                (comment.receipt_code, None),
            ],
        )
        return ctx

    def _overdue(self, comment):
        answer = work_selectors.answer_of(comment)
        return (
            comment.status != Status.HIDDEN
            and not answer.decision
            and comment.phase in work_selectors.overdue_phases(self.draft, timezone.localdate())
        )

    def post(self, request, *args, **kwargs):
        if not self.can_edit:
            raise PermissionDenied
        action = request.POST.get("action")
        forms = self.forms(request.POST, action)
        handlers = {"link": self._link, "answer": self._answer, "group": self._group, "ungroup": self._ungroup}
        if action not in handlers:
            messages.error(request, _("Unknown action: nothing was changed."))
            return HttpResponseRedirect(request.path)
        form = forms.get(f"{action}_form")
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(**forms), status=400)
        try:
            message = handlers[action](form)
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return HttpResponseRedirect(request.path)
            add_service_errors(form, error)
            return self.render_to_response(self.get_context_data(**forms), status=400)
        messages.success(request, message)
        return HttpResponseRedirect(request.path)

    def _link(self, form):
        changed = form.changed_fields()
        if changed:
            answering.comment_update(comment=self.comment, actor=self.request.user, **changed)
        return _("The comment's details were saved.")

    def _answer(self, form):
        answering.comment_answer(
            comment=self.comment, actor=self.request.user, decision=form.cleaned_data["decision"],
            response=form.cleaned_data["response"],
        )
        return _("The answer was saved. It becomes public when the head approves the report.")

    def _group(self, form):
        answering.comment_group(
            representative=form.cleaned_data["representative"], members=[self.comment], actor=self.request.user
        )
        return _("The comment is now grouped under %(code)s.") % {"code": form.cleaned_data["representative"].receipt_code}

    def _ungroup(self, form):
        answering.comment_ungroup(comment=self.comment, actor=self.request.user)
        return _("The comment was taken out of its group; it now needs an answer of its own.")


class AnswersView(DraftWorkMixin, FilteredListMixin, ListView):
    """The answering worklist of a draft."""

    template_name = "consultation/work_answers.html"
    paginate_by = 25
    sort_fields = {
        "received": ("received_at",),
        "phase": ("phase",),
        "policy": ("policy__position",),
        "provision": ("provision",),
        "source": ("source",),
        "status": ("status",),
    }
    default_sort = "-received"

    @property
    def filterset_class(self):
        return partial(WorklistFilter, draft=self.draft)

    def get_base_queryset(self):
        return work_selectors.worklist(self.draft)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        overdue = set(work_selectors.overdue_phases(self.draft, today))
        rows = []
        for comment in ctx["object_list"]:
            answer = work_selectors.answer_of(comment)
            rows.append({
                "comment": comment,
                "answer": answer,
                "overdue": comment.status != Status.HIDDEN and not answer.decision and comment.phase in overdue,
            })
        base = Comment.objects.filter(draft=self.draft)
        ctx.update(
            rows=rows,
            totals={
                "all": base.count(),
                "unanswered": base.filter(work_selectors.unanswered_q()).count(),
                "overdue": base.filter(work_selectors.overdue_q(self.draft, today)).count(),
            },
            breadcrumbs=self.breadcrumbs((_("Answers to comments"), None)),
        )
        return ctx


class SuggestionsView(DraftWorkMixin, TemplateView):
    """Near-duplicate suggestions: confirm (group the ticked comments under the representative) or reject (the
    pairs are not suggested again)."""

    template_name = "consultation/work_suggestions.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        found = similarity.suggestions(self.draft)
        final = {p for p in {s.phase for s in found} if answering.report_approved(self.draft.pk, p)}
        ctx.update(
            suggestions=[s for s in found if s.phase not in final],
            threshold=similarity.threshold_setting(),
            breadcrumbs=self.breadcrumbs(
                (_("Answers"), reverse("consultation_work:answers", args=[self.draft.pk])),
                (_("Near-duplicate suggestions"), None),
            ),
        )
        return ctx

    def _comments(self, ids):
        try:
            wanted = {int(i) for i in ids}
        except (TypeError, ValueError):
            return None
        if not wanted or any(not 0 < i < 2**63 for i in wanted):
            return None
        found = list(Comment.objects.filter(draft=self.draft, pk__in=wanted).order_by("received_at", "pk"))
        return found if len(found) == len(wanted) else None

    def post(self, request, *args, **kwargs):
        self.require_edit()
        here = reverse("consultation_work:suggestions", args=[self.draft.pk])
        action = request.POST.get("action")
        comments = self._comments(request.POST.get("key", "").split(","))
        if comments is None or action not in ("confirm", "reject"):
            messages.error(request, _("This suggestion is no longer valid; the list was refreshed."))
            return HttpResponseRedirect(here)
        try:
            if action == "reject":
                for n, first in enumerate(comments):
                    for second in comments[n + 1:]:
                        answering.suggestion_reject(first=first, second=second, actor=request.user)
                messages.success(request, _("The suggestion was rejected; these comments are not suggested together again."))
            else:
                representative = next((c for c in comments if str(c.pk) == request.POST.get("representative")), None)
                ticked = set(request.POST.getlist("members"))
                members = [c for c in comments if str(c.pk) in ticked and c is not representative]
                if representative is None or not members:
                    messages.error(request, _("Choose the representative and at least one comment to group under it."))
                    return HttpResponseRedirect(here)
                answering.comment_group(representative=representative, members=members, actor=request.user)
                messages.success(
                    request,
                    ngettext(
                        "%(n)d comment was grouped under %(code)s.", "%(n)d comments were grouped under %(code)s.",
                        len(members),
                    ) % {"n": len(members), "code": representative.receipt_code},
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(here)
