"""What the sign-offs answer the apps below, which do not import this app: receivers connected in
``ReportsConfig.ready``."""

from .models import SignOff


def signed_off_years(draft, years, **kwargs) -> set[int]:
    """``drafts.signals.draft_signed_off_years``: those of ``years`` signed off for the draft's drafting organization
    or an organization above it (a protected delete, ``drafts.services.draft_delete_blockers``)."""
    return set(
        SignOff.objects.filter(
            organization_id__in=draft.drafting_organization.ancestor_ids(), year__in=years
        ).values_list("year", flat=True)
    )
