import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_benchmark_dashboard_reports_latency_and_queries(dash, head, tree):
    out = io.StringIO()
    call_command("benchmark_dashboard", organization=tree["department"].code, year=2024, requests=3, stdout=out)
    text = out.getvalue()
    assert "dashboard HP-SGDDT 2024" in text and "as head" in text
    assert "SQL queries per request: " in text and "p95" in text
    queries = int(text.split("SQL queries per request: ")[1].split()[0])
    assert 5 < queries < 30


def test_benchmark_dashboard_can_measure_the_cache_miss(dash, head, tree):
    def queries(*flags):
        out = io.StringIO()
        call_command("benchmark_dashboard", *flags, organization=tree["department"].code, year=2024, requests=2,
                     stdout=out)
        return out.getvalue(), int(out.getvalue().split("SQL queries per request: ")[1].split()[0])

    hit_text, hit = queries()
    miss_text, miss = queries("--miss")
    assert "(cache miss)" in miss_text and "(cache miss)" not in hit_text
    # A miss reads the dashboard's data again: more queries than a hit, every time.
    assert miss > hit


def test_the_cache_miss_run_stops_when_there_is_nothing_to_forget(dash, head, tree):
    # The page shows this year for a year it does not offer, so the key of 1990 was never stored.
    with pytest.raises(CommandError, match="nothing|no cached"):
        call_command("benchmark_dashboard", "--miss", organization=tree["department"].code, year=1990, requests=1,
                     stdout=io.StringIO())


def test_benchmark_dashboard_refuses_an_unknown_organization(db):
    with pytest.raises(CommandError, match="No organization"):
        call_command("benchmark_dashboard", organization="NOPE", requests=1)
