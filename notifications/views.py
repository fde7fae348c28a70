from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from . import services
from .forms import NotificationPreferenceForm


class PreferencesView(FormView):
    template_name = "notifications/preferences.html"
    form_class = NotificationPreferenceForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": services.preference_for(self.request.user)}

    def form_valid(self, form):
        services.preference_update(user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Your e-mail preferences were saved."))
        return HttpResponseRedirect(reverse("notifications:preferences"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["breadcrumbs"] = [(_("Dashboard"), reverse("dashboards:index")), (_("E-mail preferences"), None)]
        return ctx
