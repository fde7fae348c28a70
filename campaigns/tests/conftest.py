import datetime as dt

import pytest

from testbed import factories


@pytest.fixture
def draft(tree):
    """A draft of the department (officials' own organization) with two policies."""
    d = factories.DraftFactory(
        title="Dự thảo Nghị quyết học phí",
        drafting_organization=tree["department"],
        proposal_consultation_start=dt.date(2024, 2, 1),
        draft_consultation_start=dt.date(2024, 5, 1),
    )
    factories.PolicyFactory(draft=d, title="Học phí", position=1)
    factories.PolicyFactory(draft=d, title="Hỗ trợ giáo viên", position=2)
    return d


@pytest.fixture
def other_draft(tree):
    """A draft of the unrelated province: out of every test user's scope except the outsider's."""
    d = factories.DraftFactory(title="Dự thảo Quảng Ninh", drafting_organization=tree["other"])
    factories.PolicyFactory(draft=d)
    return d


@pytest.fixture
def campaign(draft):
    return factories.CampaignFactory(draft=draft, title="Kế hoạch truyền thông học phí")


@pytest.fixture
def activity(draft, campaign):
    return factories.ActivityFactory(draft=draft, campaign=campaign, title="Họp báo dự thảo", date=dt.date(2024, 2, 10))


@pytest.fixture
def login(client):
    def do(user):
        client.force_login(user)
        return client

    return do
