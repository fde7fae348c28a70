from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from counting.models import CoverageSnapshot

from .helpers import D, S, activity, draft

pytestmark = pytest.mark.django_db


def test_recompute_coverage_for_a_year_and_an_organization(tree):
    dr, _ = draft(tree["unit"])
    activity(dr, S)
    activity(dr, D)
    out = StringIO()
    call_command("recompute_coverage", "--year", "2024", "--organization", "HP-SGDDT", stdout=out)
    assert "1 policies judged" in out.getvalue()
    assert CoverageSnapshot.objects.get(organization=tree["department"], year=2024).numerator == 1
    assert CoverageSnapshot.objects.get(organization=tree["city"], year=2024).denominator == 1


def test_recompute_coverage_refuses_an_unknown_organization(tree):
    with pytest.raises(CommandError, match="NOPE"):
        call_command("recompute_coverage", "--organization", "NOPE")


def test_benchmark_prints_both_times_and_checks_the_engine_against_the_floor(tree):
    for day in (S, D):
        dr, _ = draft(tree["unit"])
        activity(dr, day)
    out = StringIO()
    call_command("benchmark_coverage", "--repeat", "1", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "engine (full recompute, 2 policies" in text and "floor" in text and "ratio" in text
    assert "from no snapshots" in text and "next day" in text and "nothing changed" in text
    assert "figures agree: yes" in text
    assert "judging alone (2 policies' statuses" in text
