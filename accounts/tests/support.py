"""Helpers for tests that age sessions by hand."""

from django.contrib.sessions.models import Session


def end_session_now(session_key: str, expire_date) -> None:
    """Give a stored session another expiry, as time passing would."""
    Session.objects.filter(session_key=session_key).update(expire_date=expire_date)
