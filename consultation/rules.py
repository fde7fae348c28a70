"""When a draft takes comments, and which phase a comment belongs to: the counting rule's window (domain.md,
"The counting rule" and "Public comments"), as pure functions of a draft's milestones and a day.

- proposal phase: S ≤ day < D when D is set, otherwise S ≤ day ≤ A;
- draft phase (only when D is set): D ≤ day ≤ A;
- the public may comment on any day of the window (from S until A, both included; no A yet: open), never on a
  withdrawn draft. The consultation end dates on the draft are shown as the days left, they do not close the
  window (docs/consultation.md).
"""

from __future__ import annotations

import datetime as dt

from drafts import counting
from drafts.models import DraftStatus

from .models import Phase

ONE_DAY = dt.timedelta(days=1)


def phase_on(draft, day: dt.date) -> str:
    """The phase a comment received on ``day`` belongs to (a comment recorded late still belongs to a phase): the
    counting rule's current phase on that day (``drafts.counting.current_phase``)."""
    phases = counting.window(draft.proposal_consultation_start, draft.draft_consultation_start, draft.adopted_on)
    return Phase(counting.current_phase(phases, day).key)


def open_phase(draft, day: dt.date) -> str | None:
    """The phase the public may comment in on ``day``, or None when the window is closed or not open yet."""
    if draft.status == DraftStatus.WITHDRAWN or day < draft.proposal_consultation_start:
        return None
    if draft.adopted_on and day > draft.adopted_on:
        return None
    return phase_on(draft, day)


def phase_closes_on(draft, phase: str) -> dt.date | None:
    """The last day of the phase, or None while it has no end yet (no D for the proposal phase, no A)."""
    if phase == Phase.PROPOSAL and draft.draft_consultation_start:
        return draft.draft_consultation_start - ONE_DAY
    return draft.adopted_on


def announced_end(draft, phase: str) -> dt.date | None:
    """The consultation end date the agency announced for the phase (shown as the days left), if any."""
    if phase == Phase.DRAFT:
        return draft.draft_consultation_end
    return draft.proposal_consultation_end


def days_left(draft, phase: str, day: dt.date) -> int | None:
    """Days from ``day`` to the announced end of the phase, both included; None when no end is announced or it
    has passed."""
    end = announced_end(draft, phase)
    if end is None or end < day:
        return None
    return (end - day).days + 1


def is_overdue(draft, phase: str, day: dt.date, grace_days: int) -> bool:
    """An unanswered comment of this phase is overdue: the phase closed more than ``grace_days`` days ago."""
    closes = phase_closes_on(draft, phase)
    return closes is not None and day > closes + dt.timedelta(days=grace_days)
