from django.views.generic import TemplateView


class ProfileView(TemplateView):
    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["memberships"] = self.request.user.memberships.select_related("organization").order_by("organization__path")
        return ctx
