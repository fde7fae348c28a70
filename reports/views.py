from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from accounts import scope
from accounts.models import Role
from core.lists import FilteredListMixin
from core.typed import report_year_range
from organizations.selectors import organizations_visible_to, top_organizations

from . import builder, exports, problems, selectors, signoffs
from .filters import AuditFilter, ExportJobFilter, ProblemFilter
from .forms import (
    ConsultationExportForm,
    ConsultationReportForm,
    ExportRequestForm,
    ProblemAnswerForm,
    ProblemForm,
    ReportTextForm,
)
from .models import ExportFormat, ExportJob, ExportStatus, Problem, ProblemStatus, SignOff
from .renderers import CONTENT_TYPES, common


def _service_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ReportIndexView(TemplateView):
    """Where the reports start: the user's organizations and the recent years."""

    template_name = "reports/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        ctx["years"] = list(range(this_year, 2021, -1))[:4]
        ctx["organizations"] = top_organizations(self.request.user).order_by("path")
        ctx["breadcrumbs"] = [(_("Annual reports"), None)]
        return ctx


class ReportMixin:
    """The organization (by code, 404 outside the read scope) and year of the URL."""

    @cached_property
    def organization(self):
        return get_object_or_404(organizations_visible_to(self.request.user), code=self.kwargs["code"])

    @property
    def year(self):
        year = self.kwargs["year"]
        low, high = report_year_range()
        if not low <= year <= high:
            raise Http404(_("There is no report for that year."))
        return year

    def report_url(self):
        return reverse("reports:annual", args=[self.organization.code, self.year])

    def report_breadcrumbs(self, *tail):
        return [
            (_("Annual reports"), reverse("reports:index")),
            (f"{self.organization.name} · {self.year}", self.report_url() if tail else None),
            *tail,
        ]


class AnnualReportView(ReportMixin, TemplateView):
    template_name = "reports/annual.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, organization = self.request.user, self.organization
        report = builder.build_annual_report(organization=organization, year=self.year)
        history = list(selectors.signoffs_for(organization, self.year))
        latest = history[0] if history else None
        diff = None
        if latest is not None:
            signed = builder.build_annual_report(organization=organization, year=self.year, signoff=latest)
            diff = selectors.report_diff(signed, report)
        ctx.update(
            common.document_context(report),
            organization=organization,
            year=self.year,
            history=history,
            latest=latest,
            diff=diff,
            can_sign_off=scope.can_sign_off(user, organization),
            can_export=scope.can_export(user, organization),
            formats=ExportFormat.choices,
            recent_exports=selectors.export_jobs_for(user).filter(organization=organization, year=self.year, draft__isnull=True)[:5],
            previous_year=self.year - 1 if self.year > 2022 else None,
            next_year=self.year + 1,
            breadcrumbs=self.report_breadcrumbs(),
        )
        return ctx


class ReportTextView(ReportMixin, FormView):
    template_name = "reports/report_text_form.html"
    form_class = ReportTextForm

    def dispatch(self, request, *args, **kwargs):
        if not scope.can_sign_off(request.user, self.organization):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        text = selectors.report_text_for(self.organization, self.year)
        return {"difficulties": text["difficulties"], "recommendations": text["recommendations"]}

    def form_valid(self, form):
        try:
            signoffs.report_text_save(
                organization=self.organization, year=self.year, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The difficulties and recommendations were saved."))
        return HttpResponseRedirect(self.report_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            organization=self.organization,
            year=self.year,
            saved=selectors.report_text_for(self.organization, self.year)["saved"],
            breadcrumbs=self.report_breadcrumbs((_("Difficulties and recommendations"), None)),
        )
        return ctx


class SignOffView(ReportMixin, TemplateView):
    """GET: what signing off means; POST: sign off (a new frozen version)."""

    template_name = "reports/signoff_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if not scope.can_sign_off(request.user, self.organization):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        report = builder.build_annual_report(organization=self.organization, year=self.year)
        ctx.update(
            organization=self.organization,
            year=self.year,
            report=report,
            latest=selectors.signoffs_for(self.organization, self.year).first(),
            breadcrumbs=self.report_breadcrumbs((_("Sign off"), None)),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        signoff = signoffs.signoff_create(organization=self.organization, year=self.year, actor=request.user)
        messages.success(
            request, _("You signed off the %(year)s figures (version %(v)d).") % {"year": self.year, "v": signoff.version}
        )
        return HttpResponseRedirect(reverse("reports:signoff_detail", args=[signoff.pk]))


class SignOffDetailView(DetailView):
    template_name = "reports/signoff_detail.html"
    context_object_name = "signoff"

    def get_object(self, queryset=None):
        return get_object_or_404(
            SignOff.objects.visible_to(self.request.user).select_related("organization", "signed_by"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        signoff, user = self.object, self.request.user
        signed = builder.build_annual_report(organization=signoff.organization, year=signoff.year, signoff=signoff)
        current = builder.build_annual_report(organization=signoff.organization, year=signoff.year)
        ctx.update(
            common.document_context(signed),
            organization=signoff.organization,
            year=signoff.year,
            diff=selectors.report_diff(signed, current),
            history=selectors.signoffs_for(signoff.organization, signoff.year),
            can_export=scope.can_export(user, signoff.organization),
            formats=ExportFormat.choices,
            breadcrumbs=[
                (_("Annual reports"), reverse("reports:index")),
                (
                    f"{signoff.organization.name} · {signoff.year}",
                    reverse("reports:annual", args=[signoff.organization.code, signoff.year]),
                ),
                (_("Version %(v)d") % {"v": signoff.version}, None),
            ],
        )
        return ctx


# --- exports ------------------------------------------------------------------------------------------------------


class ExportCreateView(View):
    """POST only: queue an export and answer at once with its status page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ExportRequestForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The export request was incomplete: %(errors)s") % {"errors": form.errors.as_text()})
            return HttpResponseRedirect(reverse("reports:export_list"))
        data = form.cleaned_data
        organization = get_object_or_404(organizations_visible_to(request.user), code=data["organization"])
        if not scope.can_export(request.user, organization):
            raise PermissionDenied
        signoff = None
        if data.get("signoff"):
            signoff = get_object_or_404(
                SignOff.objects.visible_to(request.user), pk=data["signoff"], organization=organization, year=data["year"]
            )
        job = exports.export_job_create(
            organization=organization, year=data["year"], format=data["format"], actor=request.user, signoff=signoff
        )
        messages.info(request, _("Your export was queued. This page shows its progress."))
        return HttpResponseRedirect(reverse("reports:export_status", args=[job.pk]))


class ExportJobMixin:
    @cached_property
    def job(self):
        job = get_object_or_404(
            ExportJob.objects.visible_to(self.request.user).select_related("organization", "requested_by", "signoff", "draft"),
            pk=self.kwargs["pk"],
        )
        if not scope.can_export(self.request.user, job.organization):
            raise PermissionDenied
        return job


def _job_json(job):
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": job.get_status_display(),
        "progress": job.progress,
        "error": job.error,
        "download_url": reverse("reports:export_download", args=[job.pk]) if job.status == ExportStatus.DONE else None,
    }


class ExportStatusView(ExportJobMixin, View):
    """The job's progress: a page, an HTMX fragment that polls itself, or JSON (``?format=json``)."""

    def get(self, request, *args, **kwargs):
        job = self.job
        if request.GET.get("format") == "json" or "application/json" in request.headers.get("Accept", ""):
            return JsonResponse(_job_json(job))
        ctx = {"job": job}
        if request.htmx:
            return render(request, "reports/includes/export_status.html", ctx)
        ctx["breadcrumbs"] = [(_("Exports"), reverse("reports:export_list")), (str(job), None)]
        return render(request, "reports/export_detail.html", ctx)


class ExportDownloadView(ExportJobMixin, View):
    def get(self, request, *args, **kwargs):
        job = self.job
        if job.status != ExportStatus.DONE or not job.file:
            raise Http404(_("This export has no file yet."))
        response = FileResponse(
            job.file.open("rb"), as_attachment=True, filename=job.download_name, content_type=CONTENT_TYPES[job.format]
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class ExportRetryView(ExportJobMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            exports.export_job_retry(job=self.job, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.info(request, _("The export was queued again."))
        return HttpResponseRedirect(reverse("reports:export_status", args=[self.job.pk]))


class ExportListView(FilteredListMixin, ListView):
    template_name = "reports/export_list.html"
    paginate_by = 25
    filterset_class = ExportJobFilter
    sort_fields = {
        "created": ("created_at",),
        "organization": ("organization__name",),
        "year": ("year",),
        "format": ("format",),
        "status": ("status",),
        "requested_by": ("requested_by__username",),
    }
    default_sort = "-created"

    def get_base_queryset(self):
        return selectors.export_jobs_for(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["breadcrumbs"] = [(_("Annual reports"), reverse("reports:index")), (_("Exports"), None)]
        return ctx


# --- audit --------------------------------------------------------------------------------------------------------


class AuditLogView(FilteredListMixin, ListView):
    template_name = "reports/audit_list.html"
    paginate_by = 50
    filterset_class = AuditFilter
    sort_fields = {"timestamp": ("timestamp",), "object": ("object_repr",)}
    default_sort = "-timestamp"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_superuser or scope.has_any_role(request.user, (Role.INSPECTOR,))):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.audit_entries_for(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["breadcrumbs"] = [(_("Annual reports"), reverse("reports:index")), (_("Audit log"), None)]
        return ctx


# --- problems -----------------------------------------------------------------------------------------------------


class ProblemListView(FilteredListMixin, ListView):
    """Inspectors: the queue of their scope. Officials and heads: the problems of their organizations."""

    template_name = "reports/problem_list.html"
    paginate_by = 25
    filterset_class = ProblemFilter
    sort_fields = {
        "created": ("created_at",),
        "title": ("title",),
        "organization": ("organization__name",),
        "status": ("status",),
    }
    default_sort = "-created"

    def get_base_queryset(self):
        return Problem.objects.visible_to(self.request.user).select_related("organization", "created_by", "directive")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_file"] = scope.has_any_role(user, (Role.OFFICIAL, Role.HEAD))
        ctx["is_inspector"] = scope.has_any_role(user, (Role.INSPECTOR,))
        ctx["breadcrumbs"] = [(_("Problems reported to the Inspectorate"), None)]
        return ctx


class ProblemCreateView(FormView):
    template_name = "reports/problem_form.html"
    form_class = ProblemForm

    def dispatch(self, request, *args, **kwargs):
        if not scope.has_any_role(request.user, (Role.OFFICIAL, Role.HEAD)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        from accounts.models import EDIT_ROLES
        from accounts.scope import scope_q
        from directives.models import Directive
        from organizations.models import Organization

        kwargs = super().get_form_kwargs()
        kwargs["organizations"] = Organization.objects.filter(scope_q(self.request.user, "path", EDIT_ROLES)).order_by("path")
        kwargs["directives"] = Directive.objects.order_by("-issued_on", "code")
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        oversized = getattr(self.request, "oversized_uploads", {}).get("attachments")
        if oversized:
            form.add_error("attachments", _("These files are too large and were not received: %(names)s.") % {"names": ", ".join(oversized)})
            return self.form_invalid(form)
        try:
            problem = problems.problem_create(
                organization=data["organization"],
                actor=self.request.user,
                title=data["title"],
                description=data["description"],
                location=data["location"],
                directive=data["directive"],
                attachments=data["attachments"],
            )
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your problem was sent to the Inspectorate."))
        return HttpResponseRedirect(reverse("reports:problem_detail", args=[problem.pk]))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["breadcrumbs"] = [
            (_("Problems reported to the Inspectorate"), reverse("reports:problem_list")),
            (_("Report a problem"), None),
        ]
        return ctx


class ProblemMixin:
    @cached_property
    def problem(self):
        return get_object_or_404(
            Problem.objects.visible_to(self.request.user).select_related("organization", "created_by", "answered_by"),
            pk=self.kwargs["pk"],
        )

    def require_inspector(self):
        if not problems.can_answer_problem(self.request.user, self.problem):
            raise PermissionDenied


class ProblemDetailView(ProblemMixin, FormView):
    """The problem; for inspectors above it, the answer form (POST answers)."""

    template_name = "reports/problem_detail.html"
    form_class = ProblemAnswerForm

    def post(self, request, *args, **kwargs):
        self.require_inspector()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"answer": self.problem.answer}

    def form_valid(self, form):
        try:
            problems.problem_answer(problem=self.problem, actor=self.request.user, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The answer was sent to the official by e-mail."))
        return HttpResponseRedirect(reverse("reports:problem_detail", args=[self.problem.pk]))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        problem = self.problem
        ctx.update(
            problem=problem,
            attachments=problem.attachments.all(),
            can_answer=problems.can_answer_problem(self.request.user, problem) and problem.status != ProblemStatus.CLOSED,
            breadcrumbs=[
                (_("Problems reported to the Inspectorate"), reverse("reports:problem_list")),
                (problem.title, None),
            ],
        )
        return ctx


class ProblemCloseView(ProblemMixin, TemplateView):
    """GET: confirm closing; POST: close."""

    template_name = "reports/problem_close.html"

    def dispatch(self, request, *args, **kwargs):
        self.require_inspector()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["problem"] = self.problem
        ctx["breadcrumbs"] = [
            (_("Problems reported to the Inspectorate"), reverse("reports:problem_list")),
            (self.problem.title, reverse("reports:problem_detail", args=[self.problem.pk])),
            (_("Close"), None),
        ]
        return ctx

    def post(self, request, *args, **kwargs):
        problems.problem_close(problem=self.problem, actor=request.user)
        messages.success(request, _("The problem was closed and the official was told by e-mail."))
        return HttpResponseRedirect(reverse("reports:problem_detail", args=[self.problem.pk]))


class ProblemAttachmentView(ProblemMixin, View):
    def get(self, request, *args, **kwargs):
        stored = get_object_or_404(self.problem.attachments.all(), pk=self.kwargs["file_pk"])
        response = FileResponse(
            stored.file.open("rb"), as_attachment=True, filename=stored.original_name, content_type=stored.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- the summary-and-response report of a draft and phase -----------------------------------------------------------


class ConsultationMixin:
    """The draft (404 outside the read scope) and the phase of the URL, and the report row (unsaved if none)."""

    @cached_property
    def draft(self):
        from drafts.selectors import drafts_for_detail

        return get_object_or_404(drafts_for_detail(self.request.user), pk=self.kwargs["draft_id"])

    @cached_property
    def phase(self):
        from consultation.models import Phase

        if self.kwargs["phase"] not in Phase.values:
            raise Http404(_("There is no such consultation phase."))
        return self.kwargs["phase"]

    @cached_property
    def consultation_report(self):
        from consultation import approval

        return approval.report_for(self.draft, self.phase)

    def consultation_url(self):
        return reverse("reports:consultation", args=[self.draft.pk, self.phase])

    def consultation_breadcrumbs(self, *tail):
        from consultation.models import Phase

        return [
            (self.draft.title, reverse("drafts:detail", args=[self.draft.pk])),
            (_("Summary-and-response report · %(phase)s") % {"phase": Phase(self.phase).label},
             self.consultation_url() if tail else None),
            *tail,
        ]


class ConsultationReportView(ConsultationMixin, FormView):
    """The report's figures and preview, the number of organizations consulted (POST), exports, and for a head the
    way to approval."""

    template_name = "reports/consultation_report.html"
    form_class = ConsultationReportForm

    def post(self, request, *args, **kwargs):
        if not scope.can_edit(request.user, self.draft.drafting_organization):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"organizations_consulted": self.consultation_report.organizations_consulted}

    def form_valid(self, form):
        from consultation import approval

        try:
            approval.report_set_organizations_consulted(
                report=self.consultation_report,
                actor=self.request.user,
                organizations_consulted=form.cleaned_data["organizations_consulted"],
            )
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The number of organizations consulted was saved."))
        return HttpResponseRedirect(self.consultation_url())

    def get_context_data(self, **kwargs):
        from consultation import approval
        from consultation.models import Phase

        from .consultation import build_consultation_report

        ctx = super().get_context_data(**kwargs)
        user, draft, report = self.request.user, self.draft, self.consultation_report
        document = build_consultation_report(draft=draft, phase=self.phase, report=report if report.pk else None)
        other = Phase.DRAFT if self.phase == Phase.PROPOSAL else Phase.PROPOSAL
        ctx.update(
            draft=draft,
            phase=self.phase,
            phase_label=Phase(self.phase).label,
            other_phase=other,
            other_phase_label=Phase(other).label,
            consultation=report,
            report=document,
            tables=document.tables(),
            blocking=approval.blocking_comments(draft, self.phase).count(),
            can_edit=scope.can_edit(user, draft.drafting_organization) and not report.is_approved,
            can_approve=scope.can_sign_off(user, draft.drafting_organization) and not report.is_approved,
            can_export=scope.can_export(user, draft.drafting_organization),
            recent_exports=selectors.export_jobs_for(user).filter(draft=draft, phase=self.phase)[:5],
            breadcrumbs=self.consultation_breadcrumbs(),
        )
        return ctx


class ConsultationApproveView(ConsultationMixin, TemplateView):
    """GET: what approving means; POST: approve and publish."""

    template_name = "reports/consultation_approve.html"

    def dispatch(self, request, *args, **kwargs):
        if not scope.can_sign_off(request.user, self.draft.drafting_organization):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from consultation import approval
        from consultation.models import Phase

        from .consultation import build_consultation_report

        ctx = super().get_context_data(**kwargs)
        report = self.consultation_report
        ctx.update(
            draft=self.draft,
            phase=self.phase,
            phase_label=Phase(self.phase).label,
            consultation=report,
            report=build_consultation_report(draft=self.draft, phase=self.phase, report=report if report.pk else None),
            blocking=approval.blocking_comments(self.draft, self.phase).count(),
            breadcrumbs=self.consultation_breadcrumbs((_("Approve and publish"), None)),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        from consultation import approval

        try:
            approval.report_approve(report=self.consultation_report, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(self.consultation_url())
        messages.success(
            request,
            _("The report is approved. The answers are now public on the draft's page, and commenters with a "
              "confirmed e-mail address will receive theirs."),
        )
        return HttpResponseRedirect(self.consultation_url())


class ConsultationExportView(ConsultationMixin, View):
    """POST only: queue a DOCX or PDF export of the report and answer with its status page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not scope.can_export(request.user, self.draft.drafting_organization):
            raise PermissionDenied
        form = ConsultationExportForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose DOCX or PDF to export the report."))
            return HttpResponseRedirect(self.consultation_url())
        job = exports.consultation_export_create(
            draft=self.draft, phase=self.phase, format=form.cleaned_data["format"], actor=request.user
        )
        messages.info(request, _("Your export was queued. This page shows its progress."))
        return HttpResponseRedirect(reverse("reports:export_status", args=[job.pk]))
