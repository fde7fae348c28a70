"""drafts/timeline.py: the window's geometry and each policy's coverage explanation. No database needed."""

import datetime as dt
from types import SimpleNamespace

from drafts import counting
from drafts.timeline import MARGIN, WIDTH, build_timeline, policy_rows

from .conftest import A, D, S

TODAY = dt.date(2024, 11, 1)


def make_draft(s=S, d=D, a=A, withdrawn=False):
    return SimpleNamespace(
        proposal_consultation_start=s, draft_consultation_start=d, adopted_on=a, is_withdrawn=withdrawn
    )


def activity(pk, day, status="done"):
    return SimpleNamespace(pk=pk, date=day, status=status)


def test_phases_split_at_d_and_fill_the_axis():
    timeline = build_timeline(make_draft(), [], today=TODAY)
    proposal, draft = timeline.phases
    assert (proposal.key, draft.key) == ("proposal", "draft")
    assert proposal.x == MARGIN
    assert proposal.x + proposal.width == draft.x  # D starts where the proposal phase ends
    assert round(draft.x + draft.width) == WIDTH - MARGIN
    assert not draft.is_open
    assert [t.label for t in timeline.ticks] == ["S 01/02/2024", "D 01/05/2024", "A 30/09/2024"]


def test_open_window_runs_to_today():
    timeline = build_timeline(make_draft(a=None), [], today=TODAY)
    assert timeline.phases[-1].is_open
    assert timeline.last_day == TODAY
    assert timeline.ticks[-1].label == "today 01/11/2024"


def test_markers_placed_by_date_with_phase_and_counting():
    acts = [
        activity(1, dt.date(2024, 1, 10)),  # before S
        activity(2, dt.date(2024, 3, 1)),
        activity(3, dt.date(2024, 6, 1), "planned"),
        activity(4, dt.date(2024, 6, 1), "done"),
    ]
    timeline = build_timeline(make_draft(), acts, today=TODAY)
    by_pk = {m.activity.pk: m for m in timeline.markers}
    assert by_pk[1].x < timeline.phases[0].x  # the axis starts early enough to show it
    assert (by_pk[1].phase_label, by_pk[1].counts) == ("outside the window", False)
    assert (by_pk[2].phase_label, by_pk[2].counts) == ("Proposal phase", True)
    assert (by_pk[3].phase_label, by_pk[3].counts) == ("Draft phase", False)
    assert by_pk[3].x == by_pk[4].x and by_pk[3].y != by_pk[4].y  # same day: stacked, not overlapping
    assert timeline.summary == {"done": 3, "planned": 1, "cancelled": 0}


def test_policy_rows_explain_why_a_policy_is_not_counted():
    draft = make_draft(withdrawn=True)
    policy = SimpleNamespace(pk=7, high_impact=True, in_scope=False)
    evaluation = counting.evaluate_draft(
        s=S, d=D, a=A, policy_ids=[7], activities=[], today=TODAY, withdrawn=True
    )
    (row,) = policy_rows(draft, [policy], evaluation)
    assert row.status_label == "Withdrawn"
    assert not row.countable
    assert row.not_counted_because == ["it is outside the Scheme's scope", "the draft was withdrawn"]
    assert [(label, n) for label, _span, n in row.phase_counts] == [("Proposal phase", 0), ("Draft phase", 0)]
