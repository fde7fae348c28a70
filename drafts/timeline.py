"""The draft page's picture of the counting rule: the window's phases on a time axis with each activity placed
at its date, and each policy's status with its reason. Geometry is computed here, in SVG user units, because the
Content-Security-Policy forbids inline styles; the template only copies numbers into x/y/width attributes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import counting

WIDTH = 1000
MARGIN = 24
BAND_TOP = 8
BAND_HEIGHT = 40
LANE_TOP = 66
LANE_STEP = 16
MAX_LANES = 4
MIN_GAP = 14  # markers closer than this move to the next lane
LABEL_ROW_STEP = 16
LABEL_CHAR_WIDTH = 7.5  # a generous width of one character of the 12 px tick label, in user units
LABEL_GAP = 8  # free space between two labels in one row
MIN_SPAN_DAYS = 30

STATUS_LABELS = {
    counting.COMMUNICATED: _("Communicated"),
    counting.NOT_COMMUNICATED: _("Not communicated"),
    counting.ON_TRACK: _("On track"),
    counting.MISSED: _("Missed the proposal consultation"),
    counting.AT_RISK: _("At risk"),
    counting.WAITING: _("Waiting for a first activity"),
    counting.NOT_STARTED: _("Not started"),
    counting.WITHDRAWN: _("Withdrawn"),
}
PHASE_LABELS = {counting.PROPOSAL: _("Proposal phase"), counting.DRAFT: _("Draft phase")}
ACTIVITY_STATUS_NOTES = {
    "done": _("counts when inside the window"),
    "planned": _("never counts until done"),
    "cancelled": _("never counts"),
}


def fmt(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


@dataclass
class PhaseBox:
    key: str
    label: str
    span: str
    x: float
    width: float
    is_open: bool

    @property
    def label_x(self) -> float:
        return round(self.x + 6, 1)

    @property
    def shows_label(self) -> bool:
        return self.width >= 150


@dataclass
class Marker:
    activity: object
    x: float
    y: float
    phase_label: str
    counts: bool

    @property
    def stem(self) -> float:
        """How far up the guide line runs, from the marker to the phase band (negative: upwards)."""
        return BAND_TOP + BAND_HEIGHT - self.y


@dataclass
class Tick:
    label: str
    date: dt.date
    x: float
    y: float
    css: str

    @property
    def anchor(self) -> str:
        if self.x < 90:
            return "start"
        return "end" if self.x > WIDTH - 90 else "middle"

    @property
    def extent(self) -> tuple[float, float]:
        """The label's estimated left and right edges, from its length and anchor."""
        width = len(self.label) * LABEL_CHAR_WIDTH
        if self.anchor == "start":
            return self.x, self.x + width
        if self.anchor == "end":
            return self.x - width, self.x
        return self.x - width / 2, self.x + width / 2


@dataclass
class Timeline:
    phases: list[PhaseBox]
    markers: list[Marker]
    ticks: list[Tick]
    height: int
    first_day: dt.date
    last_day: dt.date
    width: int = WIDTH
    band_top: int = BAND_TOP
    band_height: int = BAND_HEIGHT
    band_bottom: int = BAND_TOP + BAND_HEIGHT
    summary: dict = field(default_factory=dict)


def phase_of(phases: list[counting.Phase], day: dt.date) -> counting.Phase | None:
    return next((p for p in phases if not p.is_empty and p.contains(day)), None)


def build_timeline(draft, activities, *, today: dt.date | None = None) -> Timeline:
    """Lay out the window of ``draft`` (counting.window(S, D, A)) and ``activities`` (sorted or not) on one axis."""
    today = today or timezone.localdate()
    s, d, a = draft.proposal_consultation_start, draft.draft_consultation_start, draft.adopted_on
    phases = counting.window(s, d, a)
    dates = [act.date for act in activities]
    first = min([s, *dates])
    # An open window runs to today (or to the last planned activity) so the current phase is visible.
    last = max([a or max(today, s), d or s, *dates])
    if (last - first).days < MIN_SPAN_DAYS:
        last = first + dt.timedelta(days=MIN_SPAN_DAYS)
    span = (last - first).days + 1
    inner = WIDTH - 2 * MARGIN

    def x_of(day: dt.date) -> float:
        return round(MARGIN + (day - first).days / span * inner, 1)

    boxes = []
    for phase in phases:
        if phase.is_empty:
            continue
        end = (phase.last_day or last) + dt.timedelta(days=1)
        boxes.append(
            PhaseBox(
                key=phase.key,
                label=str(PHASE_LABELS[phase.key]),
                span=phase.span(),
                x=x_of(phase.first_day),
                width=max(round(x_of(end) - x_of(phase.first_day), 1), 1),
                is_open=phase.last_day is None,
            )
        )

    markers, lanes = [], []  # lanes: the last x used in each lane
    for act in sorted(activities, key=lambda item: (item.date, item.pk)):
        x = x_of(act.date) + inner / span / 2  # the middle of the day
        lane = next((i for i, used in enumerate(lanes) if x - used >= MIN_GAP), None)
        if lane is None:
            lane = len(lanes) if len(lanes) < MAX_LANES else min(range(len(lanes)), key=lanes.__getitem__)
            if lane == len(lanes):
                lanes.append(x)
        lanes[lane] = x
        phase = phase_of(phases, act.date)
        markers.append(
            Marker(
                activity=act,
                x=round(x, 1),
                y=LANE_TOP + lane * LANE_STEP,
                phase_label=str(PHASE_LABELS[phase.key]) if phase else str(_("outside the window")),
                counts=act.status == counting.ACTIVITY_DONE and phase is not None,
            )
        )

    ticks_top = LANE_TOP + max(len(lanes), 1) * LANE_STEP + 8
    milestones = [("S", s, "tl-tick-s"), ("D", d, "tl-tick-d"), ("A", a, "tl-tick-a")]
    if a is None:
        milestones.append((str(_("today")), today, "tl-tick-today"))
    ticks, extents_by_row = [], {}  # each row: the (left, right) edges of the labels already in it
    for name, day, css in milestones:
        if day is None or not (first <= day <= last):
            continue
        tick = Tick(label=f"{name} {fmt(day)}", date=day, x=x_of(day), y=0, css=css)
        left, right = tick.extent
        row = 0
        while any(
            left < used_right + LABEL_GAP and used_left < right + LABEL_GAP
            for used_left, used_right in extents_by_row.get(row, [])
        ):
            row += 1
        extents_by_row.setdefault(row, []).append((left, right))
        tick.y = ticks_top + row * LABEL_ROW_STEP
        ticks.append(tick)
    height = ticks_top + max(len(extents_by_row), 1) * LABEL_ROW_STEP + 4

    summary = {status: sum(1 for act in activities if act.status == status) for status in ACTIVITY_STATUS_NOTES}
    return Timeline(boxes, markers, ticks, height, first, last, summary=summary)


@dataclass
class PolicyRow:
    policy: object
    result: counting.PolicyResult | None
    status_label: str
    countable: bool
    not_counted_because: list[str]
    phase_counts: list[tuple[str, str, int]]


def policy_rows(draft, policies, evaluation: dict[int, counting.PolicyResult]) -> list[PolicyRow]:
    """Each policy with its status under the counting rule and whether (and why not) it enters coverage."""
    rows = []
    for policy in policies:
        result = evaluation.get(policy.pk)
        reasons = []
        if not policy.high_impact:
            reasons.append(str(_("it is not marked high-impact")))
        if not policy.in_scope:
            reasons.append(str(_("it is outside the Scheme's scope")))
        if draft.is_withdrawn:
            reasons.append(str(_("the draft was withdrawn")))
        counts = []
        if result:
            counts = [(str(PHASE_LABELS[p.key]), p.span(), result.counts_by_phase.get(p.key, 0)) for p in result.phases]
        rows.append(
            PolicyRow(
                policy=policy,
                result=result,
                status_label=str(STATUS_LABELS.get(result.status, result.status)) if result else "",
                countable=not reasons,
                not_counted_because=reasons,
                phase_counts=counts,
            )
        )
    return rows
