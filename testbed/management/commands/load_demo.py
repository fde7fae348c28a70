"""``manage.py load_demo``: the demo organizations, one user per role, two years of drafts and their campaigns.

Idempotent: every record is looked up by its natural key (organization code, username, draft title within its
organization, policy/campaign/activity title within its draft) and created only when missing, so a second run
changes nothing. All domain writes go through the services.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership
from campaigns import services as campaign_services
from campaigns.models import Activity, Campaign
from consultation import answering, rules
from consultation import services as consultation_services
from consultation.models import Comment, HiddenReason, Source, Status
from core.management.guards import add_production_override, refuse_in_production
from drafts import services as draft_services
from drafts.models import Draft
from organizations.models import Organization
from organizations.services import organization_create

from . import _demo_data as data


def tiny_pdf(text: str) -> bytes:
    """A valid one-page PDF showing one line of ASCII text (Helvetica has no Vietnamese glyphs)."""
    safe = text.encode("ascii", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    content = b"BT /F1 14 Tf 56 780 Td (" + safe + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


class Command(BaseCommand):
    help = "Load the Hải Phòng demo data (organizations, one user per role, drafts, campaigns). Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Pretend today is this date (YYYY-MM-DD); drafts in consultation are dated relative to it.",
        )
        add_production_override(parser)

    def handle(self, *args, today=None, **options):
        refuse_in_production(options)
        self.today = today or timezone.localdate()
        self.created = {"organizations": 0, "users": 0, "drafts": 0, "policies": 0, "campaigns": 0, "activities": 0,
                        "comments": 0}
        with transaction.atomic():
            orgs = self._organizations()
            users = self._users(orgs)
            for spec in data.DRAFTS:
                self._draft(spec, orgs, users["official"])
            self._comments(users["official"])
            directives = self._directives(orgs, actor=users["admin"])
        summary = ", ".join(f"{count} {name}" for name, count in self.created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (created now: {summary}; directives: {directives})."))
        self._print_logins(users)

    # Organizations ------------------------------------------------------------------------------------------------

    def _organizations(self) -> dict[str, Organization]:
        orgs = {o.code: o for o in Organization.objects.filter(code__in=[spec.code for spec in data.ORGANIZATIONS])}
        for spec in data.ORGANIZATIONS:
            if spec.code in orgs:
                continue
            orgs[spec.code] = organization_create(
                code=spec.code,
                name=spec.name,
                kind=spec.kind,
                parent=orgs[spec.parent] if spec.parent else None,
                valid_from=spec.valid_from,
                valid_to=spec.valid_to,
                successor=orgs[spec.successor] if spec.successor else None,
            )
            self.created["organizations"] += 1
        return orgs

    # Users --------------------------------------------------------------------------------------------------------

    def _users(self, orgs) -> dict:
        User = get_user_model()
        users = {}
        for spec in data.USERS:
            user = User.objects.filter(username=spec.username).first()
            if user is None:
                user = User(
                    username=spec.username,
                    full_name=spec.full_name,
                    email=spec.email,
                    job_title=spec.job_title,
                    is_staff=spec.superuser,
                    is_superuser=spec.superuser,
                )
                validate_password(data.PASSWORD, user)
                user.set_password(data.PASSWORD)
                user.full_clean()
                user.save()
                self.created["users"] += 1
            if spec.role:
                Membership.objects.get_or_create(user=user, organization=orgs[spec.organization], role=spec.role)
            users[spec.username] = user
        return users

    def _print_logins(self, users):
        rows = [("Username", "Role", "Organization", "Full name")]
        for spec in data.USERS:
            role = "superuser" if spec.superuser else spec.role
            org = Organization.objects.get(code=spec.organization).name if spec.organization else "—"
            rows.append((spec.username, str(role), org, spec.full_name))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        self.stdout.write(line)
        for index, row in enumerate(rows):
            self.stdout.write("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |")
            if index == 0:
                self.stdout.write(line)
        self.stdout.write(line)
        self.stdout.write(f"Password for every demo login: {data.PASSWORD}")

    # Drafts, policies, campaigns, activities ----------------------------------------------------------------------

    def _date(self, value):
        return data.resolve(value, self.today)

    def _draft(self, spec: data.DemoDraft, orgs, official):
        organization = orgs[spec.organization]
        draft = Draft.objects.filter(title=spec.title, drafting_organization=organization).first()
        if draft is None:
            fields = {
                "title": spec.title,
                "document_type": spec.document_type,
                "drafting_organization": organization,
                "responsible_official": official if organization.path.startswith(orgs["HP-SGDDT"].path) else None,
                "proposal_consultation_start": self._date(spec.s),
                "draft_consultation_start": self._date(spec.d),
                "adopted_on": self._date(spec.a),
                "issued_number": spec.issued_number,
            }
            if spec.status:
                fields["status"] = spec.status
            draft = draft_services.draft_create(actor=official, **fields)
            self.created["drafts"] += 1

        policies = []
        for position, policy_spec in enumerate(spec.policies, start=1):
            policy = draft.policies.filter(title=policy_spec.title).first()
            if policy is None:
                criteria = policy_spec.high_impact
                policy = draft_services.policy_create(
                    draft=draft,
                    actor=official,
                    title=policy_spec.title,
                    summary=policy_spec.summary,
                    criterion_rights=True,
                    criterion_sensitive=criteria,
                    criterion_wide=True,
                    criterion_not_secret=True,
                    high_impact=policy_spec.high_impact,
                    in_scope=policy_spec.in_scope,
                    assessed_on=self._date(spec.s),
                    position=position,
                )
                self.created["policies"] += 1
            policies.append(policy)

        campaign = None
        if spec.campaign:
            campaign = Campaign.objects.filter(draft=draft, title=spec.campaign).first()
            if campaign is None:
                campaign = campaign_services.campaign_create(
                    draft=draft,
                    actor=official,
                    title=spec.campaign,
                    owner=official,
                    period_start=self._date(spec.s),
                    period_end=self._date(spec.a),
                    planned_channels=list(spec.channels),
                    budget_vnd=spec.budget_vnd,
                )
                self.created["campaigns"] += 1

        for activity_spec in spec.activities:
            if Activity.objects.filter(draft=draft, title=activity_spec.title).exists():
                continue
            evidence = []
            if activity_spec.evidence_pdf:
                evidence.append(
                    SimpleUploadedFile(
                        "bien-ban.pdf", tiny_pdf(activity_spec.evidence_pdf), content_type="application/pdf"
                    )
                )
            campaign_services.activity_create(
                draft=draft,
                actor=official,
                policies=[policies[i] for i in activity_spec.policies],
                evidence=evidence,
                campaign=campaign,
                title=activity_spec.title,
                channel=activity_spec.channel,
                date=self._date(activity_spec.date),
                status=activity_spec.status,
                reach=activity_spec.reach,
            )
            self.created["activities"] += 1

    # Public comments: every source, pending, published and hidden, answered and grouped ---------------------------

    def _comments(self, official):
        for title, specs in data.COMMENTS.items():
            draft = Draft.objects.get(title=title)
            policies = list(draft.policies.order_by("position", "pk"))
            activities = {a.title: a for a in draft.activities.all()}
            made = []
            for index, spec in enumerate(specs):
                day = self._date(spec.day)
                received_at = timezone.make_aware(dt.datetime.combine(day, dt.time(8, 0))) + dt.timedelta(
                    minutes=7 * index
                )
                comment = Comment.objects.filter(draft=draft, text=spec.text).first()  # texts are unique per draft
                if comment is None:
                    comment = self._comment(draft, spec, received_at, policies, activities, official)
                    self.created["comments"] += 1
                    if spec.decision:
                        answering.comment_answer(
                            comment=comment, actor=official, decision=spec.decision, response=spec.response
                        )
                made.append((spec, comment))
            if title in data.GROUPED_DRAFTS:
                self._group_clusters(made, official)

    def _comment(self, draft, spec, received_at, policies, activities, official):
        fields = {
            "policy": policies[spec.policy] if spec.policy is not None else None,
            "activity": activities.get(spec.activity),
            "provision": spec.provision,
            "text": spec.text,
            "submitter_name": spec.name,
            "submitter_organization": spec.organization,
            "received_at": received_at,
        }
        if spec.source != Source.PORTAL:
            return consultation_services.comment_record(draft=draft, actor=official, source=spec.source, **fields)
        # Portal comments are the public's own (the public form's service): stored as it would leave them.
        comment = Comment(draft=draft, source=Source.PORTAL, status=spec.status, **fields)
        comment.phase = rules.phase_on(draft, timezone.localtime(received_at).date())
        if comment.has_personal_data:
            comment.consent_at = received_at
        if spec.status != Status.PENDING:
            comment.moderated_by, comment.moderated_at = official, received_at + dt.timedelta(days=1)
        if spec.status == Status.HIDDEN:
            comment.hidden_reason = HiddenReason.SPAM
        comment.full_clean()
        comment.save()
        return comment

    def _group_clusters(self, made, official):
        clusters = {}
        for spec, comment in made:
            if spec.cluster:
                clusters.setdefault(spec.cluster, []).append(comment)
        for comments in clusters.values():
            comments.sort(key=lambda c: (c.received_at, c.pk))
            representative, members = comments[0], [c for c in comments[1:] if c.group_id is None]
            if members:
                answering.comment_group(representative=representative, members=members, actor=official)

    # Directives (owned by the directives app; loaded only when its models exist) ----------------------------------

    def _directives(self, orgs, actor) -> str:
        try:
            from directives import services as directive_services
            from directives.models import Directive, Requirement  # noqa: F401  (both must exist)
        except ImportError:
            return "skipped (the directives app has no models yet)"
        created = 0
        by_code = {d.code: d for d in Directive.objects.filter(code__in=[spec.code for spec in data.DIRECTIVES])}
        national = Directive.objects.filter(code=data.DECISION_407).first()
        for spec in data.DIRECTIVES:
            if spec.code in by_code:
                continue
            directive = directive_services.directive_create(
                actor=actor,
                code=spec.code,
                kind=spec.kind,
                title=spec.title,
                issuer=spec.issuer,
                issued_on=spec.issued_on,
                applies_to=orgs[spec.applies_to],
                implements=by_code.get(spec.implements) or (national if spec.implements == data.DECISION_407 else None),
            )
            if spec.target_percent is not None:
                directive_services.requirement_create(
                    directive=directive,
                    actor=actor,
                    kind="coverage_target",
                    title=spec.target_title,
                    targets={spec.target_year: Decimal(spec.target_percent)},
                )
            for task_code, title in spec.tasks:
                directive_services.requirement_create(
                    directive=directive, actor=actor, kind="task", task_code=task_code, title=title
                )
            by_code[spec.code] = directive
            created += 1
        return f"{created} created, {len(data.DIRECTIVES) - created} already there"
