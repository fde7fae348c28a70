import pytest
from django.urls import reverse
from django.utils import timezone

from counting.selectors import coverage_for
from dashboards.models import RecomputeRequest, RecomputeStatus

from .conftest import tr

pytestmark = pytest.mark.django_db


@pytest.fixture
def head_client(client, head):
    client.force_login(head)
    return client


def _url(org, year=None):
    url = reverse("dashboards:organization", args=[org.code])
    return f"{url}?year={year}" if year else url


def test_index_redirects_to_the_users_top_organization(head_client, tree):
    response = head_client.get(reverse("dashboards:index"))
    assert response.status_code == 302 and response["Location"] == _url(tree["department"])


def test_index_without_any_role_says_what_to_do(client, db):
    from testbed import factories

    client.force_login(factories.UserFactory())
    response = client.get(reverse("dashboards:index"))
    assert response.status_code == 200
    assert "dashboards/no_organization.html" in [t.name for t in response.templates]


def test_dashboard_shows_the_snapshot_figures_targets_children_and_freshness(head_client, dash, tree):
    response = head_client.get(_url(tree["department"], 2024))
    html = response.content.decode()
    figures = response.context["dashboard"].figures
    theirs = coverage_for(tree["department"], 2024)
    assert (figures.numerator, figures.denominator) == (theirs.numerator, theirs.denominator) == (2, 3)
    assert "66,7" in html  # Vietnamese number format, one decimal
    assert "407/QĐ-TTg" in html and "06/KH-UBND" in html
    assert "2/3" in html
    computed = timezone.localtime(figures.computed_at).strftime("%H:%M %d/%m/%Y")
    assert computed in html
    # drill-down to the unit, in place with HTMX and as a plain link
    unit_url = f"{_url(tree['unit'])}?year=2024"
    assert f'href="{unit_url}" hx-get="{unit_url}" hx-target="#dashboard" hx-push-url="true"' in html
    # charts: data through json_script, a table beside each
    for name in ("trend", "channels", "months"):
        assert f'id="{name}-chart-data" type="application/json"' in html
    assert html.count('class="chart-table table-responsive"') == 3
    assert "<script>" not in html and 'style="' not in html  # CSP: no inline script or style
    assert reverse("dashboards:recompute", args=[tree["department"].code]) in html


def test_no_data_year_says_no_data_not_zero(head_client, dash, tree):
    response = head_client.get(_url(tree["department"], 2023))
    assert response.context["dashboard"].figures.percent is None
    assert tr("No data") in response.content.decode()


def test_htmx_request_gets_only_the_dashboard_fragment(head_client, dash, tree):
    response = head_client.get(_url(tree["unit"], 2024), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<title>" in html and tree["unit"].name in html
    assert "HX-Request" in response["Vary"]
    # a history restore (back button after a cache miss) needs the whole page
    response = head_client.get(
        _url(tree["unit"], 2024), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_an_unknown_year_is_a_clear_error_and_the_page_shows_this_year(head_client, dash, tree):
    response = head_client.get(_url(tree["department"]) + "?year=1999")
    assert response.status_code == 200
    assert response.context["year"] == str(timezone.localdate().year)
    [error] = response.context["year_form"].errors["year"]
    assert "1999" in error and error in response.content.decode()
    assert head_client.get(_url(tree["department"]) + "?year=abc").status_code == 200


def test_policy_list_shows_status_and_reason_and_filters_by_status(head_client, dash, tree):
    url = reverse("dashboards:policies", args=[tree["department"].code, 2024])
    response = head_client.get(url)
    rows = response.context["rows"]
    assert {row.policy_id for _, row in rows} == {p.pk for p in dash.communicated + dash.not_communicated + dash.at_risk}
    html = response.content.decode()
    # the reason is the counting rule's own sentence for that policy (drafts.counting, the reference)
    from django.utils import translation
    from django.utils.html import escape

    from drafts.services import draft_evaluation

    policy = dash.not_communicated[0]
    with translation.override("vi"):
        expected = draft_evaluation(policy.draft)[policy.pk].reason
    assert escape(expected) in html
    response = head_client.get(url, {"status": "at_risk"})
    assert [row.policy_id for _, row in response.context["rows"]] == [dash.at_risk[0].pk]
    response = head_client.get(url, {"status": "bogus"})
    assert response.status_code == 200 and response.context["rows"] == []
    assert head_client.get(url, {"q": "nothing like this"}).context["rows"] == []


def test_policy_list_paginates(head_client, tree):
    from counting import engine
    from dashboards.tests.conftest import make_draft

    make_draft(tree["department"], policies=30)
    engine.recompute()
    url = reverse("dashboards:policies", args=[tree["department"].code, 2024])
    first = head_client.get(url)
    assert len(first.context["rows"]) == 25 and first.context["page_obj"].paginator.count == 30
    assert len(head_client.get(url, {"page": 2}).context["rows"]) == 5


def test_recompute_runs_the_job_after_commit_and_records_its_progress(
    head_client, dash, tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = head_client.post(
            reverse("dashboards:recompute", args=[tree["department"].code]), {"year": 2024}, HTTP_HX_REQUEST="true"
        )
    request = RecomputeRequest.objects.get()
    assert (request.status, request.progress, request.error) == (RecomputeStatus.DONE, 100, "")
    assert request.finished_at is not None
    assert 'id="recompute-status"' in response.content.decode()


def test_recompute_with_a_bad_year_is_refused_with_a_message(head_client, tree):
    response = head_client.post(reverse("dashboards:recompute", args=[tree["department"].code]), {"year": "abc"}, follow=True)
    assert not RecomputeRequest.objects.exists()
    assert tr("Choose a valid year to recompute.") in response.content.decode()


def test_a_failing_recompute_is_recorded_and_shown(
    head_client, dash, tree, monkeypatch, django_capture_on_commit_callbacks
):
    from counting import tasks as coverage_tasks

    def broken(year=None):
        raise RuntimeError("database went away")

    monkeypatch.setattr(coverage_tasks, "recompute_year", broken)
    with django_capture_on_commit_callbacks(execute=True):
        head_client.post(reverse("dashboards:recompute", args=[tree["department"].code]), {"year": 2024})
    request = RecomputeRequest.objects.get()
    assert request.status == RecomputeStatus.FAILED and "database went away" in request.error
    response = head_client.get(_url(tree["department"], 2024))
    assert response.context["dashboard"].latest_recompute == request
    assert '<span class="text-danger">' in response.content.decode()


def test_status_fragment_polls_while_running_and_asks_for_a_refresh_when_done(head_client, head, tree):
    request = RecomputeRequest.objects.create(
        organization=tree["department"], year=2024, requested_by=head, status=RecomputeStatus.RUNNING, progress=10
    )
    url = reverse("dashboards:recompute_status", args=[request.pk])
    running = head_client.get(url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s" hx-target="this"' in running.content.decode() and "HX-Trigger" not in running
    assert '<progress id="recompute-progress-' in running.content.decode()
    request.status, request.progress, request.finished_at = RecomputeStatus.DONE, 100, timezone.now()
    request.save()
    done = head_client.get(url, HTTP_HX_REQUEST="true")
    assert "every 2s" not in done.content.decode()
    assert done["HX-Trigger"] == "dashboard-refresh"
    # without JavaScript the status URL leads back to the dashboard
    assert head_client.get(url)["Location"] == _url(tree["department"], 2024)


def test_a_second_request_while_one_runs_reuses_it(head, tree):
    from dashboards import services

    first = RecomputeRequest.objects.create(organization=tree["department"], year=2024, status=RecomputeStatus.RUNNING)
    again = services.recompute_request(organization=tree["department"], year=2024, actor=head)
    assert again.pk == first.pk and RecomputeRequest.objects.count() == 1


def test_freshness_says_whether_the_figures_count_every_saved_change(head_client, dash, tree):
    """Issue 15 point 15: "figures computed at …" alone did not say whether the figures or only the time were old."""
    from counting import hooks
    from policycomms.celery import app

    # With a broker, a reader shows the stored figures and the recompute runs in the worker; in eager mode a reader
    # would apply the pending changes itself first (counting.selectors.figures_for). conftest's _eager_celery restores.
    app.conf.task_always_eager = False

    def freshness():
        html = head_client.get(_url(tree["department"], 2024)).content.decode()
        start = html.index('data-testid="freshness"')
        return html[html.index(">", start) + 1 : html.index("</span>", start)]

    assert freshness().startswith("Số liệu đã cập nhật: đã tính mọi thay đổi được lưu đến nay")
    # What a save calls in its transaction (the recompute it schedules runs after a commit, which a test never makes).
    hooks.drafts_changed([dash.not_communicated[0].draft_id])
    hooks.drafts_changed([dash.not_communicated[0].draft_id])  # the same draft saved twice is one draft
    hooks.drafts_changed([dash.elsewhere[0].draft_id])  # another province's draft is not in this subtree
    waiting = freshness()
    assert "1 dự thảo lưu sau thời điểm đó chưa được tính" in waiting and waiting.startswith("Số liệu tính lúc ")
