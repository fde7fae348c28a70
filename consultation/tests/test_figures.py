"""Comment figures: received, published, answered, unanswered and overdue per organization (subtree) and year."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation import figures
from consultation.models import Decision, Phase, Status
from testbed import factories

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2025, 6, 30)


def at(y, m, d, hour=10):
    return dt.datetime(y, m, d, hour, tzinfo=HCM)


def closed_draft(org, *, adopted_on=dt.date(2025, 4, 30)):
    # Proposal phase 1 Feb – 31 Mar, draft phase 1 Apr – 30 Apr (A): both closed long before TODAY.
    return factories.DraftFactory(
        drafting_organization=org, proposal_consultation_start=dt.date(2025, 2, 1),
        draft_consultation_start=dt.date(2025, 4, 1), adopted_on=adopted_on,
    )


def test_each_figure_follows_the_definitions(tree):
    draft = closed_draft(tree["unit"])
    factories.CommentFactory(draft=draft, status=Status.PENDING)  # unanswered, overdue (proposal phase closed 31 Mar)
    factories.CommentFactory(draft=draft, status=Status.HIDDEN, hidden_reason="spam")  # received only: needs no answer
    answered = factories.CommentFactory(
        draft=draft, status=Status.PUBLISHED, decision=Decision.ACCEPTED, response="Tiếp thu"
    )
    # answered through its representative
    factories.CommentFactory(draft=draft, status=Status.PUBLISHED, group=answered)
    unanswered_rep = factories.CommentFactory(draft=draft, status=Status.PUBLISHED)
    # own decision ignored
    factories.CommentFactory(draft=draft, status=Status.PUBLISHED, group=unanswered_rep, decision=Decision.NOTED)

    got = figures.comment_figures_for(tree["unit"], 2025, today=TODAY)

    assert got == figures.CommentFigures(received=6, published=4, answered=2, unanswered=3, overdue=3)


def test_overdue_only_after_the_phase_closed_plus_grace(tree, settings):
    settings.CONSULTATION_GRACE_DAYS = 10
    draft = closed_draft(tree["unit"])
    # the draft phase closes on A, 30 Apr
    factories.CommentFactory(draft=draft, phase=Phase.DRAFT, received_at=at(2025, 4, 10), status=Status.PENDING)
    on_last_grace_day = figures.comment_figures_for(tree["unit"], 2025, today=dt.date(2025, 5, 10))
    day_after = figures.comment_figures_for(tree["unit"], 2025, today=dt.date(2025, 5, 11))
    assert (on_last_grace_day.unanswered, on_last_grace_day.overdue) == (1, 0)
    assert (day_after.unanswered, day_after.overdue) == (1, 1)

    open_draft = factories.DraftFactory(drafting_organization=tree["unit"], proposal_consultation_start=dt.date(2025, 1, 1))
    # no D, no A: the phase has not closed, never overdue
    factories.CommentFactory(draft=open_draft, status=Status.PENDING)
    assert figures.comment_figures_for(tree["unit"], 2025, today=dt.date(2030, 1, 1)).overdue == 1


def test_figures_roll_up_the_subtree_and_stay_apart_from_other_trees(tree):
    factories.CommentFactory(draft=closed_draft(tree["unit"]), status=Status.PENDING)
    factories.CommentFactory(
        draft=closed_draft(tree["department"]), status=Status.PUBLISHED, decision=Decision.EXPLAINED
    )
    factories.CommentFactory(draft=closed_draft(tree["other"]), status=Status.PENDING)

    got = figures.comment_figures([tree["city"], tree["department"], tree["unit"], tree["other"]], [2025], today=TODAY)

    assert got[(tree["unit"].pk, 2025)].received == 1
    assert got[(tree["department"].pk, 2025)] == figures.CommentFigures(2, 1, 1, 1, 1)
    assert got[(tree["city"].pk, 2025)].received == 2
    assert got[(tree["other"].pk, 2025)].received == 1


def test_the_year_is_the_local_year_of_receipt(tree):
    draft = closed_draft(tree["unit"])
    # 31 Dec 2024 18:30 UTC is 1 Jan 2025 01:30 in Hà Nội: a 2025 comment.
    factories.CommentFactory(
        draft=draft, received_at=dt.datetime(2024, 12, 31, 18, 30, tzinfo=dt.UTC), status=Status.PENDING
    )
    factories.CommentFactory(draft=draft, received_at=at(2024, 12, 31, 23), status=Status.PENDING)

    got = figures.comment_figures([tree["unit"]], [2024, 2025, 2026], today=TODAY)

    assert [got[(tree["unit"].pk, y)].received for y in (2024, 2025, 2026)] == [1, 1, 0]


def _grow(parent, n):
    for _ in range(n):
        child = factories.OrganizationFactory(parent=parent)
        grandchild = factories.OrganizationFactory(parent=child)
        for org in (child, grandchild):
            draft = closed_draft(org)
            rep = factories.CommentFactory(draft=draft, status=Status.PUBLISHED, decision=Decision.ACCEPTED)
            factories.CommentFactory(draft=draft, group=rep, status=Status.PENDING)
            factories.CommentFactory(draft=draft, phase=Phase.DRAFT, received_at=at(2025, 4, 5), status=Status.PENDING)


def test_a_fixed_number_of_queries_whatever_the_number_of_organizations(tree):
    def measure():
        orgs = [tree["department"], *tree["department"].children.all()]
        with CaptureQueriesContext(connection) as ctx:
            result = figures.comment_figures(orgs, [2024, 2025], today=TODAY)
            risky = figures.at_risk_drafts(tree["department"], today=TODAY)
        return len(ctx.captured_queries), result, risky

    _grow(tree["department"], 2)
    small, result, risky = measure()
    assert result[(tree["department"].pk, 2025)].received == 12 and len(risky) == 4

    _grow(tree["department"], 15)
    large, result, risky = measure()
    assert result[(tree["department"].pk, 2025)].received == 17 * 2 * 3 and len(risky) == 34

    assert small == large == 2


def test_at_risk_lists_drafts_past_grace_with_unanswered_comments(tree, settings):
    settings.CONSULTATION_GRACE_DAYS = 10
    late = closed_draft(tree["unit"])
    factories.CommentFactory(draft=late, phase=Phase.DRAFT, received_at=at(2025, 4, 2), status=Status.PENDING)
    factories.CommentFactory(draft=late, phase=Phase.DRAFT, received_at=at(2025, 4, 3), status=Status.PENDING)
    done = closed_draft(tree["unit"])
    factories.CommentFactory(draft=done, status=Status.PUBLISHED, decision=Decision.NOTED)
    factories.CommentFactory(draft=done, status=Status.HIDDEN, hidden_reason="spam")  # hidden: needs no answer
    recent = closed_draft(tree["unit"], adopted_on=dt.date(2025, 6, 25))
    # closed 5 days ago: within grace
    factories.CommentFactory(draft=recent, phase=Phase.DRAFT, received_at=at(2025, 4, 2), status=Status.PENDING)
    factories.CommentFactory(draft=closed_draft(tree["other"]), status=Status.PENDING)  # outside the subtree

    got = figures.at_risk_drafts(tree["city"], today=TODAY)

    assert [(r.draft_id, r.phase, r.unanswered, r.closed_on) for r in got] == [
        (late.pk, Phase.DRAFT, 2, dt.date(2025, 4, 30))
    ]


def test_pending_moderation_counts_per_draft(tree):
    busy, quiet = closed_draft(tree["unit"]), closed_draft(tree["department"])
    for _ in range(3):
        factories.CommentFactory(draft=busy, status=Status.PENDING)
    factories.CommentFactory(draft=quiet, status=Status.PENDING)
    factories.CommentFactory(draft=quiet, status=Status.PUBLISHED)
    factories.CommentFactory(draft=closed_draft(tree["other"]), status=Status.PENDING)

    assert [(d.pk, n) for d, n in figures.pending_moderation(tree["department"])] == [(busy.pk, 3), (quiet.pk, 1)]
