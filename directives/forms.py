from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import scope
from accounts.models import MANAGE_ROLES
from core.forms import FormConventions, use_date_input
from organizations.models import Organization

from .models import Directive


class DirectiveForm(FormConventions, forms.ModelForm):
    class Meta:
        model = Directive
        fields = ["code", "kind", "title", "issuer", "issued_on", "implements", "applies_to"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        use_date_input(self.fields["issued_on"])
        self.fields["title"].widget = forms.Textarea(attrs={"rows": 2})
        applies_to = self.fields["applies_to"]
        if user.is_superuser:
            applies_to.queryset = Organization.objects.order_by("path")
            applies_to.empty_label = _("The whole country (national)")
        else:
            # An administrator issues for the organizations they manage; national documents are for superusers.
            applies_to.queryset = Organization.objects.filter(scope.scope_q(user, "path", MANAGE_ROLES)).order_by("path")
            applies_to.required = True
        implements = self.fields["implements"]
        implements.queryset = Directive.objects.exclude(pk=self.instance.pk) if self.instance.pk else Directive.objects.all()
        implements.empty_label = _("— none —")

    def service_kwargs(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
