"""The comment window and phases follow the counting rule's window (domain.md), both ends included."""

import datetime as dt

from consultation import rules
from consultation.models import Phase
from drafts.models import Draft, DraftStatus

S, D, A = dt.date(2026, 3, 1), dt.date(2026, 6, 1), dt.date(2026, 9, 30)


def _draft(**milestones):
    fields = {"proposal_consultation_start": S, "status": DraftStatus.PROPOSAL_CONSULTATION, **milestones}
    return Draft(title="x", **fields)


def test_the_window_runs_from_s_to_a_both_included():
    draft = _draft(draft_consultation_start=D, adopted_on=A)
    assert rules.open_phase(draft, S - dt.timedelta(days=1)) is None
    assert rules.open_phase(draft, S) == Phase.PROPOSAL
    assert rules.open_phase(draft, D - dt.timedelta(days=1)) == Phase.PROPOSAL
    assert rules.open_phase(draft, D) == Phase.DRAFT
    assert rules.open_phase(draft, A) == Phase.DRAFT
    assert rules.open_phase(draft, A + dt.timedelta(days=1)) is None


def test_without_d_the_proposal_phase_runs_to_a_and_without_a_it_stays_open():
    assert rules.open_phase(_draft(adopted_on=A), A) == Phase.PROPOSAL
    assert rules.open_phase(_draft(), dt.date(2030, 1, 1)) == Phase.PROPOSAL


def test_a_withdrawn_draft_takes_no_comment():
    assert rules.open_phase(_draft(status=DraftStatus.WITHDRAWN), S) is None


def test_the_announced_end_gives_the_days_left_but_does_not_close_the_window():
    draft = _draft(proposal_consultation_end=dt.date(2026, 3, 10))
    assert rules.days_left(draft, Phase.PROPOSAL, dt.date(2026, 3, 10)) == 1
    assert rules.days_left(draft, Phase.PROPOSAL, dt.date(2026, 3, 1)) == 10
    assert rules.days_left(draft, Phase.PROPOSAL, dt.date(2026, 3, 11)) is None
    assert rules.open_phase(draft, dt.date(2026, 3, 11)) == Phase.PROPOSAL


def test_overdue_after_the_phase_closed_plus_the_grace_period():
    draft = _draft(draft_consultation_start=D, adopted_on=A)
    closes = D - dt.timedelta(days=1)
    assert rules.phase_closes_on(draft, Phase.PROPOSAL) == closes
    assert not rules.is_overdue(draft, Phase.PROPOSAL, closes + dt.timedelta(days=10), 10)
    assert rules.is_overdue(draft, Phase.PROPOSAL, closes + dt.timedelta(days=11), 10)
    assert not rules.is_overdue(_draft(), Phase.PROPOSAL, dt.date(2030, 1, 1), 10)
