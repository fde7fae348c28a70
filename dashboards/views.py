import hashlib
import logging
from urllib.parse import quote

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts import scope
from core.lists import FilteredListMixin
from core.localcopies import LocalCopies
from counting import selectors as coverage_selectors
from counting.hooks import data_version
from drafts.timeline import STATUS_LABELS
from organizations.models import Organization

from . import selectors, services
from .filters import PolicySnapshotFilter
from .forms import NotificationPreferenceForm, YearForm

logger = logging.getLogger(__name__)

CONTENT_CACHE_SECONDS = 10 * 60  # a safety net: every change that shows moves the data version on anyway
LOCAL_CONTENT_SECONDS = 60  # how long a process keeps its own copy of a page it found in (or put into) the cache
LOCAL_CONTENT_PAGES = 32  # how many contents a process keeps (≈ 135 KB each for a large province)
# Whole pages a process keeps (each of one user): more than the users one process serves between two changes, as a
# full round over more users than that finds none (20–140 KB a page: the bytes are bounded too).
LOCAL_PAGES = 1000
LOCAL_PAGES_BYTES = 48 * 1024 * 1024
SHARED_PAGE_SECONDS = 5 * 60  # a whole page in the shared cache, for the other processes: one Monday visit's length
CSRF_PLACEHOLDER = "csrf-token-placeholder-0f3b8e"  # rendered in place of the user's token, swapped in per request
CSRF_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
VARY = ("HX-Request", "HX-Target")  # the same URL answers a whole page or the HTMX fragment


local_copies = LocalCopies(LOCAL_CONTENT_PAGES, LOCAL_CONTENT_SECONDS)  # the body content, shared by users
page_copies = LocalCopies(LOCAL_PAGES, LOCAL_CONTENT_SECONDS, max_bytes=LOCAL_PAGES_BYTES)  # whole pages, per user


def _cache_call(method, *args):
    """A cache read or write that never fails the page: without Redis the dashboard is rendered every time."""
    try:
        return method(*args)
    except Exception:
        logger.warning("dashboards: cache unavailable", exc_info=True)
        return None


def _find_kept(copies: LocalCopies, key, shared_key: str):
    """This process's copy, else the shared cache's (then kept here too); None when neither has it."""
    value = copies.get(key)
    if value is None:
        value = _cache_call(cache.get, shared_key)
        if value is not None:
            copies.set(key, value)
    return value


def _keep(copies: LocalCopies, key, shared_key: str, value, seconds: int) -> None:
    """Kept by this process and, for the others, in the shared cache."""
    _cache_call(cache.set, shared_key, value, seconds)
    copies.set(key, value)


def _dashboard_url(organization, year=None):
    url = reverse("dashboards:organization", args=[organization.code])
    return f"{url}?year={year}" if year else url


def shared_page_key(page_key) -> str:
    """The shared cache's key of a whole page kept under ``page_key`` (see ``DashboardView.whole_page_key``)."""
    return "dashboards:page:" + hashlib.sha256(repr(page_key).encode()).hexdigest()


class IndexView(TemplateView):
    """Straight to the dashboard of the user's highest organization; a page saying why when there is none."""

    template_name = "dashboards/no_organization.html"

    def get(self, request, *args, **kwargs):
        top = scope.top_organizations(request.user).order_by("path").first()
        if top is not None:
            return redirect(_dashboard_url(top))
        return super().get(request, *args, **kwargs)


class OrganizationMixin:
    """The organization named in the URL, fetched through the user's read scope: 404 outside it."""

    @cached_property
    def organization(self):
        visible = Organization.objects.filter(scope.scope_q(self.request.user, "path"))
        return get_object_or_404(visible, code=self.kwargs["code"])

    def breadcrumbs(self, year, *tail):
        """The path from the user's highest readable organization down to this one. An ancestor's path is a prefix
        of this organization's, so which ancestors the user may read is known before any query; only those are
        fetched, for their names (none for a head whose membership is on this organization itself)."""
        user = self.request.user
        ids = self.organization.ancestor_ids()[:-1]
        readable = [
            pk for depth, pk in enumerate(ids)
            if scope.can_read(user, Organization(pk=pk, path="/" + "".join(f"{i}/" for i in ids[: depth + 1])))
        ]
        ancestors = Organization.objects.filter(pk__in=readable).order_by("depth") if readable else ()
        return [*((o.name, _dashboard_url(o, year)) for o in ancestors), *tail]


class DashboardView(OrganizationMixin, TemplateView):
    """The dashboard of an organization's subtree for a year: a whole page, or the HTMX fragment of its body.

    Two caches, both keyed on everything their output depends on, the data version (``counting.hooks``) included:

    * The body's content (figures, tables, charts; ``_dashboard_content.html``) is the expensive part and is the
      same for every user who sees it with the same language and right to recompute: it is kept in the shared
      cache, and each process keeps its own copies of what it found there (``local_copies``).
    * The whole page, of one user (their name, breadcrumbs and right to recompute are on it), is kept by each
      process (``page_copies``) and, for the other processes, in the shared cache, under that user's access version
      (``accounts.backends``: any change of a user, membership or organization moves it), the data version and the
      request's full path: a repeated visit is answered from it without a query or a template.

    Pages are rendered with a placeholder for the CSRF token, swapped for the request's own token on the way out
    (a kept page is kept cut at the placeholders).
    """

    template_name = "dashboards/dashboard.html"
    partial_template_name = "dashboards/_dashboard_body.html"
    content_template_name = "dashboards/_dashboard_content.html"
    content_cached = False  # set when this request's content was found in, or stored into, the cache

    def get(self, request, *args, **kwargs):
        self.page_key = self.whole_page_key()
        parts = _find_kept(page_copies, self.page_key, shared_page_key(self.page_key)) if self.page_key else None
        if parts is not None:  # the page, cut where the CSRF token goes
            response = HttpResponse()
            self.answer(response, parts)
            return response
        return super().get(request, *args, **kwargs)

    def whole_page_key(self):
        """What a whole page depends on beyond what its content does; None: do not keep this page or look for it.
        Not for HTMX fragments, nor while messages wait to be shown (they would be rendered into the page)."""
        request = self.request
        access_version = getattr(request.user, "access_version", None)
        if access_version is None or request.method != "GET" or request.htmx or len(messages.get_messages(request)):
            return None
        if self.data_version is None:
            return None
        # Only validated parameters go into the key: the year, if one was given and is valid. Any other parameter
        # changes nothing on the page, so it must not make a new copy (300 junk queries made 300 pages of 32 KB);
        # an invalid year is rendered with its error and never kept.
        form = YearForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return None
        year = form.cleaned_data.get("year") if form.is_bound else None
        return (
            request.user.pk,
            access_version,
            self.data_version,
            request.path,
            year,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),
        )

    @cached_property
    def data_version(self):
        return data_version()

    def get_template_names(self):
        htmx = self.request.htmx
        if htmx and not htmx.history_restore_request and htmx.target == "dashboard":
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = YearForm(self.request.GET or None)
        year = form.chosen_year()
        ctx.update(
            organization=self.organization,
            year=str(year),  # a label, never "2.024": Vietnamese number grouping must not touch years
            year_form=form,
            can_recompute=self.request.user.has_perm("dashboards.request_recompute", self.organization),
            crumbs=self.breadcrumbs(year, (self.organization.name, None)),
            csrf_token=CSRF_PLACEHOLDER,  # every form of the page, base.html's included; see keep_and_respond()
        )
        ctx["dashboard_content"] = self.content(ctx, year)
        return ctx

    def content(self, ctx, year: int):
        """The rendered body content, from the cache when its key matches (see ``content_cache_key``): this
        process's own copy first (``LocalCopies``), then the shared cache."""
        key = None if ctx["year_form"].errors else self.content_cache_key(year, ctx["can_recompute"])
        html = _find_kept(local_copies, key, key) if key else None
        if html is not None:
            self.content_cached = True
        else:
            # Asked before reading: figures read after a pending change was recomputed are stored under this key
            # only if that recompute committed before this question (a change meanwhile moves the version on).
            settled = key is not None and coverage_selectors.figures_settled()
            dashboard = selectors.organization_dashboard(self.organization, year)
            html = render_to_string(
                self.content_template_name,
                {
                    **ctx,
                    "dashboard": dashboard,
                    "figures": dashboard.figures,
                    "charts": self.chart_data(dashboard),
                    "child_rows": self.child_rows(dashboard, year),
                },
                request=self.request,
            )
            # Not while a recompute runs (its status line links to this request's URL and polls) nor while saved
            # changes wait for theirs (the figures are about to change): the next request renders afresh.
            recompute = dashboard.latest_recompute
            if settled and not (recompute and recompute.is_active):
                _keep(local_copies, key, key, html, CONTENT_CACHE_SECONDS)
                self.content_cached = True
        # The body was rendered by our auto-escaping template; the CSRF placeholder is swapped on the way out.
        return mark_safe(html)  # nosec B308 B703

    def content_cache_key(self, year: int, can_recompute: bool) -> str | None:
        """Everything the content depends on: the organization and year, the language, time zone and day it is
        rendered in, whether the user may recompute, and the data: ``coverage:data-version``, moved on by every
        write hook, by a recompute that stamps its years and by the dashboards' signals. None: do not cache."""
        if self.data_version is None:
            return None
        parts = (
            self.organization.pk,
            year,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),
            int(can_recompute),
            self.data_version,
        )
        return "dashboards:content:" + hashlib.sha256(repr(parts).encode()).hexdigest()

    @staticmethod
    def child_rows(dashboard, year: int):
        """Each child row with its dashboard and policy-list URLs: each URL reversed once, the code put in after."""
        placeholder = "__code__"
        dashboard_url = reverse("dashboards:organization", args=[placeholder])
        policies_url = reverse("dashboards:policies", args=[placeholder, year])
        rows = []
        for row in dashboard.children:
            code = quote(row.organization.code, safe=RFC3986_SUBDELIMS + "/~:@")  # as reverse() quotes arguments
            rows.append((row, dashboard_url.replace(placeholder, code), policies_url.replace(placeholder, code)))
        return rows

    @staticmethod
    def chart_data(dashboard):
        """Per chart: what Chart.js draws (``chart``, passed with json_script) and the same data as table rows."""
        trend = [(str(year), f.percent if f else None) for year, f in dashboard.trend]
        channels = [(label, n) for _code, label, n in dashboard.channels]
        months = [(f"{month:02d}/{dashboard.year}", n) for month, n in dashboard.months]

        def chart(rows, label, kind, **options):
            values = [float(v) if v is not None else None for _l, v in rows]
            return {
                "chart": {"labels": [name for name, _v in rows], "values": values, "label": label, "kind": kind, **options},
                "rows": rows,
            }

        return {
            "trend": chart(trend, _("Coverage (%)"), "bar", max=100),
            "channels": chart(channels, _("Activities done"), "bar", horizontal=True),
            "months": chart(months, _("Activities done"), "line"),
        }

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response.add_post_render_callback(self.keep_and_respond)
        return response

    def keep_and_respond(self, response):
        """After rendering: keep the page (with its placeholder) when its content could be cached, then answer."""
        parts = response.content.split(CSRF_PLACEHOLDER_BYTES)
        if self.page_key and self.content_cached:
            _keep(page_copies, self.page_key, shared_page_key(self.page_key), parts, SHARED_PAGE_SECONDS)
        self.answer(response, parts)

    def answer(self, response, parts):
        """The page's parts joined by the request's own CSRF token (``get_token`` also sees that the cookie is
        set); the same URL answers a whole page or the HTMX fragment, so caches must keep them apart."""
        response.content = get_token(self.request).encode().join(parts)
        patch_vary_headers(response, VARY)


class PolicyListView(OrganizationMixin, FilteredListMixin, ListView):
    """The policies behind a dashboard's figures, each with its status and the one-sentence reason."""

    template_name = "dashboards/policy_list.html"
    paginate_by = 25
    filterset_class = PolicySnapshotFilter
    sort_fields = {
        "organization": ("organization__path", "draft_id"),
        "draft": ("draft__title",),
        "policy": ("policy__title",),
        "status": ("status",),
    }
    default_sort = "organization"

    def get_base_queryset(self):
        return selectors.policy_snapshots_for(self.organization, self.kwargs["year"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year = self.kwargs["year"]
        ctx.update(
            organization=self.organization,
            year=str(year),
            rows=[(snapshot, selectors.policy_row(snapshot)) for snapshot in ctx["object_list"]],
            status_labels=STATUS_LABELS,
            dashboard_url=_dashboard_url(self.organization, year),
            breadcrumbs=self.breadcrumbs(
                year,
                (self.organization.name, _dashboard_url(self.organization, year)),
                (_("Policies %(year)s") % {"year": year}, None),
            ),
        )
        return ctx


class RecomputeView(OrganizationMixin, View):
    """POST: ask for the figures to be recomputed in the background; the page polls the request's status."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        organization = self.organization
        if not request.user.has_perm("dashboards.request_recompute", organization):
            raise PermissionDenied
        form = YearForm(request.POST)
        if not form.is_valid() or not form.cleaned_data.get("year"):
            messages.error(request, _("Choose a valid year to recompute."))
            return HttpResponseRedirect(_dashboard_url(organization))
        year = form.cleaned_data["year"]
        recompute = services.recompute_request(organization=organization, year=year, actor=request.user)
        recompute.refresh_from_db()  # with an eager worker (development) the job has already run
        if request.htmx:
            response = render(
                request, "dashboards/_recompute_status.html", {"recompute": recompute, "polling": recompute.is_active}
            )
            if not recompute.is_active:  # finished already (eager mode): show the new figures at once
                response["HX-Trigger"] = "dashboard-refresh"
            return response
        messages.info(request, _("The figures are being recomputed. Reload this page in a moment to see them."))
        return HttpResponseRedirect(_dashboard_url(organization, year))


class RecomputeStatusView(View):
    """The HTMX-polled progress of a recompute request; once it ends the dashboard reloads its figures."""

    def get(self, request, pk):
        recompute = get_object_or_404(selectors.recompute_requests_visible_to(request.user), pk=pk)
        if not request.htmx:
            return HttpResponseRedirect(_dashboard_url(recompute.organization, recompute.year))
        response = render(
            request, "dashboards/_recompute_status.html", {"recompute": recompute, "polling": recompute.is_active}
        )
        if not recompute.is_active:
            response["HX-Trigger"] = "dashboard-refresh"
        return response


class PreferencesView(FormView):
    template_name = "dashboards/preferences.html"
    form_class = NotificationPreferenceForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": services.preference_for(self.request.user)}

    def form_valid(self, form):
        services.preference_update(user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Your e-mail preferences were saved."))
        return HttpResponseRedirect(reverse("dashboards:preferences"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["breadcrumbs"] = [(_("Dashboard"), reverse("dashboards:index")), (_("E-mail preferences"), None)]
        return ctx
