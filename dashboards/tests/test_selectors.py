import datetime as dt
from decimal import Decimal

import pytest

from core.templatetags.portal import percent1
from counting.selectors import coverage_for
from counting.types import CoverageFigures
from dashboards import selectors
from directives.models import TaskCode
from drafts import counting

pytestmark = pytest.mark.django_db


def _same(mine: CoverageFigures, theirs: CoverageFigures):
    assert (mine.numerator, mine.denominator, mine.percent) == (theirs.numerator, theirs.denominator, theirs.percent)
    assert (mine.in_progress, mine.at_risk) == (theirs.in_progress, theirs.at_risk)


def test_dashboard_figures_equal_coverage_for(dash, tree):
    board = selectors.organization_dashboard(tree["city"], 2024)
    theirs = coverage_for(tree["city"], 2024)
    _same(board.figures, theirs)
    assert board.figures.targets == theirs.targets
    assert (board.figures.numerator, board.figures.denominator) == (2, 3)
    assert board.figures.percent == Decimal("66.7")
    assert [(t.directive_code, t.met) for t in board.figures.targets] == [("407/QĐ-TTg", False), ("06/KH-UBND", False)]
    assert (board.figures.in_progress, board.figures.at_risk) == (1, 1)


def test_children_rows_equal_coverage_for_and_show_the_strictest_target_and_gap(dash, tree):
    board = selectors.organization_dashboard(tree["department"], 2024)
    [unit] = board.unit_lines
    theirs = coverage_for(tree["unit"], 2024)
    assert (unit.code, unit.name) == (tree["unit"].code, tree["unit"].name)
    assert (theirs.numerator, theirs.denominator) == (0, 1)
    assert unit.ratio == "0/1"
    assert unit.percent == percent1(theirs.percent) and theirs.percent == Decimal("0")
    assert (unit.in_progress, unit.at_risk) == (str(theirs.in_progress or 0), str(theirs.at_risk or 0))
    assert unit.target == "100 %"
    assert (unit.gap, unit.gap_text) == (1, "1")


def test_trend_has_every_year_since_2022_and_no_data_where_nothing_was_adopted(dash, tree):
    board = selectors.organization_dashboard(tree["city"], 2024, today=dt.date(2026, 11, 21))
    assert [year for year, _ in board.trend] == [2022, 2023, 2024, 2025, 2026]
    by_year = dict(board.trend)
    assert by_year[2024].percent == Decimal("66.7")
    assert by_year[2023].percent is None  # computed, empty denominator: "no data", not 0
    assert by_year[2023].denominator == 0


def test_activities_are_counted_done_only_in_the_subtree_and_year(dash, tree):
    board = selectors.organization_dashboard(tree["city"], 2024)
    channels = {code: n for code, _label, n in board.channels}
    assert channels["portal"] == 1 and channels["press"] == 1 and channels["social"] == 1
    assert sum(channels.values()) == 3  # the planned one and the other province's are left out
    months = dict(board.months)
    assert months[2] == 2 and months[5] == 1 and sum(months.values()) == 3
    assert sum(dict(selectors.organization_dashboard(tree["city"], 2023).months).values()) == 0


def test_at_risk_list_has_the_in_progress_policy_with_its_reason(dash, tree):
    board = selectors.organization_dashboard(tree["city"], 2024)
    assert [row.policy_id for row in board.at_risk] == [p.pk for p in dash.at_risk]
    assert board.at_risk[0].status == counting.AT_RISK
    assert "01/02/2024" in board.at_risk[0].reason
    assert selectors.organization_dashboard(tree["other"], 2024).at_risk == []


def test_task_checklist_per_organization(dash, tree):
    board = selectors.organization_dashboard(tree["city"], 2024)
    rows = {row.code: row.cells for row in board.checklist}
    assert set(rows) == {"HP", "HP-SGDDT"}
    codes = list(TaskCode.values)
    department = dict(zip(codes, rows["HP-SGDDT"]))
    assert department[TaskCode.PLAN_ISSUED] is True
    assert department[TaskCode.TRAINING_HELD] is False
    assert department[TaskCode.PORTAL_POSTS] is None
    assert all(cell is None for cell in rows["HP"])


def test_years_never_computed_are_computed_once(dash, tree):
    from counting.models import ComputedYear, CoverageSnapshot

    CoverageSnapshot.objects.all().delete()
    ComputedYear.objects.all().delete()
    board = selectors.organization_dashboard(tree["department"], 2024)
    assert (board.figures.numerator, board.figures.denominator) == (2, 3)
    first = dict(ComputedYear.objects.values_list("year", "computed_at"))
    assert set(first) >= {2022, 2023, 2024}
    selectors.organization_dashboard(tree["department"], 2024)
    assert dict(ComputedYear.objects.values_list("year", "computed_at")) == first


def test_policies_needed_compares_exactly():
    figures = CoverageFigures("X", "X", 2024, denominator=3, numerator=2)
    assert figures.policies_needed(Decimal("66.67")) == 1  # 2/3 = 66.666… < 66.67
    assert figures.policies_needed(Decimal("66.66")) == 0
    assert figures.policies_needed(None) is None
    assert CoverageFigures("X", "X", 2024, 0, 0).policies_needed(70) is None
