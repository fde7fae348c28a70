"""The counting rule, version 1 (``shared/domain.md``), for one draft at a time.

This module is pure: it takes plain values and returns plain values, so the per-draft view, the tests and
the set-based engine's cross-check all share exactly one reading of the rule. Decisions where the rule is
silent are written down in ``docs/counting-rule.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from django.utils.translation import gettext as _

PROPOSAL = "proposal"
DRAFT = "draft"

# Policy statuses.
COMMUNICATED = "communicated"
NOT_COMMUNICATED = "not_communicated"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
WAITING = "waiting"  # in progress, current phase has no activity yet but is within the grace period
NOT_STARTED = "not_started"  # in progress, the proposal consultation has not begun
WITHDRAWN = "withdrawn"

FINAL_STATUSES = (COMMUNICATED, NOT_COMMUNICATED)
IN_PROGRESS_STATUSES = (ON_TRACK, AT_RISK, WAITING, NOT_STARTED)

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

    if withdrawn:
        return PolicyResult(policy_id, WITHDRAWN, _("The draft was withdrawn; its policies are not counted."), phases, counts)

    if a is not None:
        missing = [p for p in phases if counts[p.key] == 0]
        if not missing:
            reason = _("Communicated: %(list)s.") % {
                "list": "; ".join(
                    _("%(n)d activities in the %(phase)s (%(span)s)")
                    % {"n": counts[p.key], "phase": p.label(), "span": p.span()}
                    for p in phases
                )
            }
            return PolicyResult(policy_id, COMMUNICATED, reason, phases, counts)
        parts = []
        for p in missing:
            if p.is_empty:
                parts.append(
                    _("the %(phase)s has no days (it ends before it starts, %(span)s)")
                    % {"phase": p.label(), "span": p.span()}
                )
            else:
                parts.append(_("no activity in the %(phase)s (%(span)s)") % {"phase": p.label(), "span": p.span()})
        reason = _("Not communicated: %(list)s.") % {"list": "; ".join(parts)}
        return PolicyResult(policy_id, NOT_COMMUNICATED, reason, phases, counts)

    # Not adopted: in progress, judged on the current phase only.
    if today < s:
        return PolicyResult(
            policy_id,
            NOT_STARTED,
            _("In progress: the proposal consultation starts on %(s)s.") % {"s": fmt(s)},
            phases,
            counts,
        )
    current = phases[-1] if (d is not None and today >= d) else phases[0]
    result = PolicyResult(policy_id, ON_TRACK, "", phases, counts, current)
    if counts[current.key] > 0:
        result.reason = _("In progress, on track: %(n)d activities in the current %(phase)s (since %(start)s).") % {
            "n": counts[current.key],
            "phase": current.label(),
            "start": fmt(current.first_day),
        }
        return result
    days_open = (today - current.first_day).days
    if days_open > at_risk_after_days:
        result.status = AT_RISK
        result.reason = _(
            "At risk: no activity in the current %(phase)s, which began on %(start)s (%(days)d days ago)."
        ) % {"phase": current.label(), "start": fmt(current.first_day), "days": days_open}
    else:
        result.status = WAITING
        result.reason = _(
            "In progress: no activity yet in the current %(phase)s, which began on %(start)s (%(days)d days ago)."
        ) % {"phase": current.label(), "start": fmt(current.first_day), "days": days_open}
    return result


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
