from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from core.forms import FormConventions, use_date_input

from .models import Organization
from .selectors import organizations_manageable_by, organizations_visible_to

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Use letters, digits, dots, hyphens or underscores only (the code appears in page addresses)."),
)


class TreeChoiceField(forms.ModelChoiceField):
    """Organizations indented by depth so the tree reads in a plain <select>."""

    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


class OrganizationForm(FormConventions, forms.ModelForm):
    """Validation only: the view saves through organizations.services so paths stay true."""

    class Meta:
        model = Organization
        fields = ["code", "name", "kind", "parent", "valid_from", "valid_to", "successor"]
        field_classes = {"parent": TreeChoiceField, "successor": TreeChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].validators.append(code_validator)
        parents = organizations_manageable_by(user)
        successors = organizations_visible_to(user)
        if self.instance.pk:
            # Neither the organization nor anything below it can become its parent.
            parents = parents.exclude(path__startswith=self.instance.path)
            successors = successors.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["successor"].queryset = successors
        # Only a superuser may create or keep a root of the tree; an admin works below their organization.
        self.fields["parent"].required = not user.is_superuser
        for name in ("valid_from", "valid_to"):
            use_date_input(self.fields[name])
