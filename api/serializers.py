"""Serializers: the API's field names are a contract (issue #3), so every name here is deliberate.

Serializers only validate input and shape output; the views hand ``validated_data`` to the write services.
Related objects are looked up inside the caller's read scope, so an object the caller cannot see is reported
exactly like one that does not exist.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts import scope
from campaigns.models import Activity, Campaign
from consultation.models import TEXT_MAX_LENGTH, Comment, Decision, Source
from core.typed import NumberError, parse_whole_number, year_range
from drafts.models import Draft, Policy
from organizations.models import Organization
from organizations.selectors import organizations_visible_to


class ScopedQuerysetMixin:
    """A related field whose choices are limited to what the requesting user can read."""

    def __init__(self, *, scoped, **kwargs):
        self.scoped = scoped
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.scoped(self.context["request"].user)


class ScopedSlugRelatedField(ScopedQuerysetMixin, serializers.SlugRelatedField):
    pass


class ScopedPrimaryKeyRelatedField(ScopedQuerysetMixin, serializers.PrimaryKeyRelatedField):
    pass


def _organization_code_field(**kwargs):
    return ScopedSlugRelatedField(
        slug_field="code",
        scoped=organizations_visible_to,
        error_messages={"does_not_exist": _("There is no organization with the code “{value}”.")},
        **kwargs,
    )


class ImmutableOnUpdateMixin:
    """Fields that are set on creation only (the services cannot move a record); a changed value is an error."""

    immutable_fields: tuple[str, ...] = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None:
            for name in self.immutable_fields:
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: _("This cannot be changed after creation.")})
                attrs.pop(name, None)
        return attrs


class OrganizationSerializer(serializers.ModelSerializer):
    parent = _organization_code_field(allow_null=True, required=False)

    class Meta:
        model = Organization
        fields = ["code", "name", "kind", "parent", "valid_from", "valid_to", "depth"]
        read_only_fields = ["depth"]

    def validate_parent(self, parent):
        user = self.context["request"].user
        if parent is None:
            if not user.is_superuser:
                raise serializers.ValidationError(_("Only a superuser can create a top-level organization."))
        elif not scope.can_manage(user, parent):
            raise serializers.ValidationError(
                _("You cannot manage organizations under “%(code)s”.") % {"code": parent.code}
            )
        return parent


class DraftSerializer(serializers.ModelSerializer):
    drafting_organization = _organization_code_field()

    class Meta:
        model = Draft
        fields = [
            "id",
            "title",
            "document_type",
            "drafting_organization",
            "proposal_consultation_start",
            "proposal_consultation_end",
            "draft_consultation_start",
            "draft_consultation_end",
            "submitted_on",
            "adopted_on",
            "status",
            "issued_number",
            "portal_url",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]

    def validate_drafting_organization(self, organization):
        if not scope.can_edit(self.context["request"].user, organization):
            raise serializers.ValidationError(
                _("You cannot edit drafts of “%(code)s”.") % {"code": organization.code}
            )
        return organization


def _editable_draft(serializer, draft):
    if not scope.can_edit(serializer.context["request"].user, draft.drafting_organization):
        raise serializers.ValidationError(_("You cannot edit draft %(id)s.") % {"id": draft.pk})
    return draft


def _visible_drafts(user):
    return Draft.objects.visible_to(user).select_related("drafting_organization")


class PolicySerializer(ImmutableOnUpdateMixin, serializers.ModelSerializer):
    draft = ScopedPrimaryKeyRelatedField(scoped=_visible_drafts)
    immutable_fields = ("draft",)

    class Meta:
        model = Policy
        fields = [
            "id",
            "draft",
            "title",
            "high_impact",
            "in_scope",
            "summary",
            "criterion_rights",
            "criterion_sensitive",
            "criterion_wide",
            "criterion_not_secret",
            "position",
            "assessed_on",
        ]
        read_only_fields = ["assessed_on"]

    def validate_draft(self, draft):
        return _editable_draft(self, draft)


class WholeNumberSerializerField(serializers.IntegerField):
    """The API's count: a JSON integer, or a string read by the same parser as the forms and the import."""

    def to_internal_value(self, data):
        if isinstance(data, str) and data.strip():
            try:
                data = parse_whole_number(data)
            except NumberError as error:
                raise serializers.ValidationError(str(error), code="invalid") from error
        return super().to_internal_value(data)


class ActivitySerializer(ImmutableOnUpdateMixin, serializers.ModelSerializer):
    draft = ScopedPrimaryKeyRelatedField(scoped=_visible_drafts)
    policies = ScopedPrimaryKeyRelatedField(
        scoped=lambda user: Policy.objects.visible_to(user),
        many=True,
        required=False,
        help_text=_("Ids of the policies covered; empty means every policy of the draft."),
    )
    campaign = ScopedPrimaryKeyRelatedField(
        scoped=lambda user: Campaign.objects.visible_to(user), allow_null=True, required=False
    )
    reach = WholeNumberSerializerField(
        required=False, allow_null=True, min_value=0, max_value=2**63 - 1,
        help_text=_("Audience or views: a whole number, as 1200 or the string \"1.200\"."),
    )
    immutable_fields = ("draft",)

    class Meta:
        model = Activity
        fields = [
            "id",
            "draft",
            "policies",
            "channel",
            "date",
            "status",
            "title",
            "evidence_url",
            "campaign",
            "description",
            "reach",
            "feedback",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]

    def validate_draft(self, draft):
        return _editable_draft(self, draft)


# Coverage (read-only): shapes counting.types.CoverageFigures into the contract's names.


class CoverageQuerySerializer(serializers.Serializer):
    organization = serializers.CharField(help_text=_("Organization code; its whole subtree is counted."))
    year = serializers.IntegerField(min_value=year_range()[0], max_value=year_range()[1])


class CoverageTargetSerializer(serializers.Serializer):
    directive = serializers.CharField(source="directive_code")
    directive_title = serializers.CharField()
    target_percent = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    met = serializers.BooleanField(allow_null=True, help_text=_("Null when there is no data."))


class CoveragePolicySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="policy_id")
    draft = serializers.IntegerField(source="draft_id")
    status = serializers.ChoiceField(
        choices=[("communicated", _("Communicated")), ("not_communicated", _("Not communicated"))]
    )
    reason = serializers.CharField()
    title = serializers.CharField(source="policy_title")
    draft_title = serializers.CharField()
    organization = serializers.CharField(source="organization_code")


class CoverageSerializer(serializers.Serializer):
    organization = serializers.CharField(source="organization_code")
    organization_name = serializers.CharField()
    year = serializers.IntegerField()
    high_impact_policies = serializers.IntegerField(
        source="denominator", help_text=_("Denominator: high-impact, in-scope policies of drafts adopted in the year.")
    )
    communicated = serializers.IntegerField(source="numerator", help_text=_("Numerator: of those, communicated."))
    percent = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        coerce_to_string=False,
        allow_null=True,
        help_text=_("One decimal; null when there is no data (empty denominator)."),
    )
    in_progress = serializers.IntegerField()
    missed = serializers.IntegerField(
        help_text=_("Of those in progress: the proposal phase closed with no counting activity (rule 1.1).")
    )
    at_risk = serializers.IntegerField()
    computed_at = serializers.DateTimeField(allow_null=True)
    targets = CoverageTargetSerializer(many=True)
    policies = CoveragePolicySerializer(many=True)


# Comments (góp ý): the contract of issue 16. Writes go through consultation.services.comment_record (POST, other
# channels only) and consultation.answering (PATCH); moderation (status, hidden_reason) is not written here.

PERSONAL_FIELDS = ("submitter_name", "submitter_organization")


class CommentSerializer(serializers.ModelSerializer):
    draft = ScopedPrimaryKeyRelatedField(scoped=_visible_drafts)
    policy = ScopedPrimaryKeyRelatedField(
        scoped=lambda user: Policy.objects.visible_to(user), allow_null=True, required=False,
        help_text=_("Id of a policy of the same draft; null: the draft as a whole."),
    )
    activity = ScopedPrimaryKeyRelatedField(
        scoped=lambda user: Activity.objects.visible_to(user), allow_null=True, required=False,
        help_text=_("Id of the activity (meeting, voter contact) of the same draft where the opinion was heard."),
    )
    group = ScopedPrimaryKeyRelatedField(
        scoped=lambda user: Comment.objects.visible_to(user), allow_null=True, required=False,
        help_text=_("Id of the representative comment this one is grouped under (its answer answers this one); "
                    "null: not grouped. Set on PATCH only."),
    )
    source = serializers.ChoiceField(choices=Source.choices)
    decision = serializers.ChoiceField(
        choices=Decision.choices, allow_null=True, required=False,
        help_text=_("The decision of this comment's answer (its representative's when grouped); null: unanswered. "
                    "Set on PATCH, on a comment that is not grouped."),
    )
    response = serializers.CharField(
        required=False, allow_blank=True, max_length=TEXT_MAX_LENGTH,
        help_text=_("The acceptance or the explanation; required with the decision explained."),
    )
    submitter_name = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=200,
        help_text=_("Personal data: null for a reader outside the drafting organization's scope."),
    )
    submitter_organization = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=300,
        help_text=_("Personal data: null for a reader outside the drafting organization's scope."),
    )
    text = serializers.CharField(max_length=TEXT_MAX_LENGTH)

    class Meta:
        model = Comment
        fields = [
            "id",
            "draft",
            "policy",
            "text",
            "source",
            "activity",
            "provision",
            "submitter_name",
            "submitter_organization",
            "status",
            "hidden_reason",
            "decision",
            "response",
            "received_at",
            "group",
        ]
        read_only_fields = ["status", "hidden_reason"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        answer = instance.group if instance.group_id else instance
        data["decision"] = answer.decision or None
        data["response"] = answer.response
        user = self.context["request"].user
        if not scope.can_read(user, instance.draft.drafting_organization):
            for name in PERSONAL_FIELDS:
                data[name] = None
        return data

    def validate_draft(self, draft):
        return _editable_draft(self, draft)

    def validate_source(self, source):
        if source == Source.PORTAL and getattr(self.instance, "source", None) != Source.PORTAL:
            raise serializers.ValidationError(
                _("Comments from the public portal are sent by the public themselves.")
            )
        return source

    def validate(self, attrs):
        attrs = super().validate(attrs)
        for name in PERSONAL_FIELDS:
            if name in attrs and attrs[name] is None:
                attrs[name] = ""
        if self.instance is None:
            early = [name for name in ("decision", "response", "group") if name in attrs]
            if early:
                raise serializers.ValidationError(
                    {name: _("Record the comment first, then answer or group it (PATCH).") for name in early}
                )
            return attrs
        if "draft" in attrs and attrs["draft"] != self.instance.draft:
            raise serializers.ValidationError({"draft": _("This cannot be changed after creation.")})
        attrs.pop("draft", None)
        if "received_at" in attrs and attrs["received_at"] != self.instance.received_at:
            raise serializers.ValidationError({"received_at": _("This cannot be changed after creation.")})
        attrs.pop("received_at", None)
        return attrs
