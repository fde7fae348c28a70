"""Forms of the officials' pages on comments. They validate and render; ``services`` and ``answering`` write."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import FormConventions, use_date_input

from .models import TEXT_MAX_LENGTH, Comment, Decision, Phase, Source, Status

RECORD_SOURCES = [(value, label) for value, label in Source.choices if value != Source.PORTAL]
UNANSWERED, OVERDUE = "unanswered", "overdue"


def _limit_to_draft(form, draft):
    form.fields["policy"].queryset = draft.policies.order_by("position", "pk")
    form.fields["activity"].queryset = draft.activities.order_by("-date", "pk")
    form.fields["policy"].empty_label = _("— the draft as a whole —")
    form.fields["activity"].empty_label = _("— none —")


class RecordForm(FormConventions, forms.ModelForm):
    """A comment that came through another channel, entered by an official."""

    source = forms.ChoiceField(label=_("Received through"), choices=RECORD_SOURCES)
    received_on = forms.DateField(
        label=_("Received on"), help_text=_("The comment belongs to the consultation phase of this day.")
    )

    class Meta:
        model = Comment
        fields = ["source", "received_on", "policy", "provision", "activity", "text", "submitter_name",
                  "submitter_organization", "email"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "activity": _("The meeting or voter contact where the opinion was heard, if any."),
            "submitter_name": _("Personal data: only what the sender gave; visible to officials of this scope."),
        }

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_to_draft(self, draft)
        use_date_input(self.fields["received_on"])
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["text"].help_text = _("At most %(n)s characters.") % {"n": TEXT_MAX_LENGTH}

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The day received cannot be in the future."))
        return day

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        day = data.pop("received_on")
        data.pop("source")
        now = timezone.localtime()
        data["received_at"] = now if day == now.date() else timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        return data


class LinkForm(FormConventions, forms.ModelForm):
    """Policy, provision, activity; on a comment from another channel also its text, source and submitter."""

    class Meta:
        model = Comment
        fields = ["policy", "provision", "activity", "text", "source", "submitter_name", "submitter_organization",
                  "email"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_to_draft(self, draft)
        if self.instance.source == Source.PORTAL:
            for name in ("text", "source", "submitter_name", "submitter_organization", "email"):
                del self.fields[name]
        else:
            self.fields["source"].choices = RECORD_SOURCES

    def changed_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data}


class AnswerForm(FormConventions, forms.Form):
    decision = forms.ChoiceField(label=_("Decision on the comment"), choices=Decision.choices, widget=forms.RadioSelect)
    response = forms.CharField(
        label=_("Response (acceptance or explanation)"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when the comment is explained (not accepted): give the reason."),
    )


class GroupForm(forms.Form):
    representative = forms.CharField(
        label=_("Receipt code of the representative comment"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": _("e.g. 7KQ2M9XH4B")}),
        help_text=_("A comment of the same draft and phase; its answer will answer this one too."),
    )
    confirm_clear = forms.BooleanField(
        label=_("I understand that this comment's own answer is cleared."), required=False
    )

    def __init__(self, *args, comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment = comment
        if not comment.decision:
            del self.fields["confirm_clear"]

    def clean_representative(self):
        code = self.cleaned_data["representative"].strip().upper()
        representative = Comment.objects.filter(draft_id=self.comment.draft_id, receipt_code=code).first()
        if representative is None:
            raise forms.ValidationError(_("No comment of this draft has the receipt code “%(code)s”.") % {"code": code})
        return representative

    def clean(self):
        cleaned = super().clean()
        if "confirm_clear" in self.fields and not cleaned.get("confirm_clear"):
            self.add_error("confirm_clear", _("Tick the box to confirm: this comment already has its own answer."))
        return cleaned


def _search(queryset, name, value):
    from core.search import search

    return search(queryset, value, "text", "provision", "submitter_name", "submitter_organization")


class WorklistFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method=_search,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Text, provision or sender")}),
    )
    phase = django_filters.ChoiceFilter(label=_("Phase"), choices=Phase.choices, empty_label=_("All phases"))
    policy = django_filters.ModelChoiceFilter(label=_("Policy"), queryset=None, empty_label=_("All policies"))
    provision = django_filters.CharFilter(label=_("Provision"), field_name="provision", lookup_expr="fold__contains",
                                          widget=forms.TextInput(attrs={"placeholder": _("e.g. Điều 5")}))
    answer = django_filters.ChoiceFilter(
        label=_("Answer"),
        choices=[(UNANSWERED, _("Unanswered")), (OVERDUE, _("Overdue")), *Decision.choices],
        empty_label=_("All"),
        method="filter_answer",
    )
    source = django_filters.ChoiceFilter(label=_("Source"), choices=Source.choices, empty_label=_("All sources"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("All statuses"))
    activity = django_filters.ModelChoiceFilter(label=_("Activity"), queryset=None, empty_label=_("All activities"))

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.filters["policy"].queryset = draft.policies.order_by("position", "pk")
        self.filters["activity"].queryset = draft.activities.order_by("-date", "pk")

    def filter_answer(self, queryset, name, value):
        from . import work_selectors

        if value == UNANSWERED:
            return queryset.filter(work_selectors.unanswered_q())
        if value == OVERDUE:
            return queryset.filter(work_selectors.overdue_q(self.draft))
        return queryset.filter(work_selectors.decision_q(value))
