"""The annual report as data: built once by ``reports.builder.build_annual_report``, rendered as HTML, XLSX,
PDF and DOCX, and frozen as JSON by a sign-off.

Every figure in here comes from ``counting.selectors.coverage_for``; the renderers only format.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

# Bumped when the frozen JSON layout changes; old sign-offs keep the version they were written with.
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Heading:
    """Decree 30/2020/NĐ-CP heading block."""

    parent_body: str  # the issuing body's parent ("UBND THÀNH PHỐ HẢI PHÒNG"), may be empty
    issuing_body: str
    nation: str
    motto: str
    number: str  # "Số: ……/BC-…"
    place_date: str  # "Hải Phòng, ngày … tháng … năm …"
    title: str  # "BÁO CÁO"
    subtitle: str  # "Kết quả thực hiện Đề án … năm 2024"


@dataclass(frozen=True)
class TargetLine:
    directive_code: str
    directive_title: str
    target_percent: Decimal
    met: bool | None  # None: no data


@dataclass(frozen=True)
class OrganizationLine:
    code: str
    name: str
    denominator: int
    numerator: int
    percent: Decimal | None
    target_percent: Decimal | None  # the strictest target that applies to the organization
    met: bool | None
    gap: int | None  # communicated policies still missing to meet the target (0 when met, None without data)


@dataclass(frozen=True)
class PolicyLine:
    policy_id: int
    draft_id: int
    title: str
    draft_title: str
    organization_code: str
    status: str
    reason: str


@dataclass(frozen=True)
class ChannelLine:
    channel: str
    label: str
    total: int
    done: int


@dataclass(frozen=True)
class TaskLine:
    directive: str
    requirement: str
    organization_code: str
    done: bool | None  # None: not reported
    note: str = ""


@dataclass(frozen=True)
class CommentLine:
    """Public comments on the drafts of an organization's subtree received in the year (consultation.figures):
    beside coverage, never in it."""

    code: str
    name: str
    received: int
    published: int
    answered: int
    unanswered: int
    overdue: int


@dataclass(frozen=True)
class SignOffInfo:
    version: int
    signed_by: str
    signed_at: dt.datetime


@dataclass
class AnnualReport:
    organization_code: str
    organization_name: str
    year: int
    heading: Heading
    denominator: int
    numerator: int
    percent: Decimal | None
    in_progress: int
    at_risk: int
    missed: int = 0  # in progress, the proposal phase closed with no activity (rule 1.1); absent in older sign-offs
    targets: list[TargetLine] = field(default_factory=list)
    organizations: list[OrganizationLine] = field(default_factory=list)
    policies: list[PolicyLine] = field(default_factory=list)
    in_progress_policies: list[PolicyLine] = field(default_factory=list)
    channels: list[ChannelLine] = field(default_factory=list)
    tasks: list[TaskLine] = field(default_factory=list)
    # The organization's own subtree first, then each child; empty in sign-offs made before comments existed.
    comments: list[CommentLine] = field(default_factory=list)
    funding_vnd: int = 0
    difficulties: str = ""
    recommendations: str = ""
    recipients: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""
    computed_at: dt.datetime | None = None
    signoff: SignOffInfo | None = None

    @property
    def communicated(self) -> list[PolicyLine]:
        return [p for p in self.policies if p.status == "communicated"]

    @property
    def activities_total(self) -> int:
        return sum(c.total for c in self.channels)

    @property
    def activities_done(self) -> int:
        return sum(c.done for c in self.channels)


# --- JSON (the frozen copy) -------------------------------------------------------------------------------------


def _encode(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def report_to_dict(report: AnnualReport) -> dict:
    data = _encode(dataclasses.asdict(report))
    data.pop("signoff", None)  # the sign-off row itself says who signed; the copy holds only the report
    data["schema"] = SCHEMA_VERSION
    return data


def _dec(value):
    return None if value is None else Decimal(value)


def _datetime(value):
    return None if value is None else dt.datetime.fromisoformat(value)


def report_from_dict(data: dict) -> AnnualReport:
    return AnnualReport(
        organization_code=data["organization_code"],
        organization_name=data["organization_name"],
        year=int(data["year"]),
        heading=Heading(**data["heading"]),
        denominator=int(data["denominator"]),
        numerator=int(data["numerator"]),
        percent=_dec(data["percent"]),
        in_progress=int(data["in_progress"]),
        at_risk=int(data["at_risk"]),
        missed=int(data.get("missed", 0)),
        targets=[
            TargetLine(**{**t, "target_percent": Decimal(t["target_percent"])}) for t in data.get("targets", [])
        ],
        organizations=[
            OrganizationLine(**{**o, "percent": _dec(o["percent"]), "target_percent": _dec(o["target_percent"])})
            for o in data.get("organizations", [])
        ],
        policies=[PolicyLine(**p) for p in data.get("policies", [])],
        in_progress_policies=[PolicyLine(**p) for p in data.get("in_progress_policies", [])],
        channels=[ChannelLine(**c) for c in data.get("channels", [])],
        tasks=[TaskLine(**t) for t in data.get("tasks", [])],
        comments=[CommentLine(**c) for c in data.get("comments", [])],
        funding_vnd=int(data.get("funding_vnd", 0)),
        difficulties=data.get("difficulties", ""),
        recommendations=data.get("recommendations", ""),
        recipients=list(data.get("recipients", [])),
        signer_title=data.get("signer_title", ""),
        signer_name=data.get("signer_name", ""),
        computed_at=_datetime(data.get("computed_at")),
    )
