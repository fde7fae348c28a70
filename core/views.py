from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.generic import TemplateView

from accounts import scope
from accounts.models import Role


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        from drafts.models import Draft

        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["memberships"] = user.memberships.select_related("organization").order_by("organization__path")
        ctx["recent_drafts"] = (
            Draft.objects.visible_to(user).select_related("drafting_organization").order_by("-updated_at")[:8]
        )
        ctx["can_edit"] = scope.has_any_role(user, (Role.OFFICIAL, Role.HEAD))
        return ctx


@login_not_required
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page links; answer with the icon, not a 404."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@login_not_required
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
