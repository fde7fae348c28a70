"""What the drafts app tells the apps above it, which it never imports (docs/architecture.md, "Layers").

Each signal is sent with ``sender`` the model class that was written or asked about.
"""

from django.dispatch import Signal

#: Sent by the write services of drafts, policies and activities inside their transaction, with ``draft_ids``: the
#: drafts whose figures may have moved. The coverage engine's receiver (``counting.hooks.drafts_changed``) records
#: them dirty in the same transaction and schedules the recompute after commit; a receiver that raises rolls the
#: save back.
drafts_changed = Signal()

#: Sent by ``drafts.services.draft_delete_blockers`` with ``draft``: each receiver returns the years the draft counts
#: in by the results it stores (the engine's snapshots).
draft_counted_years = Signal()

#: Sent by ``drafts.services.draft_delete_blockers`` with ``draft`` and ``years``: each receiver returns those of
#: ``years`` that were signed off for the draft's drafting organization or an organization above it.
draft_signed_off_years = Signal()
