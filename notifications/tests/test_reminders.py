import datetime as dt

import pytest
from django.core import mail

from accounts.models import Role
from campaigns.models import Campaign
from notifications import services
from notifications.models import NotificationKind, NotificationPreference, SentNotification
from testbed import factories

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


def _mails(to, kind=None):
    return [
        m for m in mail.outbox if m.to == [to.email] and (kind is None or m.extra_headers["X-Policycomms-Kind"] == kind)
    ]


def test_daily_job_mails_the_responsible_official_and_the_nearest_head(dash, official, head, portal_admin):
    sent = services.send_daily_reminders(today=TODAY)
    # official and head each get one at-risk e-mail and one missing-campaign e-mail (the unit's draft in progress)
    assert sent == 4 and len(mail.outbox) == 4
    assert {tuple(m.to) for m in mail.outbox} == {(official.email,), (head.email,)}
    [message] = _mails(official, NotificationKind.AT_RISK)
    policy = dash.at_risk[0]
    assert policy.title in message.body and dash.at_risk_draft.title in message.body
    assert "01/02/2024" in message.body  # the reason, with the phase start
    assert f"/drafts/{dash.at_risk_draft.pk}/#policy-{policy.pk}" in message.body
    assert message.extra_headers["Content-Language"] == "vi"  # Vietnamese unless the user chose otherwise
    assert not _mails(portal_admin)  # an administrator is not a head
    keys = set(SentNotification.objects.values_list("user_id", "key"))
    assert (official.pk, f"at_risk:{policy.pk}:2024-02-01") in keys
    assert (head.pk, f"missing_campaign:{dash.at_risk_draft.pk}:S") in keys


def test_running_the_daily_job_twice_sends_nothing_twice(dash, head):
    first = services.send_daily_reminders(today=TODAY)
    recorded = SentNotification.objects.count()
    second = services.send_daily_reminders(today=TODAY)
    assert first == 4 and second == 0
    assert len(mail.outbox) == 4 and SentNotification.objects.count() == recorded


def test_a_new_item_after_a_run_is_sent_alone(dash, tree, official):
    services.send_daily_reminders(today=TODAY)
    mail.outbox.clear()
    from dashboards.tests.conftest import make_draft

    draft, _ = make_draft(tree["department"], s=dt.date(2026, 11, 1), d=None, a=None, responsible=official)
    services.send_daily_reminders(today=TODAY)
    assert len(_mails(official)) == 1
    [message] = _mails(official)
    assert draft.title in message.body and dash.at_risk_draft.title not in message.body


def test_a_campaign_stops_the_missing_campaign_reminder(dash, official):
    Campaign.objects.create(draft=dash.at_risk_draft, title="Kế hoạch", period_start=dash.at_risk_draft.proposal_consultation_start)
    services.send_daily_reminders(today=TODAY)
    assert not SentNotification.objects.filter(kind=NotificationKind.MISSING_CAMPAIGN).exists()


def test_opt_out_is_honoured_per_kind(dash, official, head):
    services.preference_update(user=official, at_risk=False, missing_campaign=True, weekly_digest=True)
    services.send_daily_reminders(today=TODAY)
    assert len(_mails(official)) == 1 and _mails(official, NotificationKind.MISSING_CAMPAIGN)
    assert len(_mails(head)) == 2
    assert not SentNotification.objects.filter(user=official, kind=NotificationKind.AT_RISK).exists()


def test_the_recipients_language_is_used(dash, official):
    NotificationPreference.objects.create(user=official, language="en")
    services.send_daily_reminders(today=TODAY)
    assert {m.extra_headers["Content-Language"] for m in _mails(official)} == {"en"}


def test_a_failed_send_records_nothing_so_the_next_run_retries(dash, head, monkeypatch):
    from django.core.mail import EmailMessage

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with pytest.raises(ConnectionRefusedError):
        services.send_daily_reminders(today=TODAY)
    assert not SentNotification.objects.exists()
    monkeypatch.undo()
    assert services.send_daily_reminders(today=TODAY) == 4


def test_weekly_digest_goes_to_each_head_once_a_week(dash, tree, head, official):
    city_head = factories.user_with_role(Role.HEAD, tree["city"], username="cityhead")
    assert services.send_weekly_digests(today=TODAY) == 2
    assert services.send_weekly_digests(today=TODAY + dt.timedelta(days=2)) == 0  # same ISO week
    [digest] = _mails(head)
    assert tree["department"].name in digest.body
    assert dash.at_risk[0].title in digest.body
    assert "/dashboards/HP-SGDDT/?year=2026" in digest.body
    assert _mails(city_head) and not _mails(official)
    assert services.send_weekly_digests(today=TODAY + dt.timedelta(days=7)) == 2  # next week


def test_weekly_digest_opt_out(dash, head):
    services.preference_update(user=head, at_risk=True, missing_campaign=True, weekly_digest=False)
    assert services.send_weekly_digests(today=TODAY) == 0
    assert not mail.outbox


def test_beat_schedule_runs_the_jobs_after_the_nightly_recompute(settings):
    from celery.schedules import crontab

    from policycomms.celery import app

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["notifications-daily-reminders"]["task"] == "notifications.daily_reminders"
    assert schedule["notifications-daily-reminders"]["schedule"] == crontab(hour=7, minute=0)
    assert schedule["notifications-weekly-digest"]["task"] == "notifications.weekly_digest"
    assert schedule["notifications-weekly-digest"]["schedule"] == crontab(hour=7, minute=30, day_of_week="mon")
    assert "coverage-nightly" in schedule  # the coverage jobs are still there
    app.loader.import_default_modules()
    for name in ("notifications.daily_reminders", "notifications.weekly_digest", "dashboards.run_recompute"):
        assert name in app.tasks


def test_beat_tasks_run(dash, head):
    from notifications import tasks

    assert tasks.daily_reminders.delay().get() == 4
    assert tasks.weekly_digest.delay().get() == 1
