import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from pypdf import PdfReader

from accounts.models import Membership, Role
from campaigns.models import Activity, Campaign, StoredFile
from drafts import counting
from drafts.models import Draft, DraftStatus, Policy
from drafts.services import draft_evaluation
from organizations.models import Organization, OrganizationKind
from testbed.management.commands import _demo_data as data
from testbed.management.commands.load_demo import tiny_pdf

TODAY = dt.date(2026, 11, 22)


def load(today=TODAY):
    out = io.StringIO()
    call_command("load_demo", f"--today={today.isoformat()}", stdout=out)
    return out.getvalue()


def snapshot():
    models = (Organization, get_user_model(), Membership, Draft, Policy, Campaign, Activity, StoredFile)
    counts = {model.__name__: model.objects.count() for model in models}
    counts["activity_policies"] = Activity.policies.through.objects.count()
    counts["latest_draft_update"] = max(Draft.objects.values_list("updated_at", flat=True))
    return counts


@pytest.fixture
def demo(db):
    return load()


def test_second_run_changes_nothing(demo):
    before = snapshot()
    output = load()
    assert snapshot() == before
    assert "0 organizations, 0 users, 0 drafts, 0 policies, 0 campaigns, 0 activities" in output


def test_second_run_on_a_later_day_changes_nothing(demo):
    before = snapshot()
    load(TODAY + dt.timedelta(days=30))
    assert snapshot() == before


def test_every_demo_login_works_with_the_printed_password(demo):
    assert f"Password for every demo login: {data.PASSWORD}" in demo
    for spec in data.USERS:
        assert spec.username in demo
        user = get_user_model().objects.get(username=spec.username)
        assert user.check_password(data.PASSWORD), spec.username
        assert user.full_name == spec.full_name and user.email
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {"official": Role.OFFICIAL, "head": Role.HEAD, "inspector": Role.INSPECTOR, "admin": Role.ADMIN}
    assert get_user_model().objects.get(username="superadmin").is_superuser


def test_organization_tree_follows_the_seed_documents(demo):
    city = Organization.objects.get(code="HP")
    department = Organization.objects.get(code="HP-SGDDT")
    assert department.parent == city
    inspectorate = Organization.objects.get(name="Thanh tra Sở Giáo dục và Đào tạo")
    assert inspectorate.kind == OrganizationKind.UNIT and inspectorate.parent == department
    assert Organization.objects.filter(parent=department, kind=OrganizationKind.SCHOOL).count() >= 3
    assert Organization.objects.filter(parent=department, name__startswith="Trung tâm GDNN-GDTX").count() >= 2

    districts = Organization.objects.filter(kind=OrganizationKind.DISTRICT)
    assert districts.count() >= 3
    for district in districts:
        assert district.valid_to == dt.date(2025, 6, 30)
        assert district.successor.kind == OrganizationKind.COMMUNE
        assert not district.is_active(dt.date(2025, 7, 1))
    assert Organization.objects.get(code="HP-UBND-VB").name == "Ủy ban nhân dân huyện Vĩnh Bảo"
    assert Organization.objects.filter(kind=OrganizationKind.PROVINCE).count() == 2
    assert Organization.objects.filter(kind=OrganizationKind.MINISTRY, name="Bộ Tư pháp").exists()

    for org in Organization.objects.select_related("parent"):
        expected = (org.parent.path if org.parent else "/") + f"{org.pk}/"
        assert org.path == expected, org.code


def test_drafts_span_two_years_with_every_kind_of_status(demo):
    adopted_years = set(Draft.objects.exclude(adopted_on=None).values_list("adopted_on__year", flat=True))
    assert {2025, 2026} <= adopted_years
    assert Draft.objects.filter(status=DraftStatus.WITHDRAWN).count() == 1
    in_consultation = Draft.objects.filter(adopted_on=None).exclude(status=DraftStatus.WITHDRAWN)
    assert in_consultation.count() >= 2
    for draft in Draft.objects.all():
        assert 1 <= draft.policies.count() <= 3
        assert draft.proposal_consultation_start <= (draft.draft_consultation_start or dt.date.max)
        assert (draft.draft_consultation_start or draft.proposal_consultation_start) <= (draft.adopted_on or dt.date.max)

    statuses = {}
    for draft in Draft.objects.all():
        for policy_id, result in draft_evaluation(draft, today=TODAY).items():
            statuses.setdefault(result.status, []).append(policy_id)
    for wanted in (counting.COMMUNICATED, counting.NOT_COMMUNICATED, counting.ON_TRACK, counting.AT_RISK,
                   counting.WITHDRAWN):
        assert statuses.get(wanted), f"no policy is {wanted}: {statuses}"


def test_activities_use_several_channels_and_statuses(demo):
    assert Activity.objects.values("channel").distinct().count() >= 6
    assert set(Activity.objects.values_list("status", flat=True)) == {"done", "planned", "cancelled"}
    assert Activity.objects.filter(policies__isnull=False).distinct().exists()
    assert Activity.objects.filter(policies__isnull=True).exists()


def test_one_activity_has_a_real_pdf_as_evidence(demo):
    stored = StoredFile.objects.get()
    assert stored.activity is not None and stored.content_type == "application/pdf"
    with stored.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-")
    assert "toa dam" in PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_tiny_pdf_is_readable_and_escapes_parentheses():
    reader = PdfReader(io.BytesIO(tiny_pdf("Bien ban (so 1)")))
    assert len(reader.pages) == 1
    assert "Bien ban (so 1)" in reader.pages[0].extract_text()


def test_directives_from_the_seed_documents_apply_down_the_tree(demo):
    from directives.models import Directive, RequirementTarget

    plan = Directive.objects.get(code="06/KH-UBND")
    assert plan.applies_to.code == "HP-UBND-VB"
    target = RequirementTarget.objects.get(requirement__directive=plan)
    assert (target.year, target.target_percent) == (2024, 70)
    city_letter = Directive.objects.get(code="13/VP-ĐC3")
    assert city_letter.applies_to.code == "HP"
    department_letter = Directive.objects.get(applies_to__code="HP-SGDDT")
    assert department_letter.implements == city_letter
    assert department_letter.requirements.filter(kind="task").count() == 5
    # The district's education office is below the district People's Committee, so the 70% plan applies to it.
    office = Organization.objects.get(code="HP-PGD-VB")
    assert plan in Directive.objects.applying_to(office)
