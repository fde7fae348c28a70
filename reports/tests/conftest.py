"""A small year of data under the shared ``tree``: what each report test reads back."""

import datetime as dt

import pytest

from campaigns.models import ActivityStatus, Channel
from drafts.models import DraftStatus
from testbed import factories

YEAR = 2024
INJECTION = '=HYPERLINK("http://evil.example","bấm vào đây")'


@pytest.fixture
def report_data(tree):
    """department: one adopted draft (2 policies: one communicated, one not) and a draft in progress;
    unit: one adopted draft whose single policy has a formula-like title and no activity."""
    department, unit = tree["department"], tree["unit"]
    adopted = factories.DraftFactory(
        drafting_organization=department,
        title="Nghị quyết học phí năm học 2024-2025",
        proposal_consultation_start=dt.date(2024, 2, 1),
        adopted_on=dt.date(2024, 6, 30),
        status=DraftStatus.ADOPTED,
    )
    communicated = factories.PolicyFactory(draft=adopted, title="Miễn học phí cho học sinh THCS")
    missed = factories.PolicyFactory(draft=adopted, title="Hỗ trợ chi phí học tập")
    factories.ActivityFactory(
        draft=adopted, date=dt.date(2024, 3, 1), channel=Channel.PORTAL, status=ActivityStatus.DONE, policies=[communicated]
    )
    factories.ActivityFactory(draft=adopted, date=dt.date(2024, 4, 1), channel=Channel.PRESS, status=ActivityStatus.PLANNED)
    factories.CampaignFactory(draft=adopted, period_start=dt.date(2024, 2, 1), budget_vnd=15_000_000)

    unit_draft = factories.DraftFactory(
        drafting_organization=unit,
        title="Quy định về dạy thêm",
        proposal_consultation_start=dt.date(2024, 3, 1),
        adopted_on=dt.date(2024, 10, 15),
        status=DraftStatus.ADOPTED,
    )
    injected = factories.PolicyFactory(draft=unit_draft, title=INJECTION)
    factories.CampaignFactory(draft=unit_draft, period_start=dt.date(2024, 3, 1), budget_vnd=1_234_567)

    pending = factories.DraftFactory(
        drafting_organization=department,
        title="Dự thảo chưa thông qua",
        proposal_consultation_start=dt.date(2024, 11, 1),
        adopted_on=None,
        status=DraftStatus.PROPOSAL_CONSULTATION,
    )
    in_progress = factories.PolicyFactory(draft=pending, title="Chính sách đang xây dựng")
    return {
        "year": YEAR,
        "adopted": adopted,
        "communicated": communicated,
        "missed": missed,
        "unit_draft": unit_draft,
        "injected": injected,
        "pending": pending,
        "in_progress": in_progress,
    }
