"""The dashboard's public-comment section: figures beside coverage (never in it), per unit, the at-risk drafts and
the posting warnings; at the same number of queries whatever the number of units and comments."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultation.models import Comment, Decision, Phase, Posting, Status
from counting.selectors import coverage_for
from testbed import factories

pytestmark = pytest.mark.django_db
YEAR = dt.date.today().year


def _url(org):
    return reverse("dashboards:organization", args=[org.code]) + f"?year={YEAR}"


def _closed_draft(org):
    # Both phases closed months before today: unanswered comments of the draft phase are overdue.
    today = dt.date.today()
    return factories.DraftFactory(
        drafting_organization=org, proposal_consultation_start=today - dt.timedelta(days=200),
        draft_consultation_start=today - dt.timedelta(days=150), adopted_on=today - dt.timedelta(days=100),
    )


def _comment(draft, **fields):
    fields.setdefault("received_at", dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    return Comment.objects.create(draft=draft, phase=Phase.DRAFT, text="Đề nghị làm rõ", **fields)


def _figure(page, name):
    return int(re.search(rf'data-figure="{name}">(\d+)<', page).group(1))


def test_the_figures_show_beside_coverage_and_leave_it_unchanged(client, head, tree, english):
    before = coverage_for(tree["department"], YEAR, with_policies=False)
    draft = _closed_draft(tree["unit"])
    rep = _comment(draft, status=Status.PUBLISHED, decision=Decision.ACCEPTED, response="Tiếp thu")
    _comment(draft, status=Status.PUBLISHED, group=rep)
    _comment(draft)  # pending, unanswered, overdue
    _comment(draft, status=Status.HIDDEN, hidden_reason="spam")

    client.force_login(head)
    response = client.get(_url(tree["department"]))
    page = response.content.decode()

    assert [_figure(page, n) for n in ("received", "published", "answered", "unanswered", "overdue")] == [4, 2, 2, 1, 1]
    assert 'id="comments"' in page and "Public comments" in page
    after = coverage_for(tree["department"], YEAR, with_policies=False)
    assert (after.numerator, after.denominator) == (before.numerator, before.denominator)
    # the unit's own row in the comment table, and the at-risk line linking to the draft
    assert [(line.name, line.received) for line in response.context["child_rows"]] == [(tree["unit"].name, "4")]
    at_risk = response.context["dashboard"].comments_at_risk
    assert [(r.draft_id, r.unanswered) for r in at_risk] == [(draft.pk, 1)]
    assert reverse("drafts:detail", args=[draft.pk]) in page and "1 comment unanswered" in page


def test_an_empty_section_says_what_to_do(client, head, tree, english):
    client.force_login(head)
    page = client.get(_url(tree["department"])).content.decode()
    assert "No comment was received in" in page
    assert "None: every comment of a closed consultation has an answer" in page


def test_posting_warnings_link_to_the_drafts_posting_section(client, head, tree, english):
    today = dt.date.today()
    missing = factories.DraftFactory(drafting_organization=tree["unit"], proposal_consultation_start=today - dt.timedelta(days=5))
    short = factories.DraftFactory(drafting_organization=tree["unit"], proposal_consultation_start=today - dt.timedelta(days=5))
    Posting.objects.create(draft=short, phase=Phase.PROPOSAL, venue="agency_portal", posted_from=today - dt.timedelta(days=5),
                           posted_until=today + dt.timedelta(days=5))
    fine = factories.DraftFactory(drafting_organization=tree["unit"], proposal_consultation_start=today - dt.timedelta(days=5))
    Posting.objects.create(draft=fine, phase=Phase.PROPOSAL, venue="agency_portal", posted_from=today - dt.timedelta(days=5),
                           posted_until=today + dt.timedelta(days=60))

    client.force_login(head)
    response = client.get(_url(tree["department"]))
    page = response.content.decode()

    assert {w.draft_id: w.problem for w in response.context["dashboard"].posting_warnings} == {
        missing.pk: "missing", short.pk: "too_short"
    }
    assert reverse("drafts:detail", args=[missing.pk]) + "#postings" in page
    assert "posted 11 days, at least 20 required." in page
    assert "no posting recorded (at least 20 days required)." in page


def _grow(parent, n):
    for _ in range(n):
        child = factories.OrganizationFactory(parent=parent)
        draft = _closed_draft(factories.OrganizationFactory(parent=child))
        rep = _comment(draft, status=Status.PUBLISHED, decision=Decision.NOTED)
        _comment(draft, group=rep)
        _comment(draft)
        factories.DraftFactory(drafting_organization=child, proposal_consultation_start=dt.date.today())


def test_the_section_costs_the_same_number_of_queries_at_two_sizes(client, head, tree):
    client.force_login(head)
    url = _url(tree["department"])

    def count():
        client.get(url)
        cache.clear()  # the dashboard's counted part is read from the snapshots both times, not from the cache
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        return len(ctx.captured_queries), response

    _grow(tree["department"], 2)
    small, response = count()
    assert response.context["dashboard"].comments.received == 6
    assert len(response.context["dashboard"].posting_warnings) == 2

    _grow(tree["department"], 10)
    large, response = count()
    assert response.context["dashboard"].comments.received == 36
    assert len(response.context["dashboard"].comments_at_risk) == 12
    assert len(response.context["dashboard"].posting_warnings) == 12

    assert small == large
