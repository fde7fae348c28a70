"""REST API views: thin viewsets over the selectors (reads) and the write services (writes).

Scope follows the pages (``accounts.scope``): lists and lookups only reach the caller's read scope, so anything
outside it answers 404; an object in read scope that the caller may not edit answers 403 on writes.
"""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions, permissions, viewsets
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from accounts import scope
from accounts.models import EDIT_ROLES, MANAGE_ROLES
from campaigns import services as campaign_services
from campaigns.models import Activity
from consultation import answering
from consultation import services as consultation_services
from consultation.models import Comment
from counting.selectors import coverage_for
from drafts import services as draft_services
from drafts.models import Draft, Policy
from organizations import services as organization_services
from organizations.models import Organization
from organizations.selectors import organizations_visible_to

from . import filters, serializers


def _drf_validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    """A service's ValidationError as a DRF 400 with the same field errors (``__all__`` → non_field_errors)."""
    if hasattr(exc, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
    return exceptions.ValidationError(detail)


class Conflict(exceptions.APIException):
    """409: the request is valid but the record's state forbids it (a draft that counts cannot be deleted)."""

    status_code = 409
    default_detail = _lazy("The request conflicts with the record's current state.")
    default_code = "conflict"


class BodyTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "body_too_large"


class ApiView:
    """Every API view reports a service's Django ValidationError as a 400 with field errors.

    (DRF views authenticate themselves, token or session, and already opt out of LoginRequiredMiddleware.)"""

    def initial(self, request, *args, **kwargs):
        # DRF parses a JSON body from the stream, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE check: refuse a body over
        # the declared limit before anything reads it.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.API_MAX_BODY_BYTES:
            raise BodyTooLarge(
                _("The request body is larger than %(limit)s bytes.") % {"limit": f"{settings.API_MAX_BODY_BYTES:,}"}
            )
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError):
            exc = _drf_validation_error(exc)
        elif isinstance(exc, Http404):
            # get_object_or_404's "No Draft matches the given query." is English whatever the request's language.
            exc = exceptions.NotFound()
        elif isinstance(exc, exceptions.ParseError) and "json" in (self.request.content_type or ""):
            # DRF's "JSON parse error - <the parser's English message>"
            exc = exceptions.ParseError(_("The request body is not valid JSON."))
        return super().handle_exception(exc)


class ScopedWrite(permissions.BasePermission):
    """Creating needs one of the view's ``create_roles`` somewhere; changing an object needs ``view.can_write``.

    Which organization a new record goes to is checked by the serializer (a 400 on that field).
    """

    def has_permission(self, request, view):
        if request.method == "POST":
            return scope.has_any_role(request.user, view.create_roles)
        return True

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or view.can_write(obj)


class ScopedModelViewSet(ApiView, viewsets.ModelViewSet):
    permission_classes = [permissions.IsAuthenticated, ScopedWrite]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    create_roles = EDIT_ROLES

    def can_write(self, obj) -> bool:
        raise NotImplementedError

    @property
    def actor(self):
        return self.request.user


class OrganizationViewSet(ScopedModelViewSet):
    """Organizations in the caller's scope, looked up by code. Only portal admins (over the parent) or superusers
    write."""

    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilter
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    ordering_fields = ["code", "name", "kind", "path"]
    create_roles = MANAGE_ROLES

    def get_queryset(self):
        return organizations_visible_to(self.request.user).select_related("parent")

    def can_write(self, obj):
        if obj.parent_id is None:
            return self.request.user.is_superuser
        return scope.can_manage(self.request.user, obj.parent)

    def perform_create(self, serializer):
        serializer.instance = organization_services.organization_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = organization_services.organization_update(
            organization=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        organization_services.organization_delete(organization=instance, actor=self.actor)


class DraftViewSet(ScopedModelViewSet):
    serializer_class = serializers.DraftSerializer
    filterset_class = filters.DraftFilter
    ordering_fields = ["id", "title", "proposal_consultation_start", "adopted_on", "status", "updated_at"]

    def get_queryset(self):
        return Draft.objects.visible_to(self.request.user).select_related("drafting_organization")

    def can_write(self, obj):
        return scope.can_edit(self.request.user, obj.drafting_organization)

    def perform_create(self, serializer):
        serializer.instance = draft_services.draft_create(actor=self.actor, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = draft_services.draft_update(
            draft=serializer.instance, actor=self.actor, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        try:
            draft_services.draft_delete(draft=instance, actor=self.actor)
        except draft_services.DraftDeleteRefused as refused:
            raise Conflict(refused.message, code="draft_counts") from refused


class PolicyViewSet(ScopedModelViewSet):
    serializer_class = serializers.PolicySerializer
    filterset_class = filters.PolicyFilter
    ordering_fields = ["id", "draft", "position", "title"]

    def get_queryset(self):
        return Policy.objects.visible_to(self.request.user).select_related("draft__drafting_organization")

    def can_write(self, obj):
        return scope.can_edit(self.request.user, obj.draft.drafting_organization)

    def perform_create(self, serializer):
        serializer.instance = draft_services.policy_create(actor=self.actor, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = draft_services.policy_update(
            policy=serializer.instance, actor=self.actor, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        draft_services.policy_delete(policy=instance, actor=self.actor)


class ActivityViewSet(ScopedModelViewSet):
    serializer_class = serializers.ActivitySerializer
    filterset_class = filters.ActivityFilter
    ordering_fields = ["id", "date", "status", "channel", "title"]

    def get_queryset(self):
        return (
            Activity.objects.visible_to(self.request.user)
            .select_related("draft__drafting_organization")
            .prefetch_related("policies")
        )

    def can_write(self, obj):
        return scope.can_edit(self.request.user, obj.draft.drafting_organization)

    def perform_create(self, serializer):
        serializer.instance = campaign_services.activity_create(actor=self.actor, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = campaign_services.activity_update(
            activity=serializer.instance, actor=self.actor, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        campaign_services.activity_delete(activity=instance, actor=self.actor)


class CommentViewSet(ScopedModelViewSet):
    """Comments (góp ý) in the caller's scope. POST records a comment that came through another channel (a written
    reply, a meeting, a letter, an e-mail, the press): published at once, in the phase of the day it was received.
    PATCH links it (policy, provision, activity), answers it (decision, response: on a comment that is not grouped),
    groups it under a representative (group) or corrects a recorded comment's text, source and submitter. Comments
    are never deleted; moderation is done on the portal's pages."""

    serializer_class = serializers.CommentSerializer
    filterset_class = filters.CommentFilter
    ordering_fields = ["id", "received_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return Comment.objects.visible_to(self.request.user).select_related("draft__drafting_organization", "group")

    def can_write(self, obj):
        return scope.can_edit(self.request.user, obj.draft.drafting_organization)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        draft, source = data.pop("draft"), data.pop("source")
        serializer.instance = consultation_services.comment_record(
            draft=draft, actor=self.actor, source=source, **data
        )

    @transaction.atomic
    def perform_update(self, serializer):
        comment, data = serializer.instance, serializer.validated_data
        changed = {
            name: data[name]
            for name in sorted(answering.LINK_FIELDS | answering.RECORDED_FIELDS)
            if name in data and data[name] != getattr(comment, name)
        }
        if changed:
            comment = answering.comment_update(comment=comment, actor=self.actor, **changed)
        if "group" in data and data["group"] != comment.group:
            representative = data["group"]
            if representative is None:
                comment = answering.comment_ungroup(comment=comment, actor=self.actor)
            else:
                if not scope.can_edit(self.actor, representative.draft.drafting_organization):
                    raise exceptions.PermissionDenied()
                answering.comment_group(representative=representative, members=[comment], actor=self.actor)
            comment = Comment.objects.select_related("group").get(pk=comment.pk)
        if "decision" in data or "response" in data:
            answer = answering.representative_of(comment)
            decision = data.get("decision", answer.decision or None)
            response = data.get("response", answer.response)
            if decision is None:
                if answer.decision or response:
                    raise exceptions.ValidationError(
                        {"decision": [_("Choose a decision; an answer is changed, never withdrawn.")]}
                    )
            elif (decision, response) != (answer.decision, answer.response):
                answering.comment_answer(comment=comment, actor=self.actor, decision=decision, response=response)
        serializer.instance = self.get_queryset().get(pk=comment.pk)


class CoverageView(ApiView, APIView):
    """Annual coverage of an organization's subtree under the counting rule."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("organization", str, required=True, description=_("Organization code.")),
            OpenApiParameter("year", int, required=True, description=_("Year of adoption (YYYY).")),
        ],
        responses=serializers.CoverageSerializer,
    )
    def get(self, request):
        query = serializers.CoverageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        code = query.validated_data["organization"]
        organization = Organization.objects.filter(code=code).first()
        # An unknown code and one outside the caller's scope answer the same 404, so the API does not tell which
        # codes exist.
        if organization is None or not scope.can_read(request.user, organization):
            raise exceptions.NotFound()
        figures = coverage_for(organization, query.validated_data["year"])
        return Response(serializers.CoverageSerializer(figures).data)


class SchemaView(ApiView, SpectacularAPIView):
    pass


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI served from our static files (drf-spectacular-sidecar); the init script is a separate request,
    so ``script-src 'self'`` holds. Swagger UI sets inline styles, which only this page allows.

    A page for people: an anonymous visitor is sent to the login page like everywhere else in the portal."""

    template_name = "api/swagger_ui.html"
    url_name = "api:schema"

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.login_required = True  # DRF opts out of LoginRequiredMiddleware; this page is for people
        return view

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        )
        return response
