"""The annual report as data (reports.builder): the engine's figures and the other sections."""

import pytest

from counting.selectors import coverage_for
from reports import builder

pytestmark = pytest.mark.django_db


def test_report_figures_are_the_engines(tree, report_data):
    city = tree["city"]
    report = builder.build_annual_report(organization=city, year=2024)
    figures = coverage_for(city, 2024)
    assert (report.denominator, report.numerator, report.percent) == (figures.denominator, figures.numerator, figures.percent)
    assert (report.denominator, report.numerator) == (3, 1)
    assert report.in_progress == figures.in_progress
    assert {p.policy_id: p.status for p in report.policies} == {r.policy_id: r.status for r in figures.policies}
    assert [t.target_percent for t in report.targets] == [t.target_percent for t in figures.targets]
    # Direct children only, each from the engine too.
    [department] = report.organizations
    child = coverage_for(tree["department"], 2024)
    assert (department.code, department.denominator, department.numerator) == ("HP-SGDDT", child.denominator, child.numerator)
    assert department.gap == 2  # 100% of 3 needs 3 communicated; 1 is


def test_report_other_sections(tree, report_data):
    report = builder.build_annual_report(organization=tree["city"], year=2024)
    assert report.funding_vnd == 16_234_567
    portal = next(c for c in report.channels if c.channel == "portal")
    press = next(c for c in report.channels if c.channel == "press")
    assert (portal.total, portal.done, press.total, press.done) == (1, 1, 1, 0)
    assert report.heading.nation == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert report.heading.place_date.startswith("Hải Phòng, ngày")
    assert report.heading.subtitle.endswith("năm 2024")
    assert report.heading.number == "Số: ……/BC-UBND"  # the city is its People's Committee (test_decree30.py)
    assert any(t.directive == "07/CT-TTg" for t in report.tasks)


def test_no_data_year_has_no_percent(tree):
    report = builder.build_annual_report(organization=tree["city"], year=2025)
    assert report.denominator == 0 and report.percent is None
