import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import F, Q

from accounts.models import Membership
from campaigns.models import Activity, Campaign
from drafts.models import Draft, DraftStatus, Policy
from organizations.models import Organization, OrganizationKind

TODAY = dt.date(2026, 11, 22)
TINY = {"provinces": 2, "ministries": 1, "communes": 7, "users": 12, "drafts": 40, "policies": 110, "activities": 900}


def generate(**overrides):
    options = {**TINY, **overrides}
    args = [f"--{name}={value}" for name, value in options.items()] + [f"--today={TODAY.isoformat()}"]
    out = io.StringIO()
    call_command("generate_dataset", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def dataset(transactional_db):
    # transactional_db: the command's own transaction and PostgreSQL's constraint DDL run as in real use.
    return generate(seed=5)


def test_counts_are_exactly_as_asked(dataset):
    assert Organization.objects.filter(kind=OrganizationKind.PROVINCE).count() == 2
    assert Organization.objects.filter(kind=OrganizationKind.MINISTRY).count() == 1
    assert Organization.objects.filter(kind=OrganizationKind.COMMUNE).count() == 7
    assert get_user_model().objects.count() == 12
    assert Membership.objects.count() == 12
    assert Draft.objects.count() == 40
    assert Campaign.objects.count() == 40
    assert Policy.objects.count() == 110
    assert Activity.objects.count() == 900
    for label in ("organizations", "users + memberships", "drafts + campaigns", "policies", "activities"):
        assert label in dataset  # timing per table is printed


def test_milestones_are_ordered_and_statuses_consistent(dataset):
    drafts = Draft.objects.all()
    assert not drafts.filter(draft_consultation_start__lt=F("proposal_consultation_start")).exists()
    assert not drafts.filter(adopted_on__lt=F("proposal_consultation_start")).exists()
    assert not drafts.filter(adopted_on__lt=F("draft_consultation_start")).exists()
    assert not drafts.filter(adopted_on__gt=TODAY).exists()
    assert not drafts.filter(status=DraftStatus.ADOPTED, adopted_on=None).exists()
    assert not drafts.filter(adopted_on__isnull=False).exclude(status=DraftStatus.ADOPTED).exists()
    for draft in drafts:
        draft.full_clean()  # the model's own milestone validation agrees
    years = {d.proposal_consultation_start.year for d in drafts}
    assert min(years) >= 2022 and max(years) <= 2027 and len(years) >= 3


def test_mix_of_withdrawn_not_adopted_and_policy_flags(transactional_db):
    generate(seed=11, drafts=300, policies=700, activities=3000)
    assert Draft.objects.filter(status=DraftStatus.WITHDRAWN).exists()
    assert Draft.objects.filter(adopted_on=None, proposal_consultation_start__lt=TODAY - dt.timedelta(days=400)).exclude(
        status=DraftStatus.WITHDRAWN
    ).exists()
    assert Draft.objects.filter(adopted_on__isnull=False).exists()
    assert Policy.objects.filter(high_impact=True).exists() and Policy.objects.filter(high_impact=False).exists()
    assert Policy.objects.filter(in_scope=False).exists()
    assert not Policy.objects.filter(high_impact=True).filter(
        Q(criterion_rights=False) | Q(criterion_sensitive=False) | Q(criterion_wide=False)
    ).exists()
    assert set(Activity.objects.values_list("status", flat=True)) == {"done", "planned", "cancelled"}
    assert Activity.objects.values("channel").distinct().count() >= 8
    assert not Activity.objects.filter(status="done", date__gt=TODAY).exists()


def test_every_draft_has_policies_and_links_stay_within_the_draft(dataset):
    assert not Draft.objects.filter(policies__isnull=True).exists()
    links = Activity.policies.through.objects.all()
    assert links.exists()
    assert not links.exclude(policy__draft_id=F("activity__draft_id")).exists()
    assert not Activity.objects.exclude(campaign__draft_id=F("draft_id")).exists()


def test_organization_paths_are_correct(dataset):
    orgs = {o.pk: o for o in Organization.objects.all()}
    for org in orgs.values():
        parent_path = orgs[org.parent_id].path if org.parent_id else "/"
        assert org.path == f"{parent_path}{org.pk}/"
        assert org.depth == org.path.count("/") - 2
    districts = [o for o in orgs.values() if o.kind == OrganizationKind.DISTRICT]
    assert districts and all(o.valid_to == dt.date(2025, 6, 30) and o.successor_id for o in districts)
    department = Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, parent__kind="province").first()
    assert Organization.objects.subtree_of(department).count() > 1


def test_new_rows_get_fresh_primary_keys_afterwards(dataset):
    draft = Draft.objects.first()
    activity = Activity.objects.create(draft=draft, channel="portal", date=TODAY, title="Sau khi tạo dữ liệu")
    assert activity.pk > max(Activity.objects.exclude(pk=activity.pk).values_list("pk", flat=True))


def test_same_seed_gives_the_same_data(transactional_db):
    def fingerprint():
        return (
            list(Draft.objects.order_by("pk").values_list("title", "proposal_consultation_start", "adopted_on")),
            list(Activity.objects.order_by("pk").values_list("date", "status", "channel")),
        )

    generate(seed=9)
    first = fingerprint()
    call_command("flush", "--noinput")
    generate(seed=9)
    assert fingerprint() == first


def test_refuses_a_second_run_and_bad_counts_without_writing(dataset):
    before = Activity.objects.count()
    with pytest.raises(CommandError, match="already loaded"):
        generate(seed=6)
    with pytest.raises(CommandError, match="at least"):
        generate(drafts=50, policies=10)
    assert Activity.objects.count() == before


def test_preset_small(transactional_db):
    output = generate_preset("small")
    assert Draft.objects.count() == 200 and Activity.objects.count() == 5000
    assert "Done in" in output


def generate_preset(size):
    out = io.StringIO()
    call_command("generate_dataset", f"--size={size}", f"--today={TODAY.isoformat()}", stdout=out)
    return out.getvalue()
