"""The head's text of the annual report and its sign-off: a frozen copy of the report, one new version each time."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts import scope
from organizations.models import Organization

from .builder import build_annual_report
from .models import ReportText, SignOff
from .types import report_to_dict


@transaction.atomic
def report_text_save(*, organization, year, actor, difficulties, recommendations) -> ReportText:
    if not scope.can_sign_off(actor, organization):
        raise PermissionDenied
    text, _created = ReportText.objects.get_or_create(organization=organization, year=year)
    text.difficulties = difficulties
    text.recommendations = recommendations
    text.updated_by = actor
    text.full_clean()
    text.save()
    return text


@transaction.atomic
def signoff_create(*, organization, year, actor) -> SignOff:
    """Freeze the current report as a new version. Earlier versions stay as they were."""
    if not scope.can_sign_off(actor, organization):
        raise PermissionDenied
    # Serialise concurrent sign-offs of the same organization so version numbers never collide.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    report = build_annual_report(organization=organization, year=year)
    report.signer_name = str(actor)
    last = SignOff.objects.for_report(organization, year).order_by("-version").values_list("version", flat=True).first()
    signoff = SignOff(
        organization=organization,
        year=year,
        version=(last or 0) + 1,
        data=report_to_dict(report),
        signed_by=actor,
    )
    signoff.full_clean()
    signoff.save()
    return signoff
