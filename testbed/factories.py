"""factory_boy factories for every model, used by tests and benchmarks. Writes go through services where
paths must be maintained (organizations)."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Membership, Role
from campaigns.models import Activity, ActivityStatus, Campaign, Channel
from consultation.models import Comment, Phase, Source, Status
from drafts.models import DocumentType, Draft, DraftStatus, Policy
from organizations.models import Organization, OrganizationKind
from organizations.services import organization_create

PASSWORD = "correct-horse-battery-42"  # nosec B105  # docs/security.md


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    code = factory.Sequence(lambda n: f"ORG{n:05d}")
    name = factory.Sequence(lambda n: f"Tổ chức {n}")
    kind = OrganizationKind.DEPARTMENT
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return organization_create(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.OFFICIAL


def user_with_role(role, organization, **kwargs):
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draft

    title = factory.Sequence(lambda n: f"Dự thảo Nghị quyết số {n}")
    document_type = DocumentType.PROVINCIAL_COUNCIL_RESOLUTION
    drafting_organization = factory.SubFactory(OrganizationFactory)
    proposal_consultation_start = dt.date(2024, 2, 1)
    draft_consultation_start = None
    adopted_on = None
    status = factory.LazyAttribute(lambda d: DraftStatus.ADOPTED if d.adopted_on else DraftStatus.PROPOSAL_CONSULTATION)


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy

    draft = factory.SubFactory(DraftFactory)
    title = factory.Sequence(lambda n: f"Chính sách {n}")
    summary = "Nội dung chính sách."
    high_impact = True
    in_scope = True
    criterion_rights = True
    criterion_sensitive = True
    criterion_wide = True
    criterion_not_secret = True


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    draft = factory.SubFactory(DraftFactory)
    title = factory.Sequence(lambda n: f"Kế hoạch truyền thông {n}")
    period_start = factory.LazyAttribute(lambda c: c.draft.proposal_consultation_start)
    planned_channels = ["portal", "press"]
    budget_vnd = 15_000_000


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    draft = factory.SubFactory(DraftFactory)
    channel = Channel.PORTAL
    date = factory.LazyAttribute(lambda a: a.draft.proposal_consultation_start)
    status = ActivityStatus.DONE
    title = factory.Sequence(lambda n: f"Đăng tải trên cổng thông tin {n}")

    @factory.post_generation
    def policies(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.policies.set(extracted)


def _first_day_of_phase(comment):
    draft = comment.draft
    if comment.phase == Phase.DRAFT and draft.draft_consultation_start:
        return draft.draft_consultation_start
    return draft.proposal_consultation_start


class CommentFactory(factory.django.DjangoModelFactory):
    """A published comment from the portal, received at 9:00 on the first day of its phase's window."""

    class Meta:
        model = Comment

    draft = factory.SubFactory(DraftFactory)
    phase = Phase.PROPOSAL
    source = Source.PORTAL
    status = Status.PUBLISHED
    text = "Đề nghị giữ nguyên mức học phí."
    received_at = factory.LazyAttribute(
        lambda c: timezone.make_aware(dt.datetime.combine(_first_day_of_phase(c), dt.time(9, 0)))
    )
