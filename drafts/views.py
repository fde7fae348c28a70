from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from .models import Draft, Policy
from .services import draft_evaluation


class DraftListView(ListView):
    template_name = "drafts/draft_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Draft.objects.visible_to(self.request.user).select_related("drafting_organization")


class DraftDetailView(DetailView):
    template_name = "drafts/draft_detail.html"
    context_object_name = "draft"

    def get_object(self, queryset=None):
        return get_object_or_404(Draft.objects.visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["evaluation"] = draft_evaluation(self.object)
        return ctx


class DraftCreateView(TemplateView):
    template_name = "drafts/draft_form.html"


class PolicyListView(ListView):
    template_name = "drafts/policy_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Policy.objects.visible_to(self.request.user).select_related("draft")
