"""Timeline milestone labels never overlap (issue 15, point 14): estimated text extents per row, no database."""

import datetime as dt
import itertools
from types import SimpleNamespace

import pytest
from django.utils import translation

from drafts.timeline import WIDTH, build_timeline

# .tl-tick-label is 12 px (SVG user units); a digit or letter of the UI font is at most ~0.62 em wide.
CHAR_WIDTH = 7.5


def extent(tick):
    width = len(tick.label) * CHAR_WIDTH
    if tick.anchor == "start":
        return tick.x, tick.x + width
    if tick.anchor == "end":
        return tick.x - width, tick.x
    return tick.x - width / 2, tick.x + width / 2


def draft(s, d=None, a=None):
    return SimpleNamespace(proposal_consultation_start=s, draft_consultation_start=d, adopted_on=a, is_withdrawn=False)


CASES = [
    # the reported case: D four days before today, labels "D 01/12/2026" and "hôm nay 05/12/2026"
    (draft(dt.date(2026, 9, 1), dt.date(2026, 12, 1)), dt.date(2026, 12, 5)),
    (draft(dt.date(2026, 1, 1), dt.date(2026, 11, 20)), dt.date(2026, 12, 5)),
    (draft(dt.date(2024, 1, 1), dt.date(2024, 1, 3), dt.date(2024, 1, 6)), dt.date(2024, 3, 1)),
    (draft(dt.date(2024, 1, 1), dt.date(2024, 6, 1), dt.date(2024, 6, 20)), dt.date(2024, 12, 1)),
    (draft(dt.date(2024, 1, 1), dt.date(2024, 3, 1)), dt.date(2024, 3, 5)),
    (draft(dt.date(2024, 1, 1)), dt.date(2024, 1, 2)),
]


@pytest.mark.parametrize("the_draft,today", CASES)
def test_milestone_labels_in_one_row_never_overlap_and_stay_inside(the_draft, today):
    with translation.override("vi"):  # "hôm nay" is longer than "today"
        timeline = build_timeline(the_draft, [], today=today)
    assert timeline.ticks
    for tick in timeline.ticks:
        left, right = extent(tick)
        assert left >= 0 and right <= WIDTH, (tick.label, left, right)
        assert tick.y < timeline.height
    for one, other in itertools.combinations(timeline.ticks, 2):
        if one.y != other.y:
            continue
        (l1, r1), (l2, r2) = extent(one), extent(other)
        assert r1 <= l2 or r2 <= l1, f"{one.label!r} overlaps {other.label!r} in one row"
