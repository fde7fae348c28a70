"""The summary-and-response report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý) of one draft and phase, as
one data structure built by ``build_consultation_report`` and rendered as the web preview, PDF and DOCX.

Every figure comes from the comments of that draft and phase (domain.md, "Public comments"); the renderers only
format. The document is public once approved, so it carries no personal data beyond what the public may see:
the organization of a consulted organization's written reply (or of the press), and a person's name only when they
agreed to ``show_name`` (docs/consultation.md, "Who commented").
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from consultation.models import Comment, Decision, HiddenReason, Phase, Source, Status

from .builder import MOTTO, NATION, _place, abbreviation, body_name
from .renderers.common import Table
from .types import Heading

# Official document text (Vietnamese, not UI): the same in every language the portal is shown in.
PHASE_SUBJECT = {Phase.PROPOSAL: "hồ sơ đề nghị xây dựng", Phase.DRAFT: "dự thảo"}
PHASE_NAME = {Phase.PROPOSAL: "lấy ý kiến đối với đề nghị xây dựng văn bản", Phase.DRAFT: "lấy ý kiến đối với dự thảo"}
SOURCE_LABELS = {
    Source.PORTAL: "Qua Cổng thông tin điện tử (ý kiến của Nhân dân)",
    Source.WRITTEN: "Văn bản góp ý của cơ quan, tổ chức được lấy ý kiến",
    Source.MEETING: "Tại hội nghị, hội thảo, tiếp xúc cử tri",
    Source.LETTER: "Thư gửi đến cơ quan chủ trì soạn thảo",
    Source.EMAIL: "Thư điện tử",
    Source.PRESS: "Trên báo chí",
    Source.OTHER: "Hình thức khác",
}
DECISION_LABELS = {
    Decision.ACCEPTED: "Tiếp thu",
    Decision.PARTLY_ACCEPTED: "Tiếp thu một phần",
    Decision.EXPLAINED: "Giải trình (không tiếp thu)",
    Decision.NOTED: "Ghi nhận",
}
UNANSWERED_LABEL = "Chưa tiếp thu, giải trình"
HIDDEN_LABELS = {
    HiddenReason.SPAM: "tin rác, quảng cáo",
    HiddenReason.ABUSIVE: "ngôn từ không phù hợp",
    HiddenReason.OFF_TOPIC: "không liên quan đến nội dung lấy ý kiến",
    HiddenReason.DUPLICATE: "trùng lặp",
}
CITIZEN = "Một người dân"
CONSULTED_ORGANIZATION = "Cơ quan, tổ chức được lấy ý kiến"
MEETING = "Ý kiến tại hội nghị, tiếp xúc cử tri"
PRESS = "Cơ quan báo chí"
GENERAL_SECTION = "Góp ý chung đối với {subject}"
TABLE_HEADERS = ["STT", "Điều, khoản / chính sách", "Cơ quan, tổ chức, cá nhân", "Nội dung góp ý",
                 "Ý kiến tiếp thu, giải trình"]
ANNEX_HEADERS = ["STT", "Nguồn", "Người góp ý", "Điều, khoản / chính sách", "Nội dung góp ý", "Số ý kiến",
                 "Tiếp thu, giải trình"]
ANNEX_TITLE = "PHỤ LỤC. DANH SÁCH CÁC Ý KIẾN GÓP Ý VÀ NỘI DUNG TIẾP THU, GIẢI TRÌNH"


def natural_key(value: str):
    """"Điều 2" before "Điều 10": digits compare as numbers, letters case-folded."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.casefold()) for part in re.split(r"(\d+)", value) if part]


def who(comment: Comment) -> str:
    """Who commented, as the public document may say it: a consulted organization (or a newspaper) by name, a person
    by name only if they agreed to show it, otherwise "a citizen" (or "an opinion at a meeting")."""
    if comment.source in (Source.WRITTEN, Source.PRESS):
        fallback = CONSULTED_ORGANIZATION if comment.source == Source.WRITTEN else PRESS
        return comment.submitter_organization or fallback
    if comment.show_name and comment.submitter_name:
        return comment.submitter_name
    if comment.source == Source.MEETING:
        return MEETING
    return CITIZEN


def answer_text(decision: str, response: str) -> str:
    if not decision:
        return UNANSWERED_LABEL
    label = DECISION_LABELS.get(decision, decision)
    return f"{label}. {response}" if response else f"{label}."


@dataclass(frozen=True)
class Entry:
    """A comment that carries its own answer (a representative), with the members grouped under it."""

    comment_id: int
    source: str
    source_label: str
    provision: str
    policy_id: int | None
    policy_title: str
    who: str
    text: str
    decision: str
    response: str
    members: int  # comments grouped under this one (0: a single comment)
    members_who: list[str] = field(default_factory=list)  # who sent each member, in received order

    @property
    def count(self) -> int:
        return 1 + self.members

    @property
    def answer(self) -> str:
        return answer_text(self.decision, self.response)

    @property
    def submitters(self) -> str:
        """Everyone behind the entry: "Sở Tư pháp; Một người dân (12 ý kiến)"."""
        counts = Counter([self.who, *self.members_who])
        return "; ".join(label if n == 1 else f"{label} ({n} ý kiến)" for label, n in counts.items())

    @property
    def subject(self) -> str:
        if self.provision and self.policy_title:
            return f"{self.provision} ({self.policy_title})"
        return self.provision or self.policy_title


@dataclass(frozen=True)
class Section:
    """Entries about one provision, one policy, or the draft as a whole."""

    title: str
    entries: list[Entry]


@dataclass
class ConsultationDocument:
    draft_id: int
    draft_title: str
    phase: str
    phase_name: str
    organization_name: str
    heading: Heading
    organizations_consulted: int
    received: int  # every comment of the phase, hidden ones included
    hidden: int
    pending: int  # waiting for moderation: counted as received, not summarised
    hidden_by_reason: list[tuple[str, int]]
    by_source: list[tuple[str, str, int]]  # (code, label, count) over the comments summarised (not hidden)
    by_decision: list[tuple[str, str, int]]  # (code, label, count); code "" = unanswered
    sections: list[Section]
    recipients: list[str]
    signer_title: str
    signer_name: str
    approved: bool = False
    approved_at: dt.datetime | None = None

    @property
    def summarised(self) -> int:
        return self.received - self.hidden - self.pending

    @property
    def entries(self) -> list[Entry]:
        return [entry for section in self.sections for entry in section.entries]

    @property
    def unanswered(self) -> int:
        return next((n for code, _label, n in self.by_decision if code == ""), 0)

    @property
    def opening(self) -> str:
        consulted = (
            f"đã gửi lấy ý kiến {self.organizations_consulted} cơ quan, tổ chức, đồng thời đăng tải trên Cổng thông "
            "tin điện tử để lấy ý kiến rộng rãi của Nhân dân"
        )
        return (
            f"Thực hiện quy định của Luật Ban hành văn bản quy phạm pháp luật, {self.organization_name} đã tổ chức "
            f"{self.phase_name} “{self.draft_title}”: {consulted}. Đến nay, {self.organization_name} đã nhận được "
            f"{self.received} ý kiến góp ý, trong đó {self.summarised} ý kiến được tổng hợp, tiếp thu, giải trình "
            "trong Báo cáo này."
        )

    @property
    def hidden_note(self) -> str:
        if not self.hidden:
            note = "Không có ý kiến nào bị loại khỏi phần tổng hợp."
        else:
            reasons = "; ".join(f"{label}: {n}" for label, n in self.hidden_by_reason)
            note = (
                f"Có {self.hidden} ý kiến không được đưa vào phần tổng hợp do không đáp ứng yêu cầu về nội dung góp "
                f"ý ({reasons}); các ý kiến này vẫn được lưu giữ đầy đủ."
            )
        if self.pending:
            note += f" Có {self.pending} ý kiến đang chờ kiểm duyệt, chưa được tổng hợp."
        return note

    def source_table(self) -> Table:
        rows = [[label, n] for _code, label, n in self.by_source]
        rows.append(["Tổng cộng", self.summarised])
        return Table("c_sources", "1. Số ý kiến theo hình thức góp ý", "Theo nguồn", ["Hình thức góp ý", "Số ý kiến"],
                     rows, [70, 18])

    def decision_table(self) -> Table:
        rows = [[label, n] for _code, label, n in self.by_decision]
        rows.append(["Tổng cộng", self.summarised])
        return Table("c_decisions", "2. Kết quả tiếp thu, giải trình", "Theo kết quả", ["Kết quả", "Số ý kiến"],
                     rows, [70, 18])

    def response_table(self) -> Table:
        """The table offices use, one row per comment or group, by provision then policy; the section's title
        is written on its first row only, as a merged cell would."""
        rows, index = [], 0
        for section in self.sections:
            for position, entry in enumerate(section.entries):
                index += 1
                rows.append([index, section.title if position == 0 else "", entry.submitters, entry.text, entry.answer])
        return Table("c_responses", "III. TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý", "Tiếp thu, giải trình",
                     TABLE_HEADERS, rows, [6, 19, 21, 50, 50])

    def annex_table(self) -> Table:
        rows = []
        for index, entry in enumerate(self.entries, start=1):
            submitter = entry.who
            if entry.members:
                submitter = f"{entry.who}; nhóm {entry.count} ý kiến tương tự của: {'; '.join(entry.members_who)}"
            rows.append([index, entry.source_label, submitter, entry.subject or "Chung", entry.text, entry.count,
                         entry.answer])
        return Table("c_annex", ANNEX_TITLE, "Phụ lục", ANNEX_HEADERS, rows, [4, 9, 12, 9, 33, 5, 28])

    def tables(self) -> dict[str, Table]:
        return {t.key: t for t in (self.source_table(), self.decision_table(), self.response_table(), self.annex_table())}


def phase_comments(draft, phase):
    return Comment.objects.filter(draft=draft, phase=phase)


def _heading(draft, phase, approved_at) -> Heading:
    organization = draft.drafting_organization
    parent = organization.parent
    place = _place(organization)
    if approved_at:
        day = timezone.localtime(approved_at).date()
        place_date = f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    else:
        place_date = f"{place}, ngày … tháng … năm …"
    return Heading(
        parent_body=body_name(parent, short=True).upper() if parent else "",
        issuing_body=body_name(organization).upper(),
        nation=NATION,
        motto=MOTTO,
        number=f"Số: ……/BC-{abbreviation(organization)}",
        place_date=place_date,
        title="BÁO CÁO",
        subtitle=f"Tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với {PHASE_SUBJECT[phase]} {draft.title}",
    )


def build_consultation_report(*, draft, phase: str, report=None) -> ConsultationDocument:
    """The report of ``draft`` for ``phase`` from the current comments. ``report``: its ConsultationReport row, if
    any (organizations consulted, approval)."""
    from consultation.models import ConsultationReport

    if phase not in Phase.values:
        raise ValueError(f"Unknown phase: {phase}")
    if report is None:
        report = ConsultationReport.objects.filter(draft=draft, phase=phase).select_related("approved_by").first()
    comments = list(
        phase_comments(draft, phase)
        .select_related("policy")
        .only(
            "pk", "source", "provision", "policy_id", "policy__title", "policy__position", "text", "submitter_name",
            "submitter_organization", "show_name", "status", "hidden_reason", "group_id", "decision", "response",
            "received_at",
        )
        .order_by("received_at", "pk")
    )
    hidden = [c for c in comments if c.status == Status.HIDDEN]
    pending = [c for c in comments if c.status == Status.PENDING]
    # Only published comments are summarised: the document is public once approved, and a comment waiting for
    # moderation is not public (approval waits until every comment is moderated).
    shown = [c for c in comments if c.status == Status.PUBLISHED]
    by_pk = {c.pk: c for c in shown}
    members: dict[int, list[Comment]] = {}
    for comment in shown:
        if comment.group_id is not None and comment.group_id in by_pk:
            members.setdefault(comment.group_id, []).append(comment)

    def representative(comment):
        return by_pk.get(comment.group_id, comment) if comment.group_id else comment

    source_counts = Counter(c.source for c in shown)
    decision_counts = Counter(representative(c).decision for c in shown)
    entries = []
    for comment in shown:
        if comment.group_id is not None and comment.group_id in by_pk:
            continue  # a member: answered by its representative
        grouped = members.get(comment.pk, [])
        entries.append(
            (
                comment,
                Entry(
                    comment_id=comment.pk,
                    source=comment.source,
                    source_label=SOURCE_LABELS.get(comment.source, comment.source),
                    provision=comment.provision,
                    policy_id=comment.policy_id,
                    policy_title=comment.policy.title if comment.policy_id else "",
                    who=who(comment),
                    text=comment.text,
                    decision=comment.decision,
                    response=comment.response,
                    members=len(grouped),
                    members_who=[who(m) for m in grouped],
                ),
            )
        )
    sections = _sections(entries, phase)
    approved = bool(report and report.is_approved)
    approved_at = report.approved_at if approved else None
    organization = draft.drafting_organization
    return ConsultationDocument(
        draft_id=draft.pk,
        draft_title=draft.title,
        phase=phase,
        phase_name=PHASE_NAME[phase],
        organization_name=body_name(organization),
        heading=_heading(draft, phase, approved_at),
        organizations_consulted=report.organizations_consulted if report else 0,
        received=len(comments),
        hidden=len(hidden),
        pending=len(pending),
        hidden_by_reason=[
            (HIDDEN_LABELS.get(code, code or "khác"), n) for code, n in sorted(Counter(c.hidden_reason for c in hidden).items())
        ],
        by_source=[(code, SOURCE_LABELS[code], source_counts.get(code, 0)) for code in Source.values],
        by_decision=[
            *((code, DECISION_LABELS[code], decision_counts.get(code, 0)) for code in Decision.values),
            ("", UNANSWERED_LABEL, decision_counts.get("", 0)),
        ],
        sections=sections,
        recipients=["Cơ quan thẩm định, thẩm tra (để báo cáo);", "Cổng thông tin điện tử (để đăng tải);", "Lưu: VT."],
        signer_title="THỦ TRƯỞNG CƠ QUAN",
        signer_name=str(report.approved_by) if approved and report.approved_by else "",
        approved=approved,
        approved_at=approved_at,
    )


def _sections(entries, phase) -> list[Section]:
    """By provision (natural order: Điều 2 before Điều 10), then by policy (the draft's order), then the comments
    on the draft as a whole."""
    provisions: dict[str, list[Entry]] = {}
    policies: dict[int, tuple[tuple, str, list[Entry]]] = {}
    general: list[Entry] = []
    for comment, entry in entries:
        if entry.provision:
            provisions.setdefault(entry.provision, []).append(entry)
        elif entry.policy_id:
            key = (comment.policy.position, comment.policy_id)
            policies.setdefault(entry.policy_id, (key, entry.policy_title, []))[2].append(entry)
        else:
            general.append(entry)
    sections = [Section(p, provisions[p]) for p in sorted(provisions, key=natural_key)]
    sections += [Section(f"Chính sách: {title}", items) for _key, title, items in sorted(policies.values(), key=lambda v: v[0])]
    if general:
        sections.append(Section(GENERAL_SECTION.format(subject=PHASE_SUBJECT[phase]), general))
    return sections
