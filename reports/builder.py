"""The annual report as one data structure, built by ``build_annual_report`` from a sign-off's frozen copy or from
the stored figures (``counting.selectors``); the renderers only format it. Read-only: nothing here writes. The
Decree 30 names of an issuing body (``body_name``, ``abbreviation``) serve the summary-and-response report too."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils import timezone, translation

from organizations.models import Organization, OrganizationKind

from . import formatting, selectors
from .models import SignOff
from .types import (
    AnnualReport,
    ChannelLine,
    CommentLine,
    Heading,
    OrganizationLine,
    PolicyLine,
    SignOffInfo,
    TargetLine,
    report_from_dict,
)

SCHEME = (
    "Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng "
    "văn bản quy phạm pháp luật giai đoạn 2022-2027"
)
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
_PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "TP. ", "TP ")


def build_annual_report(*, organization: Organization, year: int, signoff: SignOff | None = None) -> AnnualReport:
    """The annual report of ``organization`` for ``year``: from a sign-off's frozen copy, or from current data."""
    if signoff is not None:
        if signoff.organization_id != organization.pk or signoff.year != year:
            raise ValueError("The sign-off belongs to another report.")
        report = report_from_dict(signoff.data)
        report.signoff = SignOffInfo(signoff.version, str(signoff.signed_by), signoff.signed_at)
        return report

    from counting.selectors import coverage_for, coverage_for_each

    # The document is Vietnamese; the engine's reasons follow the active language, so fix it for the build.
    with translation.override("vi"):
        figures = coverage_for(organization, year)
        children = list(_children_in_year(organization, year))
        each = coverage_for_each(children, year)
        comments = _comment_lines(organization, children, year)
        children = [_organization_line(child, each[child.pk]) for child in children]
    text = selectors.report_text_for(organization, year)
    return AnnualReport(
        organization_code=organization.code,
        organization_name=organization.name,
        year=year,
        heading=_heading(organization, year),
        denominator=figures.denominator,
        numerator=figures.numerator,
        percent=figures.percent,
        in_progress=figures.in_progress,
        at_risk=figures.at_risk,
        missed=figures.missed,
        targets=[
            TargetLine(t.directive_code, t.directive_title, t.target_percent, t.met) for t in figures.targets
        ],
        organizations=children,
        policies=[_policy_line(row) for row in figures.policies],
        in_progress_policies=[_policy_line(row) for row in figures.in_progress_policies],
        channels=_channels(organization, year),
        tasks=selectors.task_lines(organization, year),
        comments=comments,
        funding_vnd=_funding(organization, year),
        difficulties=text["difficulties"],
        recommendations=text["recommendations"],
        recipients=_recipients(organization),
        signer_title="THỦ TRƯỞNG CƠ QUAN",
        signer_name="",
        computed_at=figures.computed_at or timezone.now(),
    )


def _children_in_year(organization, year):
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        organization.children.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .order_by("code")
    )


def _comment_lines(organization, children, year) -> list[CommentLine]:
    """The comment figures of the organization's subtree, then of each child's (one query for all)."""
    from consultation.figures import comment_figures

    organizations = [organization, *children]
    figures = comment_figures(organizations, [year])
    return [
        CommentLine(o.code, o.name, **dataclasses.asdict(figures[(o.pk, year)])) for o in organizations
    ]


def _organization_line(child, figures) -> OrganizationLine:
    strictest = figures.strictest_target
    target_percent = strictest.target_percent if strictest else None
    return OrganizationLine(
        code=child.code,
        name=child.name,
        denominator=figures.denominator,
        numerator=figures.numerator,
        percent=figures.percent,
        target_percent=target_percent,
        met=figures.meets(target_percent) if target_percent is not None else None,
        gap=figures.policies_needed(target_percent),
    )


def _policy_line(row) -> PolicyLine:
    return PolicyLine(
        policy_id=row.policy_id,
        draft_id=row.draft_id,
        title=row.policy_title,
        draft_title=row.draft_title,
        organization_code=row.organization_code,
        status=row.status,
        reason=str(row.reason),
    )


def _channels(organization, year) -> list[ChannelLine]:
    from campaigns.models import Activity, ActivityStatus, Channel

    rows = (
        Activity.objects.filter(draft__drafting_organization__path__startswith=organization.path, date__year=year)
        .values("channel")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=ActivityStatus.DONE)))
    )
    counts = {row["channel"]: row for row in rows}
    return [
        ChannelLine(
            channel,
            formatting.CHANNEL_LABELS.get(channel, str(label)),
            counts.get(channel, {}).get("total", 0),
            counts.get(channel, {}).get("done", 0),
        )
        for channel, label in Channel.choices
    ]


def _funding(organization, year) -> int:
    """Campaign budgets of the subtree's drafts, for campaigns whose period starts in the year."""
    from campaigns.models import Campaign

    total = Campaign.objects.filter(
        draft__drafting_organization__path__startswith=organization.path, period_start__year=year
    ).aggregate(total=Sum("budget_vnd"))["total"]
    return int(total or 0)


def _place(organization) -> str:
    ancestors = list(organization.ancestors())
    province = next((o for o in ancestors if o.kind == OrganizationKind.PROVINCE), None)
    if province is None:
        return "Hà Nội"
    name = province.name
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


# Organizations whose documents are issued by their People's Committee (Ủy ban nhân dân): a province, a commune or
# a historic district is, as an addressee or an issuer, its People's Committee (docs/reports.md, "Decree 30").
_PEOPLES_COMMITTEE_KINDS = (OrganizationKind.PROVINCE, OrganizationKind.COMMUNE, OrganizationKind.DISTRICT)
_ABBREVIATION_SKIP = {"và", "của", "các"}


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def body_name(organization, *, short=False) -> str:
    """The body as a document names it: "Sở Giáo dục và Đào tạo", "Ủy ban nhân dân thành phố Hải Phòng" (with
    ``short``, "UBND thành phố Hải Phòng") for the organization "Thành phố Hải Phòng"."""
    if organization.kind in _PEOPLES_COMMITTEE_KINDS:
        return f"{'UBND' if short else 'Ủy ban nhân dân'} {_lower_first(organization.name)}"
    return organization.name


def abbreviation(organization) -> str:
    """The issuer's abbreviation in the number line ("Số: ……/BC-SGDĐT", Decree 30/2020, Appendix VI).

    The Organization model holds a code ("HP-SGDDT": the parent's code, a dash, the organization's own part); the
    abbreviation is that own part ("SGDDT"), written with its Vietnamese letters when the initials of the name spell
    it ("Sở Giáo dục và Đào tạo" → "SGDĐT"). A People's Committee signs as "UBND"."""
    if organization.kind in _PEOPLES_COMMITTEE_KINDS:
        return "UBND"
    code = organization.code
    parent = organization.parent if organization.parent_id else None
    if parent is not None and code.startswith(parent.code + "-"):
        code = code[len(parent.code) + 1 :]
    initials = "".join(
        word if word.isupper() and len(word) > 1 else word[0].upper()
        for word in organization.name.split()
        if word.lower() not in _ABBREVIATION_SKIP and word[0].isalpha()
    )
    if initials.replace("Đ", "D").upper() == code.upper():
        return initials
    return code


def _heading(organization, year) -> Heading:
    parent = organization.parent
    return Heading(
        parent_body=body_name(parent, short=True).upper() if parent else "",
        issuing_body=body_name(organization).upper(),
        nation=NATION,
        motto=MOTTO,
        number=f"Số: ……/BC-{abbreviation(organization)}",
        place_date=f"{_place(organization)}, ngày … tháng … năm …",
        title="BÁO CÁO",
        subtitle=f"Kết quả thực hiện Đề án “{SCHEME}” năm {year}",
    )


def _recipients(organization) -> list[str]:
    lines = []
    if organization.parent_id:
        parent = organization.parent
        lines.append(f"{body_name(parent, short=True)} (để báo cáo);")
        inspectorate = _lower_first(parent.name) if parent.kind in _PEOPLES_COMMITTEE_KINDS else parent.name
        lines.append(f"Thanh tra {inspectorate} (để theo dõi);")
    lines.append("Lưu: VT.")
    return lines
