from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, ListView

from organizations.models import Organization

from . import selectors

# The embed is framed by agencies' e-portals: the portal's policy minus its frame-ancestors 'none'.
EMBED_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors *"
)


@method_decorator(login_not_required, name="dispatch")
class ConsultationListView(ListView):
    template_name = "public/index.html"
    context_object_name = "drafts"
    paginate_by = 20

    def get_organization(self):
        return None

    def get_queryset(self):
        self.organization = self.get_organization()
        self.search = self.request.GET.get("q", "").strip()
        return selectors.current_consultations(organization=self.organization, search=self.search)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(organization=self.organization, search=self.search, today=timezone.localdate())
        return ctx


class OrganizationConsultationView(ConsultationListView):
    def get_organization(self):
        return get_object_or_404(Organization, code=self.kwargs["code"])


@method_decorator(login_not_required, name="dispatch")
class PublicDraftView(DetailView):
    template_name = "public/draft.html"
    context_object_name = "draft"

    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.public_drafts().select_related("drafting_organization"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["policies"] = self.object.policies.only("title", "summary", "draft_id").order_by("position", "pk")
        ctx["files"] = selectors.public_files(self.object)
        ctx["open_phase"] = selectors.open_phase(self.object)
        return ctx


@method_decorator(login_not_required, name="dispatch")
class PublicFileView(View):
    def get(self, request, pk):
        stored = selectors.public_file(pk)
        if stored is None:
            raise Http404
        try:
            handle = stored.file.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        return FileResponse(handle, as_attachment=True, filename=stored.original_name, content_type=stored.content_type)


@method_decorator([login_not_required, xframe_options_exempt], name="dispatch")
class EmbedView(ConsultationListView):
    template_name = "public/embed.html"
    paginate_by = 10

    def get_organization(self):
        code = self.request.GET.get("organization")
        return get_object_or_404(Organization, code=code) if code else None

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Content-Security-Policy"] = EMBED_CSP
        return response
