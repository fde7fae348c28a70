"""Writes of the notifications app: e-mail preferences, the daily reminders and the weekly digests."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Membership, Role
from counting.reasons import reason_for
from counting.selectors import at_risk_snapshots
from drafts import counting as c

from . import selectors
from .models import NotificationKind, NotificationPreference, SentNotification

DEFAULT_LANGUAGE = "vi"


def preference_for(user) -> NotificationPreference:
    """The user's preferences; an unsaved default (every kind, Vietnamese) when they never chose."""
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user, language=DEFAULT_LANGUAGE)


@transaction.atomic
def preference_update(
    *, user, at_risk: bool, missing_campaign: bool, weekly_digest: bool, language: str = DEFAULT_LANGUAGE
) -> NotificationPreference:
    preference = NotificationPreference.objects.select_for_update().filter(user=user).first()
    preference = preference or NotificationPreference(user=user)
    preference.at_risk = at_risk
    preference.missing_campaign = missing_campaign
    preference.weekly_digest = weekly_digest
    preference.language = language
    preference.full_clean()
    preference.save()
    return preference


@dataclass
class _Outbox:
    """Items to send, grouped per (user, kind): each item has a unique key and what its template needs."""

    items: dict[tuple[int, str], list[tuple[str, dict]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, user_ids, kind: str, key: str, item: dict):
        for user_id in {pk for pk in user_ids if pk is not None}:
            self.items[(user_id, kind)].append((key, item))


def _absolute(path: str) -> str:
    return getattr(settings, "PORTAL_BASE_URL", "http://localhost:8000").rstrip("/") + path


def _recipients(user_ids):
    return {
        user.pk: user
        for user in get_user_model()
        .objects.filter(pk__in=set(user_ids), is_active=True)
        .exclude(email="")
        .select_related("notification_preference")
    }


def _claim(user, kind: str, key: str, today: dt.date) -> bool:
    """Record that this item goes to this user; False when it already went (the unique constraint decides)."""
    _, created = SentNotification.objects.get_or_create(user=user, kind=kind, key=key, defaults={"sent_on": today})
    return created


def _deliver(outbox: _Outbox, today: dt.date, render) -> int:
    """One e-mail per user and kind with the items not sent before. Claims and e-mail share a transaction: a
    failed send leaves nothing recorded, so the next run tries again; a second run finds every key taken."""
    users = _recipients(user_id for user_id, _ in outbox.items)
    sent = 0
    for (user_id, kind), entries in sorted(outbox.items.items()):
        user = users.get(user_id)
        if user is None:
            continue
        preference = preference_for(user)
        if not preference.wants(kind):
            continue
        with transaction.atomic():
            fresh = [item for key, item in entries if _claim(user, kind, key, today)]
            if not fresh:
                continue
            language = preference.language or DEFAULT_LANGUAGE
            with translation.override(language):
                subject, body = render(kind, user, fresh)
            EmailMessage(subject=subject, body=body, to=[user.email], headers={"Content-Language": language, "X-Policycomms-Kind": kind}).send()
            sent += 1
    return sent


def _render(kind: str, user, items: list[dict], extra: dict | None = None) -> tuple[str, str]:
    context = {
        "user": user,
        "items": items,
        "preferences_url": _absolute(reverse("notifications:preferences")),
        **(extra or {}),
    }
    subject = render_to_string(f"notifications/email/{kind}_subject.txt", context)
    body = render_to_string(f"notifications/email/{kind}.txt", context)
    return " ".join(subject.split()), body


def _render_daily(kind: str, user, items: list[dict]) -> tuple[str, str]:
    if kind == NotificationKind.AT_RISK:
        # The reason is rebuilt now, inside the recipient's language.
        items = [{**item, "reason": reason_for(**item["reason_args"])} for item in items]
    return _render(kind, user, items)


def send_daily_reminders(*, today: dt.date | None = None) -> int:
    """E-mail the responsible official and the nearest head(s) about policies that became at risk and drafts that
    entered consultation without a campaign. Safe to run twice: an item goes to a user once. Returns e-mails sent."""
    today = today or timezone.localdate()
    outbox = _Outbox()

    at_risk = list(at_risk_snapshots())
    drafts = list(selectors.drafts_in_consultation_without_campaign(today))
    heads = selectors.nearest_heads(
        {s.draft.drafting_organization for s in at_risk} | {d.drafting_organization for d in drafts}
    )

    for snapshot in at_risk:
        draft = snapshot.draft
        # The first day of the phase the policy was judged in: a new phase is a new reminder.
        phase_start = c.current_phase(c.window(snapshot.s, snapshot.d, snapshot.a), snapshot.judged_on).first_day
        outbox.add(
            [draft.responsible_official_id, *heads.get(draft.drafting_organization_id, [])],
            NotificationKind.AT_RISK,
            f"at_risk:{snapshot.policy_id}:{phase_start.isoformat()}",
            {
                "policy_title": snapshot.policy.title,
                "draft_title": draft.title,
                "organization_name": draft.drafting_organization.name,
                "url": _absolute(reverse("drafts:detail", args=[draft.pk]) + f"#policy-{snapshot.policy_id}"),
                "reason_args": {
                    "status": snapshot.status, "s": snapshot.s, "d": snapshot.d, "a": snapshot.a,
                    "has_proposal": snapshot.has_proposal, "has_draft": snapshot.has_draft, "as_of": snapshot.judged_on,
                },
            },
        )

    for draft in drafts:
        current = c.current_phase(
            c.window(draft.proposal_consultation_start, draft.draft_consultation_start, draft.adopted_on), today
        )
        phase, started = ("D" if current.key == c.DRAFT else "S"), current.first_day
        outbox.add(
            [draft.responsible_official_id, *heads.get(draft.drafting_organization_id, [])],
            NotificationKind.MISSING_CAMPAIGN,
            f"missing_campaign:{draft.pk}:{phase}",
            {
                "draft_title": draft.title,
                "organization_name": draft.drafting_organization.name,
                "phase": phase,
                "started": started,
                "url": _absolute(reverse("drafts:detail", args=[draft.pk])),
            },
        )
    return _deliver(outbox, today, _render_daily)


def send_weekly_digests(*, today: dt.date | None = None) -> int:
    """Each head gets this year's coverage of each organization they head, and its at-risk list, once a week."""
    today = today or timezone.localdate()
    iso = today.isocalendar()
    outbox = _Outbox()
    organizations = {}
    for membership in Membership.objects.filter(role=Role.HEAD).select_related("organization").order_by("pk"):
        org = membership.organization
        organizations[org.pk] = org
        outbox.add(
            [membership.user_id],
            NotificationKind.WEEKLY_DIGEST,
            f"weekly_digest:{org.pk}:{iso.year}-W{iso.week:02d}",
            {"organization_id": org.pk},
        )

    def render(kind, user, items):
        digests = []
        for item in items:
            org = organizations[item["organization_id"]]
            digest = selectors.digest_for(org, today.year, today=today)
            digests.append(
                {
                    **digest,
                    "pending_comments": [
                        (draft, n, _absolute(reverse("consultation:draft", kwargs={"draft_id": draft.pk})))
                        for draft, n in digest["pending_comments"]
                    ],
                    "comments_at_risk": [
                        (row, _absolute(reverse("drafts:detail", args=[row.draft_id]))) for row in digest["comments_at_risk"]
                    ],
                    "posting_warnings": [
                        (w, _absolute(reverse("drafts:detail", args=[w.draft.pk]) + "#postings")) for w in digest["posting_warnings"]
                    ],
                    "organization": org,
                    "url": _absolute(reverse("dashboards:organization", args=[org.code]) + f"?year={today.year}"),
                }
            )
        return _render(kind, user, digests, {"year": str(today.year), "week": str(iso.week)})

    return _deliver(outbox, today, render)
