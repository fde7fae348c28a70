"""The approved summary-and-response reports of a draft, as the public page shows them:
``{% approved_consultation_reports draft as consultation_reports %}``.

Only approved reports, only published comments, no personal data but what the public may see (a name only when
the person agreed to show it; a consulted organization by name)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.utils.translation import gettext as _

from consultation.approval import approved_reports
from consultation.models import Comment, Decision, Phase, Status
from reports.consultation import who

register = template.Library()

ANSWERS_PER_POLICY = 20  # the public page shows the first ones; the DOCX/PDF carry every answer


@dataclass(frozen=True)
class PublicAnswer:
    text: str
    who: str
    decision: str
    decision_label: str
    response: str
    similar: int  # comments grouped under this one


@dataclass
class PublicPolicyAnswers:
    title: str
    answers: list[PublicAnswer] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.answers)


@dataclass
class PublicConsultationReport:
    report: object
    phase: str
    phase_label: str
    received: int
    published: int
    by_decision: list[tuple[str, int]]
    policies: list[PublicPolicyAnswers]


def _public_report(report) -> PublicConsultationReport:
    comments = list(
        Comment.objects.filter(draft_id=report.draft_id, phase=report.phase, status=Status.PUBLISHED)
        .select_related("policy")
        .only("pk", "text", "source", "submitter_name", "submitter_organization", "show_name", "decision",
              "response", "group_id", "policy_id", "policy__title", "policy__position", "received_at")
        .order_by("received_at", "pk")
    )
    by_pk = {c.pk: c for c in comments}
    members: dict[int, int] = {}
    for c in comments:
        if c.group_id in by_pk:
            members[c.group_id] = members.get(c.group_id, 0) + 1
    decisions: dict[str, int] = {}
    for c in comments:
        answer = by_pk.get(c.group_id, c) if c.group_id else c
        decisions[answer.decision] = decisions.get(answer.decision, 0) + 1
    policies: dict[object, PublicPolicyAnswers] = {}
    order: dict[object, tuple] = {}
    for c in comments:
        if c.group_id in by_pk:
            continue
        key = c.policy_id
        if key not in policies:
            policies[key] = PublicPolicyAnswers(c.policy.title if c.policy_id else _("The draft as a whole"))
            order[key] = (0, c.policy.position, c.policy_id) if c.policy_id else (1, 0, 0)
        group = policies[key]
        group.total += 1
        if len(group.answers) < ANSWERS_PER_POLICY:
            group.answers.append(
                PublicAnswer(
                    text=c.text,
                    who=who(c),
                    decision=c.decision,
                    decision_label=Decision(c.decision).label if c.decision else _("No answer"),
                    response=c.response,
                    similar=members.get(c.pk, 0),
                )
            )
    return PublicConsultationReport(
        report=report,
        phase=report.phase,
        phase_label=Phase(report.phase).label,
        received=Comment.objects.filter(draft_id=report.draft_id, phase=report.phase).count(),
        published=len(comments),
        by_decision=[(Decision(code).label, decisions[code]) for code in Decision.values if decisions.get(code)],
        policies=[policies[key] for key in sorted(policies, key=lambda k: order[k])],
    )


@register.simple_tag
def approved_consultation_reports(draft) -> list[PublicConsultationReport]:
    """Approved reports of ``draft``, the proposal phase first."""
    reports = sorted(approved_reports(draft=draft), key=lambda r: Phase.values.index(r.phase))
    return [_public_report(report) for report in reports]
