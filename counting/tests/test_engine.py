"""Every case of the counting rule through the set-based engine, checked against drafts.counting as well."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from counting import engine
from counting.models import CoverageSnapshot, PolicySnapshot, TargetSnapshot
from counting.selectors import coverage_for
from directives.models import Directive, Requirement, RequirementTarget
from drafts import counting as c
from testbed import factories

from .helpers import DAY, TODAY, A, D, S, activity, draft, reference

pytestmark = pytest.mark.django_db


def judged(today=TODAY):
    """Recompute everything and return {policy_id: (status, reason)} as readers see it."""
    engine.recompute(today=today)
    from counting.reasons import reason_for

    return {
        row.policy_id: (
            row.status,
            reason_for(status=row.status, s=row.s, d=row.d, a=row.a, has_proposal=row.has_proposal,
                       has_draft=row.has_draft, as_of=row.judged_on),
        )
        for row in PolicySnapshot.objects.with_judged_on()
    }


def one(dr, policy, *, expect, today=TODAY):
    got = judged(today)[policy.pk]
    assert got == reference(dr, today)[policy.pk]
    assert got[0] == expect
    return got[1]


def test_activity_on_s_and_on_d_communicates(tree):
    dr, (p,) = draft(tree["unit"])
    activity(dr, S)
    activity(dr, D)
    one(dr, p, expect=c.COMMUNICATED)


def test_activity_on_d_counts_for_the_draft_phase_only(tree):
    dr, (p,) = draft(tree["unit"])
    activity(dr, D)
    reason = one(dr, p, expect=c.NOT_COMMUNICATED)
    assert "01/02/2024–30/04/2024" in reason


def test_activity_the_day_before_d_counts_for_the_proposal_phase(tree):
    dr, (p,) = draft(tree["unit"])
    activity(dr, D - DAY)
    activity(dr, A)
    one(dr, p, expect=c.COMMUNICATED)


def test_activity_on_a_counts_for_the_last_phase(tree):
    dr, (p,) = draft(tree["unit"], d=None)
    activity(dr, A)
    one(dr, p, expect=c.COMMUNICATED)


def test_activity_before_s_does_not_count(tree):
    dr, (p,) = draft(tree["unit"], d=None)
    activity(dr, S - DAY)
    assert one(dr, p, expect=c.NOT_COMMUNICATED).endswith("(01/02/2024–30/09/2024).")


def test_activity_after_a_does_not_count(tree):
    dr, (p,) = draft(tree["unit"])
    activity(dr, S)
    activity(dr, A + DAY)
    one(dr, p, expect=c.NOT_COMMUNICATED)


@pytest.mark.parametrize("state", ["planned", "cancelled"])
def test_planned_and_cancelled_activities_never_count(tree, state):
    dr, (p,) = draft(tree["unit"])
    activity(dr, S, status=state)
    activity(dr, D, status=state)
    one(dr, p, expect=c.NOT_COMMUNICATED)


def test_activity_naming_no_policy_covers_every_policy_and_a_named_one_only_its_own(tree):
    dr, (p1, p2, p3) = draft(tree["unit"], policies=3)
    activity(dr, S)  # names none: every policy
    activity(dr, D, policies=[p1, p2])
    rows = judged()
    assert rows == reference(dr)
    assert [rows[p.pk][0] for p in (p1, p2, p3)] == [c.COMMUNICATED, c.COMMUNICATED, c.NOT_COMMUNICATED]


def test_an_activity_of_another_draft_does_not_count(tree):
    dr, (p,) = draft(tree["unit"], d=None)
    other, _ = draft(tree["unit"], d=None)
    activity(other, S)
    one(dr, p, expect=c.NOT_COMMUNICATED)


def test_s_equal_d_leaves_an_empty_proposal_phase_that_is_never_satisfied(tree):
    dr, (p,) = draft(tree["unit"], s=S, d=S)
    activity(dr, S)
    reason = one(dr, p, expect=c.NOT_COMMUNICATED)
    assert "no days" in reason


def test_the_reason_says_each_phase_has_an_activity_not_how_many(tree):
    dr, (p,) = draft(tree["unit"])
    activity(dr, S)
    activity(dr, S + DAY)
    activity(dr, D)
    assert one(dr, p, expect=c.COMMUNICATED) == (
        "Communicated: at least one activity in the proposal phase (01/02/2024–30/04/2024) "
        "and in the draft phase (01/05/2024–30/09/2024)."
    )
    snapshot = PolicySnapshot.objects.get(policy_id=p.pk)
    assert (snapshot.has_proposal, snapshot.has_draft) == (True, True)


def test_flags_follow_the_phases_and_the_named_policies(tree):
    dr, (named, other) = draft(tree["unit"], policies=2)
    activity(dr, S, policies=[named])  # proposal phase, names only the first policy
    activity(dr, D + DAY)  # draft phase, names none: covers both
    activity(dr, D, status="planned", policies=[other])
    engine.recompute(today=TODAY)
    flags = {s.policy_id: (s.has_proposal, s.has_draft) for s in PolicySnapshot.objects.all()}
    assert flags == {named.pk: (True, True), other.pk: (False, True)}


def test_subtree_counts_child_organizations_and_not_siblings_or_parents(tree):
    sibling = factories.OrganizationFactory(code="HP-SYT", parent=tree["city"])
    for org in (tree["city"], tree["department"], tree["unit"], sibling, tree["other"]):
        dr, _ = draft(org, d=None)
        activity(dr, S)
    engine.recompute(today=TODAY)
    assert coverage_for(tree["city"], 2024).denominator == 4
    assert coverage_for(tree["department"], 2024).denominator == 2
    assert coverage_for(tree["unit"], 2024).denominator == 1
    assert coverage_for(sibling, 2024).denominator == 1
    assert coverage_for(tree["other"], 2024).denominator == 1


def test_not_high_impact_out_of_scope_and_withdrawn_are_not_counted(tree):
    draft(tree["unit"], high_impact=False)
    draft(tree["unit"], in_scope=False)
    draft(tree["unit"], withdrawn=True)
    counted, _ = draft(tree["unit"])
    engine.recompute(today=TODAY)
    assert list(PolicySnapshot.objects.values_list("draft_id", flat=True)) == [counted.pk]
    assert coverage_for(tree["city"], 2024).denominator == 1


def test_a_policy_counts_in_the_year_its_window_closes(tree):
    draft(tree["unit"], s=dt.date(2023, 11, 1), d=None, a=dt.date(2024, 1, 10))
    engine.recompute(today=TODAY)
    assert coverage_for(tree["unit"], 2023).denominator == 0
    assert coverage_for(tree["unit"], 2024).denominator == 1


@pytest.mark.parametrize(
    "s,d,acts,expect",
    [
        (TODAY + DAY, None, [], c.NOT_STARTED),
        (TODAY - 30 * DAY, None, [TODAY - 30 * DAY], c.ON_TRACK),
        (TODAY - 15 * DAY, None, [], c.AT_RISK),  # 15 days > 14
        (TODAY - 14 * DAY, None, [], c.WAITING),  # exactly 14 days: not yet
        (TODAY - 60 * DAY, TODAY - 3 * DAY, [TODAY - 50 * DAY], c.WAITING),  # the proposal activity is history
        (TODAY - 60 * DAY, TODAY - 20 * DAY, [TODAY - 50 * DAY], c.AT_RISK),
        (TODAY - 60 * DAY, TODAY - 20 * DAY, [TODAY - 50 * DAY, TODAY - 19 * DAY], c.ON_TRACK),
        # Rule 1.1: the proposal phase closed with no activity: missed, whatever the draft phase holds.
        (TODAY - 60 * DAY, TODAY - 20 * DAY, [TODAY - 19 * DAY], c.MISSED),
        (TODAY - 60 * DAY, TODAY - 3 * DAY, [], c.MISSED),
        (TODAY - 60 * DAY, TODAY, [], c.MISSED),  # D is today: the proposal phase closed yesterday
        (TODAY - 60 * DAY, TODAY + 5 * DAY, [TODAY - 59 * DAY], c.ON_TRACK),  # still in the proposal phase
        (TODAY - 60 * DAY, TODAY + 5 * DAY, [], c.AT_RISK),  # still open: at risk, not missed
    ],
)
def test_in_progress_statuses_and_reasons(tree, s, d, acts, expect):
    dr, (p,) = draft(tree["unit"], s=s, d=d, a=None)
    for day in acts:
        activity(dr, day)
    one(dr, p, expect=expect)


def test_not_adopted_policies_are_in_progress_beside_the_year_never_in_it(tree):
    late, _ = draft(tree["unit"], s=TODAY - 30 * DAY, d=None, a=None)
    draft(tree["unit"], s=TODAY - 30 * DAY, d=None, a=None)
    activity(late, TODAY - 2 * DAY)
    engine.recompute(today=TODAY)
    figures = coverage_for(tree["city"], TODAY.year)
    assert (figures.denominator, figures.in_progress, figures.at_risk) == (0, 2, 1)
    assert {row.status for row in figures.in_progress_policies} == {c.ON_TRACK, c.AT_RISK}
    assert figures.policies == []


def test_empty_denominator_has_no_percent_and_no_verdict(tree):
    figures = coverage_for(tree["unit"], 2024)
    assert (figures.denominator, figures.percent) == (0, None)
    assert [t.met for t in figures.targets] == [None]  # Decision 407 applies, but there is no data


def _policies(org, communicated, total, year=2024):
    a = dt.date(year, 9, 30)
    for i in range(total):
        dr, _ = draft(org, s=dt.date(year, 2, 1), d=None, a=a)
        if i < communicated:
            activity(dr, dt.date(year, 2, 1))


def _plan(org, percent, year=2024, code="06/KH-UBND"):
    plan = Directive.objects.create(code=code, kind="plan", title="Kế hoạch", issuer="UBND", issued_on=dt.date(year, 1, 5), applies_to=org)
    requirement = Requirement.objects.create(directive=plan, kind="coverage_target", title="Tỷ lệ")
    RequirementTarget.objects.create(requirement=requirement, year=year, target_percent=Decimal(percent))
    return plan


def test_a_target_met_exactly(tree):
    _policies(tree["unit"], 7, 10, year=2022)  # 407 asks 70% in 2022
    engine.recompute(today=TODAY)
    figures = coverage_for(tree["unit"], 2022)
    assert (figures.numerator, figures.denominator, figures.percent) == (7, 10, Decimal("70.0"))
    assert [(t.directive_code, t.target_percent, t.met) for t in figures.targets] == [("407/QĐ-TTg", Decimal("70.00"), True)]


def test_a_target_missed_by_a_hair_is_missed_even_if_the_rounded_percent_equals_it(tree):
    _plan(tree["department"], "66.7")
    _policies(tree["unit"], 2, 3)
    engine.recompute(today=TODAY)
    figures = coverage_for(tree["unit"], 2024)
    assert figures.percent == Decimal("66.7")
    assert {t.directive_code: t.met for t in figures.targets} == {"407/QĐ-TTg": False, "06/KH-UBND": False}


def test_a_local_plan_of_an_ancestor_adds_its_target_to_its_subtree_only(tree):
    _plan(tree["department"], "60")
    _policies(tree["unit"], 2, 3)
    _policies(tree["other"], 3, 3)
    engine.recompute(today=TODAY)
    unit = coverage_for(tree["unit"], 2024)
    assert {t.directive_code: t.met for t in unit.targets} == {"407/QĐ-TTg": False, "06/KH-UBND": True}
    assert [t.directive_code for t in coverage_for(tree["city"], 2024).targets] == ["407/QĐ-TTg"]
    assert [t.met for t in coverage_for(tree["other"], 2024).targets] == [True]


def test_a_new_target_refreshes_results_without_touching_policies(tree, django_capture_on_commit_callbacks):
    from directives.services import requirement_create

    _policies(tree["unit"], 1, 2)
    engine.recompute(today=TODAY)
    plan = Directive.objects.create(code="13/VP-ĐC3", kind="official_letter", title="Công văn", issuer="VP",
                                    issued_on=dt.date(2024, 1, 1), applies_to=tree["city"])
    with django_capture_on_commit_callbacks(execute=True):
        requirement_create(directive=plan, actor=None, kind="coverage_target", title="Tỷ lệ", targets={2024: 50})
    assert {t.directive_code: t.met for t in coverage_for(tree["unit"], 2024).targets}["13/VP-ĐC3"] is True


def test_recompute_is_idempotent_and_scoped_recompute_agrees_with_full(tree):
    _policies(tree["unit"], 1, 3)
    _policies(tree["other"], 2, 2)
    engine.recompute(today=TODAY)
    full = sorted(CoverageSnapshot.objects.values_list("organization_id", "year", "numerator", "denominator"))
    engine.recompute(engine.Scope(years=(2024,), organization=tree["department"]), today=TODAY)
    engine.recompute(today=TODAY)
    assert sorted(CoverageSnapshot.objects.values_list("organization_id", "year", "numerator", "denominator")) == full
    assert TargetSnapshot.objects.filter(year=2024).count() == 4


def test_only_phases_the_status_reads_are_looked_at(tree):
    not_started, (p1,) = draft(tree["unit"], s=TODAY + DAY, d=None, a=None)
    in_draft_phase, (p2,) = draft(tree["unit"], s=TODAY - 60 * DAY, d=TODAY - 5 * DAY, a=None)
    activity(in_draft_phase, TODAY - 50 * DAY)
    activity(in_draft_phase, TODAY - 2 * DAY)
    one(in_draft_phase, p2, expect=c.ON_TRACK)
    flags = {s.policy_id: (s.has_proposal, s.has_draft) for s in PolicySnapshot.objects.all()}
    # In progress, the proposal phase is read after it closed too (rule 1.1: missed when it closed empty).
    assert flags == {p1.pk: (None, None), p2.pk: (True, True)}


def test_a_recompute_rewrites_only_the_snapshots_whose_verdict_changed(tree):
    adopted, (p1,) = draft(tree["unit"], d=None)
    other, (p2,) = draft(tree["unit"], d=None)
    late, (p3,) = draft(tree["unit"], s=TODAY - 20 * DAY, d=None, a=None)
    activity(adopted, S)
    engine.recompute(today=TODAY)
    first = dict(PolicySnapshot.objects.values_list("policy_id", "computed_at"))

    activity(other, S)  # p2 becomes communicated
    engine.recompute(today=TODAY)
    second = dict(PolicySnapshot.objects.values_list("policy_id", "computed_at"))
    assert second[p1.pk] == first[p1.pk] and second[p3.pk] == first[p3.pk]
    assert second[p2.pk] > first[p2.pk]
    assert PolicySnapshot.objects.get(policy_id=p2.pk).status == c.COMMUNICATED

    # Still at risk the next day, but its reason counts one day more: the row is not rewritten, readers explain it
    # as of the day the full recompute judged every policy in progress (ComputedYear.as_of).
    assert judged(TODAY + DAY)[p3.pk] == reference(late, TODAY + DAY)[p3.pk]
    assert "(21 days ago)" in judged(TODAY + DAY)[p3.pk][1]
    assert PolicySnapshot.objects.get(policy_id=p3.pk).computed_at == second[p3.pk]
    assert PolicySnapshot.objects.get(policy_id=p1.pk).computed_at == first[p1.pk]


def test_a_narrower_recompute_stamps_its_own_rows_with_the_day_it_judged_them(tree):
    late, (p,) = draft(tree["unit"], s=TODAY - 20 * DAY, d=None, a=None)
    engine.recompute(today=TODAY)
    engine.recompute(engine.Scope(organization=tree["unit"]), today=TODAY + 2 * DAY)
    row = PolicySnapshot.objects.with_judged_on().get(policy_id=p.pk)
    assert (row.as_of, row.judged_on) == (TODAY + 2 * DAY, TODAY + 2 * DAY)
    assert "(22 days ago)" in judged(TODAY + 2 * DAY)[p.pk][1]


def test_unchanged_figures_read_as_fresh_as_the_last_full_recompute(tree):
    dr, (p,) = draft(tree["unit"])
    activity(dr, S)
    first = engine.recompute(today=TODAY)
    stored = CoverageSnapshot.objects.get(organization=tree["unit"], year=2024).computed_at
    second = engine.recompute(today=TODAY)
    assert second.computed_at > first.computed_at
    # The row was not rewritten (nothing changed), yet readers see the second recompute's time.
    row = CoverageSnapshot.objects.get(organization=tree["unit"], year=2024)
    # PostgreSQL writes only the differences; SQLite rewrites every row.
    assert row.computed_at == (stored if connection.vendor == "postgresql" else second.computed_at)
    assert coverage_for(tree["unit"], 2024).computed_at == second.computed_at


@pytest.mark.parametrize("numerator, denominator, percent", [
    (7, 10, "70"), (69, 100, "70"), (2, 3, "66.67"), (2, 3, "66.66"), (1, 1, "100"), (0, 5, "0"), (1, 3, "33.33"),
])
def test_target_met_is_the_exact_fraction_comparison(numerator, denominator, percent):
    from fractions import Fraction

    expected = Fraction(numerator, denominator) >= Fraction(percent) / 100
    assert engine.target_met(numerator, denominator, Decimal(percent)) is expected


def test_a_policy_that_stops_counting_loses_its_snapshot(tree):
    dr, (p,) = draft(tree["unit"])
    engine.recompute(today=TODAY)
    p.high_impact = False
    p.save(update_fields=["high_impact"])
    engine.recompute(today=TODAY)
    assert not PolicySnapshot.objects.filter(policy_id=p.pk).exists()


def test_a_scoped_recompute_deletes_only_snapshots_of_its_own_scope(tree):
    """The scope's delete is an anti-join against the policies it judged: a policy outside the scope that
    stopped counting keeps its snapshot until a recompute covers it."""
    _, (p2023,) = draft(tree["unit"], s=dt.date(2023, 1, 2), d=None, a=dt.date(2023, 6, 30))
    _, (p2024,) = draft(tree["other"])
    engine.recompute(today=TODAY)
    p2024.high_impact = False
    p2024.save(update_fields=["high_impact"])

    engine.recompute(engine.Scope(years=(2023,)), today=TODAY)
    engine.recompute(engine.Scope(organization=tree["unit"]), today=TODAY)
    assert set(PolicySnapshot.objects.values_list("policy_id", flat=True)) == {p2023.pk, p2024.pk}

    engine.recompute(engine.Scope(years=(2024,)), today=TODAY)
    assert set(PolicySnapshot.objects.values_list("policy_id", flat=True)) == {p2023.pk}


def test_a_recompute_of_changed_drafts_reads_only_their_trees_and_agrees_with_a_full_one(tree):
    from counting.models import DirtyDraft

    in_city, (p1,) = draft(tree["unit"])
    elsewhere, (p2,) = draft(tree["other"])
    activity(elsewhere, S)
    engine.recompute(today=TODAY)
    activity(in_city, S)
    activity(in_city, D)
    DirtyDraft.objects.all().delete()
    engine.mark_dirty([in_city.pk])
    engine.recompute_dirty(today=TODAY)
    figures = sorted(CoverageSnapshot.objects.values_list("organization_id", "year", "numerator", "denominator"))
    assert (tree["city"].pk, 2024, 1, 1) in figures and (tree["other"].pk, 2024, 0, 1) in figures
    engine.recompute(today=TODAY)
    assert sorted(CoverageSnapshot.objects.values_list("organization_id", "year", "numerator", "denominator")) == figures


def test_coverage_for_each_reads_what_coverage_for_reads_in_a_fixed_number_of_queries(tree):
    from django.test.utils import CaptureQueriesContext

    from counting.selectors import coverage_for_each

    dr, (p,) = draft(tree["unit"])
    activity(dr, S)
    activity(dr, D)
    draft(tree["department"])
    orgs = [tree["city"], tree["department"], tree["unit"], tree["other"]]  # "other" has nothing counted
    expected = {o.pk: coverage_for(o, 2024, with_policies=False) for o in orgs}
    assert coverage_for_each(orgs, 2024) == expected
    assert expected[tree["other"].pk].targets and expected[tree["other"].pk].targets[0].met is None
    # coverage_for reads through coverage_for_each, so check the figures against the rule and the directives too.
    from directives.models import RequirementKind
    from directives.selectors import requirements_applying_to

    each = coverage_for_each(orgs, 2024)
    assert [(each[o.pk].numerator, each[o.pk].denominator) for o in orgs] == [(1, 2), (1, 2), (1, 1), (0, 0)]
    binding = requirements_applying_to(tree["other"], 2024).filter(kind=RequirementKind.COVERAGE_TARGET)
    assert [(t.directive_code, t.target_percent, t.met) for t in each[tree["other"].pk].targets] == [
        (r.directive.code, r.target_percent, None) for r in binding
    ]
    assert [t.met for t in each[tree["unit"].pk].targets] == [
        engine.target_met(1, 1, t.target_percent) for t in each[tree["unit"].pk].targets
    ]
    with CaptureQueriesContext(connection) as few:
        coverage_for_each(orgs[:1], 2024)
    with CaptureQueriesContext(connection) as many:
        coverage_for_each(orgs, 2024)
    assert len(few.captured_queries) == len(many.captured_queries)
