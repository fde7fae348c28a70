"""Dashboard data: a few drafts across the root tree whose statuses are known, targets and task reports."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import translation

from campaigns.models import ActivityStatus
from counting import engine
from directives.models import Directive, Requirement, RequirementKind, RequirementTarget, TaskCode, TaskReport
from drafts.models import DraftStatus
from testbed import factories

S = dt.date(2024, 2, 1)
D = dt.date(2024, 5, 1)
A = dt.date(2024, 9, 30)
TODAY = dt.date.today()


def tr(text: str) -> str:
    """A source string as the portal shows it by default (Vietnamese)."""
    with translation.override("vi"):
        return translation.gettext(text)


def make_draft(org, *, s=S, d=D, a=A, policies=1, responsible=None, status=None):
    draft = factories.DraftFactory(
        drafting_organization=org,
        proposal_consultation_start=s,
        draft_consultation_start=d,
        adopted_on=a,
        responsible_official=responsible,
        status=status or (DraftStatus.ADOPTED if a else DraftStatus.DRAFTING),
    )
    made = [factories.PolicyFactory(draft=draft) for _ in range(policies)]
    return draft, made


def make_activity(draft, day, *, channel="portal", status=ActivityStatus.DONE, policies=()):
    return factories.ActivityFactory(draft=draft, date=day, channel=channel, status=status, policies=list(policies))


def _seeded_407():
    """The migration's Decision 407 target; created again when a transactional test flushed the seed away."""
    decision, _ = Directive.objects.get_or_create(
        code="407/QĐ-TTg",
        defaults={"kind": "decision", "title": "Đề án truyền thông chính sách", "issuer": "Thủ tướng Chính phủ",
                  "issued_on": dt.date(2022, 3, 30)},
    )
    national, _ = Requirement.objects.get_or_create(
        directive=decision, kind=RequirementKind.COVERAGE_TARGET, defaults={"title": "Tỷ lệ chính sách được truyền thông"}
    )
    RequirementTarget.objects.get_or_create(requirement=national, year=2024, defaults={"target_percent": 100})
    return national


def _seeded_07_tasks():
    directive, _ = Directive.objects.get_or_create(
        code="07/CT-TTg",
        defaults={"kind": "directive", "title": "Chỉ thị 07", "issuer": "Thủ tướng Chính phủ", "issued_on": dt.date(2023, 3, 21)},
    )
    return {
        code: Requirement.objects.get_or_create(
            directive=directive, kind=RequirementKind.TASK, task_code=code, defaults={"title": str(label), "position": i}
        )[0]
        for i, (code, label) in enumerate(TaskCode.choices, start=1)
    }


@dataclass
class DashData:
    communicated: list  # department, adopted 2024, both phases covered
    not_communicated: list  # unit, adopted 2024, nothing in the draft phase
    at_risk: list  # unit, in progress since 2024 without any activity
    elsewhere: list  # the other province
    at_risk_draft: object
    national: Requirement
    local: Requirement


@pytest.fixture
def dash(tree, official):
    city, department, unit, other = tree["city"], tree["department"], tree["unit"], tree["other"]
    draft1, communicated = make_draft(department, policies=2, responsible=official)
    make_activity(draft1, S, channel="portal")
    make_activity(draft1, D + dt.timedelta(days=3), channel="press")
    draft2, not_communicated = make_draft(unit)
    make_activity(draft2, S + dt.timedelta(days=10), channel="social")
    make_activity(draft2, D + dt.timedelta(days=10), channel="press", status=ActivityStatus.PLANNED)
    draft3, at_risk = make_draft(unit, d=None, a=None, responsible=official)
    draft4, elsewhere = make_draft(other)
    make_activity(draft4, S)
    make_activity(draft4, D)

    # Decision 407 and Directive 07 are seeded by a migration (100% from 2023); the city adds its own plan.
    national = _seeded_407()
    plan = Directive.objects.create(
        code="06/KH-UBND", kind="plan", title="Kế hoạch của thành phố", issuer="UBND", issued_on=dt.date(2024, 1, 15),
        applies_to=city,
    )
    local = Requirement.objects.create(directive=plan, kind=RequirementKind.COVERAGE_TARGET, title="Từ 70%")
    RequirementTarget.objects.create(requirement=local, year=2024, target_percent=70)
    tasks = _seeded_07_tasks()
    now = dt.datetime(2024, 12, 1, tzinfo=dt.timezone.utc)
    TaskReport.objects.create(requirement=tasks[TaskCode.PLAN_ISSUED], organization=department, year=2024, done=True, reported_at=now)
    TaskReport.objects.create(requirement=tasks[TaskCode.TRAINING_HELD], organization=department, year=2024, done=False, reported_at=now)

    engine.recompute()
    return DashData(communicated, not_communicated, at_risk, elsewhere, draft3, national, local)


@pytest.fixture
def in_progress(tree):
    """In the department's subtree: one policy missed (D passed, nothing in the proposal phase even though the draft
    phase has an activity), one at risk (still in its proposal phase, nothing for 30 days), one on track."""
    missed_draft, (missed,) = make_draft(tree["unit"], s=TODAY - dt.timedelta(days=90), d=TODAY - dt.timedelta(days=10),
                                         a=None)
    make_activity(missed_draft, TODAY - dt.timedelta(days=5))
    _, (at_risk,) = make_draft(tree["department"], s=TODAY - dt.timedelta(days=30), d=None, a=None)
    on_track_draft, (on_track,) = make_draft(tree["department"], s=TODAY - dt.timedelta(days=60),
                                             d=TODAY - dt.timedelta(days=10), a=None)
    make_activity(on_track_draft, TODAY - dt.timedelta(days=50))
    make_activity(on_track_draft, TODAY - dt.timedelta(days=3))
    engine.recompute()
    return missed, at_risk, on_track
