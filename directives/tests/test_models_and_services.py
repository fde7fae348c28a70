import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from directives import services
from directives.models import Directive, Requirement, RequirementTarget, TaskReport
from directives.selectors import requirements_applying_to

pytestmark = pytest.mark.django_db


def test_the_data_migration_seeds_407_and_07():
    d407 = Directive.objects.get(code="407/QĐ-TTg")
    assert (d407.kind, d407.issued_on, d407.applies_to) == ("decision", dt.date(2022, 3, 30), None)
    targets = dict(RequirementTarget.objects.filter(requirement__directive=d407).values_list("year", "target_percent"))
    assert targets == {2022: Decimal("70"), **{y: Decimal("100") for y in range(2023, 2028)}}
    d07 = Directive.objects.get(code="07/CT-TTg")
    assert (d07.kind, d07.issued_on, d07.applies_to) == ("directive", dt.date(2023, 3, 21), None)
    assert list(d07.requirements.values_list("task_code", flat=True)) == [
        "plan_issued", "officer_assigned", "training_held", "press_materials", "portal_posts",
    ]


def _plan(org, code="06/KH-UBND", percent=70, year=2024):
    plan = services.directive_create(actor=None, code=code, kind="plan", title="Kế hoạch", issuer="UBND",
                                     issued_on=dt.date(year, 1, 10), applies_to=org)
    services.requirement_create(directive=plan, actor=None, kind="coverage_target", title="Tỷ lệ", targets={year: percent})
    return plan


def test_requirements_applying_to_follow_the_tree(tree):
    _plan(tree["department"])
    codes = lambda org, year: [(r.directive.code, r.kind, r.target_percent) for r in requirements_applying_to(org, year)]  # noqa: E731
    unit = codes(tree["unit"], 2024)
    assert ("06/KH-UBND", "coverage_target", Decimal("70.00")) in unit
    assert ("407/QĐ-TTg", "coverage_target", Decimal("100.00")) in unit
    assert sum(1 for c, k, _ in unit if c == "07/CT-TTg" and k == "task") == 5
    assert all(c != "06/KH-UBND" for c, _, _ in codes(tree["city"], 2024))  # not above the plan's organization
    assert all(c != "06/KH-UBND" for c, _, _ in codes(tree["other"], 2024))  # nor beside it
    assert all(c != "06/KH-UBND" for c, _, _ in codes(tree["unit"], 2025))  # no target that year
    assert all(c != "07/CT-TTg" for c, _, _ in codes(tree["unit"], 2022))  # issued in 2023


def test_bad_input_is_refused_and_saves_nothing(tree):
    plan = _plan(tree["department"])
    requirement = plan.requirements.get()
    with pytest.raises(ValidationError):
        services.target_set(requirement=requirement, year=2025, target_percent=120, actor=None)
    with pytest.raises(ValidationError):
        services.requirement_create(directive=plan, actor=None, kind="task", title="no task code")
    with pytest.raises(ValidationError):
        services.directive_create(actor=None, code="407/QĐ-TTg", kind="decision", title="dup", issuer="x",
                                  issued_on=dt.date(2022, 1, 1))
    task = Requirement.objects.filter(kind="task").first()
    with pytest.raises(ValidationError):
        services.target_set(requirement=task, year=2024, target_percent=50, actor=None)
    assert RequirementTarget.objects.filter(requirement__directive=plan).count() == 1
    assert Requirement.objects.filter(directive=plan).count() == 1


def test_task_report_is_recorded_once_per_organization_year_and_corrected_in_place(tree, official):
    task = Requirement.objects.get(task_code="plan_issued")
    services.task_report_set(requirement=task, organization=tree["unit"], year=2024, done=False, actor=official)
    report = services.task_report_set(requirement=task, organization=tree["unit"], year=2024, done=True, actor=official,
                                      evidence_url="https://example.gov.vn/kh-01")
    assert TaskReport.objects.get() == report
    assert (report.done, report.reported_by, report.evidence_url) == (True, official, "https://example.gov.vn/kh-01")
    with pytest.raises(ValidationError):
        services.task_report_set(requirement=task, organization=tree["unit"], year=2024, done=True, actor=official,
                                 evidence_url="not a link")
    assert TaskReport.objects.get().evidence_url == "https://example.gov.vn/kh-01"
