import time

from django.conf import settings

RENEWED_AT_KEY = "_renewed_at"  # when the session was last written (epoch seconds), kept in the session itself


class SessionRenewalMiddleware:
    """Keeps a session alive while it is used, writing it at most once per ``SESSION_RENEW_SECONDS``.

    A session is stored with an expiry ``SESSION_COOKIE_AGE`` seconds after it was last written (database row, cache
    entry and cookie alike), so renewing it on every request (``SESSION_SAVE_EVERY_REQUEST``) costs a write per page.
    Here a request renews it only when the last renewal is ``SESSION_RENEW_SECONDS`` old or more; a session changed
    by the request (login, messages, language…) is written anyway and stamped. A session therefore dies after
    between ``SESSION_COOKIE_AGE - SESSION_RENEW_SECONDS`` and ``SESSION_COOKIE_AGE`` seconds without a request:
    never later than the idle limit, at most ``SESSION_RENEW_SECONDS`` earlier.

    Placed right after ``SessionMiddleware`` so its response phase runs just before the session is saved, after
    any view that flushed the session (logout: nothing is renewed then).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None:
            self.renew(session)
        return response

    @staticmethod
    def renew(session) -> None:
        # No cookie (or a logged-out, flushed session): nothing to load, nothing to keep alive.
        if session.session_key is None:
            return
        renewed_at = session.get(RENEWED_AT_KEY)  # loads the session if no one has yet
        # An unknown or expired key loads as an empty session without a key: never create one for it here.
        if session.session_key is None or session.is_empty():
            return
        now = int(time.time())
        stale = not isinstance(renewed_at, int) or not (0 <= now - renewed_at < settings.SESSION_RENEW_SECONDS)
        if stale or session.modified:
            session[RENEWED_AT_KEY] = now  # marks the session modified: SessionMiddleware saves it, cookie too
