"""The counting rule, case by case (``shared/domain.md``, version 1). Pure: no database."""

import datetime as dt

import pytest

from drafts import counting as c

S = dt.date(2024, 2, 1)
D = dt.date(2024, 5, 1)
A = dt.date(2024, 9, 30)
TODAY = dt.date(2026, 11, 21)


def act(day, status="done", policies=()):
    return c.ActivityFact(date=day, status=status, policy_ids=frozenset(policies))


def status(activities, *, s=S, d=D, a=A, pid=1, today=TODAY, withdrawn=False):
    return c.evaluate_policy(policy_id=pid, s=s, d=d, a=a, activities=activities, today=today, withdrawn=withdrawn)


def test_window_with_d_has_two_phases_split_at_d():
    proposal, draft = c.window(S, D, A)
    assert (proposal.first_day, proposal.last_day) == (S, D - dt.timedelta(days=1))
    assert (draft.first_day, draft.last_day) == (D, A)


def test_window_without_d_is_one_proposal_phase_to_a():
    (proposal,) = c.window(S, None, A)
    assert (proposal.key, proposal.first_day, proposal.last_day) == (c.PROPOSAL, S, A)


def test_one_activity_in_each_phase_is_communicated():
    r = status([act(S), act(D)])
    assert r.status == c.COMMUNICATED
    assert r.counts_by_phase == {c.PROPOSAL: 1, c.DRAFT: 1}


def test_activity_on_s_counts_for_proposal_phase():
    assert status([act(S)], d=None).status == c.COMMUNICATED


def test_activity_on_d_counts_for_draft_phase_not_proposal():
    r = status([act(D)])
    assert r.status == c.NOT_COMMUNICATED
    assert r.counts_by_phase == {c.PROPOSAL: 0, c.DRAFT: 1}
    assert "01/02/2024–30/04/2024" in r.reason


def test_activity_the_day_before_d_counts_for_proposal_phase():
    r = status([act(D - dt.timedelta(days=1)), act(A)])
    assert r.status == c.COMMUNICATED


def test_activity_on_a_counts_for_last_phase():
    assert status([act(S), act(A)]).status == c.COMMUNICATED
    assert status([act(A)], d=None).status == c.COMMUNICATED


def test_activity_before_s_does_not_count():
    r = status([act(S - dt.timedelta(days=1))], d=None)
    assert r.status == c.NOT_COMMUNICATED
    assert r.reason.endswith("(01/02/2024–30/09/2024).")


def test_activity_after_a_does_not_count():
    r = status([act(S), act(A + dt.timedelta(days=1))])
    assert r.status == c.NOT_COMMUNICATED
    assert "30/09/2024" in r.reason


@pytest.mark.parametrize("state", ["planned", "cancelled"])
def test_planned_and_cancelled_activities_never_count(state):
    assert status([act(S, state), act(D, state)]).status == c.NOT_COMMUNICATED


def test_activity_naming_no_policy_covers_every_policy():
    results = c.evaluate_draft(s=S, d=None, a=A, policy_ids=[1, 2, 3], activities=[act(S)], today=TODAY)
    assert {r.status for r in results.values()} == {c.COMMUNICATED}


def test_activity_naming_policies_covers_only_those():
    results = c.evaluate_draft(s=S, d=None, a=A, policy_ids=[1, 2], activities=[act(S, policies=[2])], today=TODAY)
    assert results[1].status == c.NOT_COMMUNICATED
    assert results[2].status == c.COMMUNICATED


def test_both_phases_missing_names_both():
    r = status([])
    assert r.status == c.NOT_COMMUNICATED
    assert "proposal phase (01/02/2024–30/04/2024)" in r.reason
    assert "draft phase (01/05/2024–30/09/2024)" in r.reason


def test_reason_is_one_sentence():
    r = status([act(S)])
    assert r.reason.count(".") == 1 and r.reason.endswith(".")


def test_s_equal_d_leaves_an_empty_proposal_phase_that_can_never_be_satisfied():
    # Literal reading: the proposal phase is S ≤ date < D, which has no days when S = D.
    r = status([act(S)], d=S)
    assert r.status == c.NOT_COMMUNICATED
    assert "has no days" in r.reason


def test_d_equal_a_gives_a_one_day_draft_phase():
    r = status([act(S), act(A)], d=A)
    assert r.status == c.COMMUNICATED


def test_withdrawn_draft_is_withdrawn_whatever_its_activities():
    assert status([act(S), act(D)], withdrawn=True).status == c.WITHDRAWN


class TestInProgress:
    def test_not_started_before_s(self):
        r = status([], a=None, d=None, today=S - dt.timedelta(days=1))
        assert r.status == c.NOT_STARTED

    def test_on_track_when_current_phase_has_an_activity(self):
        r = status([act(S)], a=None, d=None, today=S + dt.timedelta(days=40))
        assert r.status == c.ON_TRACK

    def test_waiting_within_threshold(self):
        r = status([], a=None, d=None, today=S + dt.timedelta(days=14))
        assert r.status == c.WAITING

    def test_at_risk_after_threshold(self):
        r = status([], a=None, d=None, today=S + dt.timedelta(days=15))
        assert r.status == c.AT_RISK
        assert "15" in r.reason

    def test_current_phase_is_draft_phase_once_d_has_passed(self):
        # The proposal phase had an activity, but the draft phase (current) has none for 20 days.
        r = status([act(S)], a=None, today=D + dt.timedelta(days=20))
        assert r.current_phase.key == c.DRAFT
        assert r.status == c.AT_RISK

    def test_before_d_the_proposal_phase_is_current(self):
        r = status([act(S)], a=None, today=D - dt.timedelta(days=1))
        assert r.current_phase.key == c.PROPOSAL
        assert r.status == c.ON_TRACK

    def test_missed_when_the_proposal_phase_closed_empty_whatever_the_draft_phase_holds(self):
        """Rule 1.1: once D has passed, a proposal phase with no counting activity can no longer be made good by the
        draft phase; the policy is missed, not on track."""
        r = status([act(D)], a=None, today=D + dt.timedelta(days=3))
        assert r.status == c.MISSED
        assert status([], a=None, today=D).status == c.MISSED  # from D itself: the phase closed the day before

    def test_missed_only_once_the_phase_closed(self):
        assert status([], a=None, today=D - dt.timedelta(days=1)).status == c.AT_RISK

    def test_an_activity_of_the_closed_phase_recorded_late_lifts_missed(self):
        late = status([act(S + dt.timedelta(days=10)), act(D)], a=None, today=D + dt.timedelta(days=3))
        assert late.status == c.ON_TRACK

    def test_a_planned_activity_in_the_closed_phase_does_not_lift_missed(self):
        assert status([act(S, status="planned")], a=None, today=D + dt.timedelta(days=3)).status == c.MISSED

    def test_missed_is_listed_before_at_risk(self):
        assert c.IN_PROGRESS_STATUSES.index(c.MISSED) < c.IN_PROGRESS_STATUSES.index(c.AT_RISK)

    def test_adopted_policies_are_unchanged_by_rule_1_1(self):
        assert status([act(D)]).status == c.NOT_COMMUNICATED

    def test_threshold_is_a_setting(self):
        r = c.evaluate_policy(
            policy_id=1, s=S, d=None, a=None, activities=[], today=S + dt.timedelta(days=5), at_risk_after_days=3
        )
        assert r.status == c.AT_RISK


class TestReasons:
    """The sentences quote no counts: one activity and many read the same."""

    def test_communicated_in_two_phases(self):
        assert status([act(S), act(S), act(D)]).reason == (
            "Communicated: at least one activity in the proposal phase (01/02/2024–30/04/2024) "
            "and in the draft phase (01/05/2024–30/09/2024)."
        )

    def test_communicated_in_one_phase(self):
        one = status([act(S)], d=None).reason
        assert one == "Communicated: at least one activity in the proposal phase (01/02/2024–30/09/2024)."
        assert status([act(S), act(A)], d=None).reason == one

    def test_not_communicated_names_only_the_missing_phase(self):
        assert status([act(S)]).reason == "Not communicated: no activity in the draft phase (01/05/2024–30/09/2024)."

    def test_on_track(self):
        r = status([act(S), act(D), act(D)], a=None, today=D + dt.timedelta(days=3))
        assert r.reason == "In progress, on track: the current draft phase (since 01/05/2024) already has an activity."

    def test_missed_names_the_closed_phase_and_its_dates(self):
        r = status([act(D)], a=None, today=D + dt.timedelta(days=3))
        assert r.reason == (
            "Missed: the proposal phase (01/02/2024–30/04/2024) closed with no activity; the policy can be "
            "communicated only if an activity of that phase is still recorded."
        )

    def test_waiting_and_not_started(self):
        assert status([], a=None, d=None, today=S + dt.timedelta(days=2)).reason == (
            "In progress: no activity yet in the current proposal phase, which began on 01/02/2024 (2 days ago)."
        )
        assert status([], a=None, d=None, today=S - dt.timedelta(days=1)).reason == (
            "In progress: the proposal consultation starts on 01/02/2024."
        )

    def test_explain_is_what_evaluate_policy_says(self):
        for acts, kwargs in [([act(S)], {}), ([], {"a": None}), ([act(D)], {"a": None, "today": D})]:
            r = status(acts, **kwargs)
            has = {key: n > 0 for key, n in r.counts_by_phase.items()}
            today = kwargs.get("today", TODAY)
            assert c.explain(status=r.status, phases=r.phases, has_activity=has, today=today) == r.reason

    def test_unknown_status_is_refused(self):
        with pytest.raises(ValueError):
            c.explain(status="lost", phases=c.window(S, D, None), has_activity={}, today=TODAY)
