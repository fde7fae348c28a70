"""The username django-axes records for a login attempt (``AXES_USERNAME_CALLABLE``)."""

from axes.models import AccessAttempt

_MAX = AccessAttempt._meta.get_field("username").max_length


def axes_username(request, credentials) -> str | None:
    """The submitted username, cut to the column's length: a longer one made PostgreSQL refuse axes' INSERT, so the
    login page answered 500 (found by tests/security/test_fuzz.py). Real usernames are at most 150 characters."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return username[:_MAX] if isinstance(username, str) else username
