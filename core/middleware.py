from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control


class SecurityHeadersMiddleware:
    """Adds the headers Django 5.2 does not set itself (CSP, Permissions-Policy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A view that must be framed by agencies' e-portals (the public embed) sets its own policy.
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        return response


class PrivateNoStoreMiddleware:
    """``Cache-Control: private, no-store`` on every API response and every response to a logged-in request: what
    such a page shows depends on who asks, and a shared or browser cache must not keep it (issue 15, point 13).

    Directives a view set already stay (``patch_cache_control`` merges; ``private`` replaces ``public``). Anonymous
    requests outside the API (public pages, the Atom feed) keep their own headers; static files are answered by
    WhiteNoise before this runs. Without a session cookie the request is anonymous for the pages, so the session is
    not even read (reading it would add ``Vary: Cookie`` to the public pages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/api/") or self._logged_in(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def _logged_in(request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated


class MethodNotAllowedPageMiddleware:
    """A page instead of Django's empty 405 answer, e.g. for ``GET /reports/exports/new/`` typed or bookmarked
    (issue 15 point 15): it says the address only takes a form's submission and leads back. The ``Allow`` header
    stays; the API answers its own 405 in JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and not request.path_info.startswith("/api/"):
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response
