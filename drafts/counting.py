"""The counting rule, version 1.1 (``shared/domain.md``), for one draft at a time.

This module is pure: it takes plain values and returns plain values, so the per-draft view, the tests and
the set-based engine's cross-check all share exactly one reading of the rule. Decisions where the rule is
silent are written down in ``docs/counting-rule.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from django.utils.translation import gettext as _

PROPOSAL = "proposal"
DRAFT = "draft"

# Policy statuses.
COMMUNICATED = "communicated"
NOT_COMMUNICATED = "not_communicated"
ON_TRACK = "on_track"
MISSED = "missed"  # in progress, but the proposal phase closed (D passed) with no counting activity (rule 1.1)
AT_RISK = "at_risk"
WAITING = "waiting"  # in progress, current phase has no activity yet but is within the grace period
NOT_STARTED = "not_started"  # in progress, the proposal consultation has not begun
WITHDRAWN = "withdrawn"

FINAL_STATUSES = (COMMUNICATED, NOT_COMMUNICATED)
# In the order lists show them: missed before at risk (rule 1.1).
IN_PROGRESS_STATUSES = (MISSED, AT_RISK, WAITING, ON_TRACK, NOT_STARTED)

ACTIVITY_DONE = "done"


def fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Phase:
    """One phase of a communication window. ``last_day`` is inclusive; None means still open."""

    key: str
    first_day: dt.date
    last_day: dt.date | None

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day and (self.last_day is None or day <= self.last_day)

    @property
    def is_empty(self) -> bool:
        return self.last_day is not None and self.last_day < self.first_day

    def label(self) -> str:
        return _("proposal phase") if self.key == PROPOSAL else _("draft phase")

    def span(self) -> str:
        if self.last_day is None:
            return _("from %(start)s") % {"start": fmt(self.first_day)}
        return f"{fmt(self.first_day)}–{fmt(self.last_day)}"


def window(s: dt.date, d: dt.date | None, a: dt.date | None) -> list[Phase]:
    """The phases of a draft's window.

    proposal: S ≤ date < D when D is set, otherwise S ≤ date ≤ A; draft (only with D): D ≤ date ≤ A.
    With A unset the last phase is open-ended.
    """
    if d is not None:
        return [Phase(PROPOSAL, s, d - dt.timedelta(days=1)), Phase(DRAFT, d, a)]
    return [Phase(PROPOSAL, s, a)]


@dataclass(frozen=True)
class ActivityFact:
    date: dt.date
    status: str
    policy_ids: frozenset[int] = frozenset()  # empty: covers every policy of the draft


@dataclass
class PolicyResult:
    policy_id: int
    status: str
    reason: str
    phases: list[Phase] = field(default_factory=list)
    counts_by_phase: dict[str, int] = field(default_factory=dict)
    current_phase: Phase | None = None

    @property
    def is_communicated(self) -> bool:
        return self.status == COMMUNICATED


def counting_dates(activities: Iterable[ActivityFact], policy_id: int) -> list[dt.date]:
    """Dates of the activities that can count for this policy: done, and covering it (or naming none)."""
    return [
        a.date
        for a in activities
        if a.status == ACTIVITY_DONE and (not a.policy_ids or policy_id in a.policy_ids)
    ]


def current_phase(phases: list[Phase], today: dt.date) -> Phase:
    """The phase a draft not yet adopted is judged on: the draft phase once today ≥ D, else the proposal phase."""
    return phases[-1] if len(phases) > 1 and today >= phases[-1].first_day else phases[0]


def explain(*, status: str, phases: list[Phase], has_activity: Mapping[str, bool], today: dt.date) -> str:
    """The one-sentence reason for a status, from whether each phase has a counting activity (never how many).

    The only place the sentences are built: ``evaluate_policy`` and ``counting.reasons`` (snapshots, read in the
    reader's language) both call it, so the per-draft page and the dashboards say the same words.
    """
    if status == WITHDRAWN:
        return _("The draft was withdrawn; its policies are not counted.")
    if status == COMMUNICATED:
        if len(phases) == 1:
            (only,) = phases
            return _("Communicated: at least one activity in the %(phase)s (%(span)s).") % {
                "phase": only.label(),
                "span": only.span(),
            }
        first, second = phases
        return _(
            "Communicated: at least one activity in the %(first)s (%(first_span)s) "
            "and in the %(second)s (%(second_span)s)."
        ) % {"first": first.label(), "first_span": first.span(), "second": second.label(), "second_span": second.span()}
    if status == NOT_COMMUNICATED:
        parts = []
        for p in phases:
            if has_activity.get(p.key):
                continue
            if p.is_empty:
                parts.append(
                    _("the %(phase)s has no days (it ends before it starts, %(span)s)")
                    % {"phase": p.label(), "span": p.span()}
                )
            else:
                parts.append(_("no activity in the %(phase)s (%(span)s)") % {"phase": p.label(), "span": p.span()})
        return _("Not communicated: %(list)s.") % {"list": "; ".join(parts)}
    if status == NOT_STARTED:
        return _("In progress: the proposal consultation starts on %(s)s.") % {"s": fmt(phases[0].first_day)}

    if status == MISSED:
        closed = phases[0]
        return _(
            "Missed: the %(phase)s (%(span)s) closed with no activity; the policy can be communicated only if an "
            "activity of that phase is still recorded."
        ) % {"phase": closed.label(), "span": closed.span()}
    current = current_phase(phases, today)
    if status == ON_TRACK:
        return _("In progress, on track: the current %(phase)s (since %(start)s) already has an activity.") % {
            "phase": current.label(),
            "start": fmt(current.first_day),
        }
    values = {"phase": current.label(), "start": fmt(current.first_day), "days": (today - current.first_day).days}
    if status == AT_RISK:
        return _("At risk: no activity in the current %(phase)s, which began on %(start)s (%(days)d days ago).") % values
    if status == WAITING:
        return _(
            "In progress: no activity yet in the current %(phase)s, which began on %(start)s (%(days)d days ago)."
        ) % values
    raise ValueError(f"unknown status {status!r}")


def evaluate_policy(
    *,
    policy_id: int,
    s: dt.date,
    d: dt.date | None,
    a: dt.date | None,
    activities: Iterable[ActivityFact],
    today: dt.date,
    at_risk_after_days: int = 14,
    withdrawn: bool = False,
) -> PolicyResult:
    phases = window(s, d, a)
    dates = counting_dates(activities, policy_id)
    counts = {p.key: sum(1 for day in dates if p.contains(day)) for p in phases}
    has_activity = {key: n > 0 for key, n in counts.items()}
    current = None

    if withdrawn:
        status = WITHDRAWN
    elif a is not None:
        status = COMMUNICATED if all(has_activity.values()) else NOT_COMMUNICATED
    elif today < s:
        status = NOT_STARTED
    else:
        # Not adopted: in progress. A closed proposal phase with no counting activity is missed whatever the
        # current phase holds (rule 1.1); otherwise the policy is judged on the current phase only.
        current = current_phase(phases, today)
        if current.key == DRAFT and not has_activity[PROPOSAL]:
            status = MISSED
        elif has_activity[current.key]:
            status = ON_TRACK
        elif (today - current.first_day).days > at_risk_after_days:
            status = AT_RISK
        else:
            status = WAITING
    reason = explain(status=status, phases=phases, has_activity=has_activity, today=today)
    return PolicyResult(policy_id, status, reason, phases, counts, current)


def evaluate_draft(
    *,
    s: dt.date,
    d: dt.date | None,
    a: dt.date | None,
    policy_ids: Iterable[int],
    activities: Iterable[ActivityFact],
    today: dt.date,
    at_risk_after_days: int = 14,
    withdrawn: bool = False,
) -> dict[int, PolicyResult]:
    activities = list(activities)
    return {
        pid: evaluate_policy(
            policy_id=pid,
            s=s,
            d=d,
            a=a,
            activities=activities,
            today=today,
            at_risk_after_days=at_risk_after_days,
            withdrawn=withdrawn,
        )
        for pid in policy_ids
    }
