
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from accounts import scope
from core.lists import FilteredListMixin
from counting import selectors as counting_selectors
from drafts.timeline import STATUS_LABELS
from organizations.models import Organization
from organizations.selectors import top_organizations

from . import selectors, services
from .filters import PolicySnapshotFilter
from .forms import YearForm

VARY = ("HX-Request", "HX-Target")  # the same URL answers a whole page or the HTMX fragment


def _dashboard_url(organization, year=None):
    url = reverse("dashboards:organization", args=[organization.code])
    return f"{url}?year={year}" if year else url


class IndexView(TemplateView):
    """Straight to the dashboard of the user's highest organization; a page saying why when there is none."""

    template_name = "dashboards/no_organization.html"

    def get(self, request, *args, **kwargs):
        top = top_organizations(request.user).order_by("path").first()
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

    Rendered on every request (``selectors.organization_dashboard``: a fixed number of indexed queries), its counted
    part read from Django's cache under the organization's snapshot stamp; no copy of the page is kept anywhere:
    docs/performance.md, "The dashboard's data in the cache".
    """

    template_name = "dashboards/dashboard.html"
    partial_template_name = "dashboards/_dashboard_body.html"

    def get_template_names(self):
        htmx = self.request.htmx
        if htmx and not htmx.history_restore_request and htmx.target == "dashboard":
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = YearForm(self.request.GET or None)
        year = form.chosen_year()
        dashboard = selectors.organization_dashboard(self.organization, year)
        ctx.update(
            organization=self.organization,
            year=str(year),  # a label, never "2.024": Vietnamese number grouping must not touch years
            year_form=form,
            can_recompute=self.request.user.has_perm("dashboards.request_recompute", self.organization),
            crumbs=self.breadcrumbs(year, (self.organization.name, None)),
            dashboard=dashboard,
            figures=dashboard.figures,
            charts=self.chart_data(dashboard),
            child_rows=dashboard.unit_lines,
        )
        ctx["grace_days"] = settings.CONSULTATION_GRACE_DAYS
        return ctx

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
        patch_vary_headers(response, VARY)
        return response


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
        return counting_selectors.policy_snapshots(self.organization, self.kwargs["year"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year = self.kwargs["year"]
        ctx.update(
            organization=self.organization,
            year=str(year),
            rows=[(snapshot, counting_selectors.policy_row(snapshot)) for snapshot in ctx["object_list"]],
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

