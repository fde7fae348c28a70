"""Forms of public comments: the public form (validate and render; ``services.comment_submit`` writes) and the
moderator's reason for hiding."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import FormConventions

from .models import TEXT_MAX_LENGTH, HiddenReason
from .services import clean_text

# The honeypot's name: no browser autofills it (no autocomplete hint matches), people never see it.
HONEYPOT = "contact_website"


class PublicCommentForm(FormConventions, forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 6, "data-maxlength": TEXT_MAX_LENGTH}),
        error_messages={"required": _("Write your comment before sending it.")},
    )
    policy = forms.ModelChoiceField(
        label=_("Your comment is about"),
        queryset=None,
        required=False,
        empty_label=_("The draft as a whole"),
        error_messages={"invalid_choice": _("Choose one of the policies of this draft, or the draft as a whole.")},
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    organization = forms.CharField(label=_("Organization or locality"), max_length=300, required=False,
                                   widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Optional. We send one message to confirm it; once confirmed, you receive the answer."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter a valid e-mail address, for example ten@example.vn, or leave it empty.")},
    )
    show_name = forms.BooleanField(label=_("Show my name with my comment when it is published"), required=False)
    consent = forms.BooleanField(label=_("I agree to the processing of my personal data as described above"),
                                 required=False)
    contact_website = forms.CharField(required=False, label=_("Leave this field empty"),
                                      widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.fields["policy"].queryset = draft.policies.filter(in_scope=True).order_by("position", "pk")
        self.fields["policy"].empty_label = _("The draft as a whole")
        self.retention_days = settings.CONSULTATION_PERSONAL_DATA_DAYS
        # The length is checked after cleaning (control characters removed, NFC), and a NUL is removed, not refused.
        self.fields["text"].validators = []
        self.fields["text"].help_text = gettext("At most %(n)s characters.") % {"n": TEXT_MAX_LENGTH}

    @property
    def is_bot(self):
        return bool(self.data.get(HONEYPOT))

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(_("Write your comment before sending it."))
        if len(text) > TEXT_MAX_LENGTH:
            raise forms.ValidationError(
                _("Your comment has %(n)s characters; at most %(max)s are accepted. Please shorten it."),
                params={"n": len(text), "max": TEXT_MAX_LENGTH},
            )
        return text

    def clean(self):
        data = super().clean()
        personal = any(clean_text(self.data.get(name, "")) for name in ("name", "organization", "email"))
        if personal and not data.get("consent"):
            self.add_error(
                "consent",
                _("You gave your name, organization or e-mail: agree to their processing, or leave them empty."),
            )
        return data


class HideForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for hiding"),
        choices=[("", _("— choose —")), *HiddenReason.choices],
        error_messages={"required": _("Choose why this comment is hidden.")},
    )


class ReceiptLookupForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=16,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not (code.isascii() and code.isalnum()):
            raise forms.ValidationError(_("A receipt code has only letters and digits. Check the code and try again."))
        return code
