"""Celery tasks of the notifications, run by beat (policycomms/settings.py): idempotent, a second run sends nothing."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="notifications.daily_reminders")
def daily_reminders() -> int:
    from .services import send_daily_reminders

    return send_daily_reminders()


@shared_task(name="notifications.weekly_digest")
def weekly_digest() -> int:
    from .services import send_weekly_digests

    return send_weekly_digests()
