"""The one place the coverage engine hears from the apps below it, which do not import it: the receivers of their
signals, connected in ``CountingConfig.ready``.

The engine (``counting.services``) decides what to recompute and when; the senders only say which drafts moved.
Receivers run synchronously inside the sender's transaction, so a save and its dirty mark commit (or roll back)
together.
"""

from . import services
from .models import PolicySnapshot


def drafts_changed(draft_ids, **kwargs):
    """``drafts.signals.drafts_changed``: the drafts are recorded as dirty in the writing transaction, the recompute
    runs after commit (at once in eager mode)."""
    ids = sorted({int(i) for i in draft_ids if i is not None})
    if not ids:
        return
    services.schedule_recompute_for_drafts(ids)


def targets_changed(**kwargs):
    """``directives.signals.targets_changed``: a directive, requirement or yearly target changed; target results are
    rewritten after commit."""
    services.schedule_targets_refresh()


def counted_years(draft, **kwargs) -> set[int]:
    """``drafts.signals.draft_counted_years``: the years the engine's stored results count the draft in."""
    return set(PolicySnapshot.objects.filter(draft_id=draft.pk, year__isnull=False).values_list("year", flat=True))
