from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .selectors import organizations_visible_to


class OrganizationListView(ListView):
    template_name = "organizations/organization_list.html"
    paginate_by = 50

    def get_queryset(self):
        return organizations_visible_to(self.request.user).select_related("parent").search(self.request.GET.get("q"))


class OrganizationDetailView(DetailView):
    template_name = "organizations/organization_detail.html"
    context_object_name = "organization"

    def get_object(self, queryset=None):
        return get_object_or_404(organizations_visible_to(self.request.user), code=self.kwargs["code"])
