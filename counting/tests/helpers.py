"""Small builders for coverage tests: drafts with milestones, policies and activities, straight to the database."""

import datetime as dt

from campaigns.models import Activity
from drafts.models import DraftStatus
from drafts.services import draft_evaluation
from testbed import factories

S = dt.date(2024, 2, 1)
D = dt.date(2024, 5, 1)
A = dt.date(2024, 9, 30)
TODAY = dt.date(2026, 11, 21)
DAY = dt.timedelta(days=1)


def draft(org, *, s=S, d=D, a=A, withdrawn=False, policies=1, high_impact=True, in_scope=True):
    status = DraftStatus.WITHDRAWN if withdrawn else (DraftStatus.ADOPTED if a else DraftStatus.DRAFTING)
    dr = factories.DraftFactory(
        drafting_organization=org, proposal_consultation_start=s, draft_consultation_start=d, adopted_on=a, status=status
    )
    made = [factories.PolicyFactory(draft=dr, high_impact=high_impact, in_scope=in_scope) for _ in range(policies)]
    return dr, made


def activity(dr, day, *, status="done", policies=()) -> Activity:
    return factories.ActivityFactory(draft=dr, date=day, status=status, policies=list(policies))


def reference(dr, today=TODAY):
    """drafts.counting's verdict for every policy of the draft: {policy_id: (status, reason)}."""
    return {pid: (r.status, r.reason) for pid, r in draft_evaluation(dr, today=today).items()}
