import pytest

from campaigns import services

from .samples import pdf_bytes, upload

pytestmark = pytest.mark.django_db

EXPECTED = {
    # role: (may read, may edit)
    "official": (True, True),
    "head": (True, True),
    "inspector": (True, False),
    "admin": (True, False),
    "outsider": (False, False),
}


@pytest.mark.parametrize("role", EXPECTED)
def test_every_object_kind_follows_the_draft_organization(users, role, official, draft, activity):
    evidence = services.evidence_attach(activity=activity, uploaded=upload("e.pdf", pdf_bytes()), actor=official)
    campaign = services.campaign_update(
        campaign=activity.campaign, actor=official, plan_upload=upload("p.pdf", pdf_bytes())
    )
    user = users[role]
    may_read, may_edit = EXPECTED[role]
    assert user.has_perm("campaigns.add_campaign", draft) is may_edit
    assert user.has_perm("campaigns.add_activity", draft) is may_edit
    for name, obj in [("campaign", campaign), ("activity", activity), ("storedfile", evidence),
                      ("storedfile", campaign.plan_document)]:
        assert user.has_perm(f"campaigns.view_{name}", obj) is may_read, name
        assert user.has_perm(f"campaigns.delete_{name}", obj) is may_edit, name


def test_no_object_no_permission(official):
    assert not official.has_perm("campaigns.change_activity")
    assert not official.has_perm("campaigns.add_campaign", None)
