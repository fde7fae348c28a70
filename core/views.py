from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static


@login_not_required
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page links; answer with the icon, not a 404."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@login_not_required
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
