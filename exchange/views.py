import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts import scope
from accounts.models import EDIT_ROLES, MANAGE_ROLES

from . import exporters, selectors, services
from .forms import ImportForm
from .schema import BY_KIND, kind_choices

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _spec_or_404(kind):
    try:
        return BY_KIND[kind]
    except KeyError:
        raise Http404 from None


def _filename(stem, extension):
    return f"{stem}-{timezone.localdate():%Y%m%d}.{extension}"


def xlsx_response(sheets, filename, *, with_example=False):
    # A temporary file (not memory) holds the workbook; FileResponse streams it and closes (deletes) it.
    handle = tempfile.TemporaryFile()
    exporters.write_workbook(handle, sheets, with_example=with_example)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


class ImportPermissionMixin:
    """Importing writes data: only people who edit (officials, heads) or manage (admins) somewhere may."""

    def dispatch(self, request, *args, **kwargs):
        if not scope.has_any_role(request.user, (*EDIT_ROLES, *MANAGE_ROLES)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ExchangeHomeView(ImportPermissionMixin, FormView):
    template_name = "exchange/index.html"
    form_class = ImportForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["oversized"] = getattr(self.request, "oversized_uploads", {}).get("file", ())
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kinds"] = kind_choices()
        ctx["exportable"] = set(exporters.ROW_BUILDERS)
        ctx["breadcrumbs"] = [(_("Import and export"), None)]
        return ctx

    def form_valid(self, form):
        kind = form.cleaned_data["kind"] or None
        token = services.upload_store(user=self.request.user, uploaded=form.cleaned_data["file"], kind=kind)
        return redirect("exchange:preview", token=token)


class TemplateDownloadView(View):
    """An empty workbook for one kind: headings, an example row (skipped on import) and drop-down lists."""

    def get(self, request, kind):
        spec = _spec_or_404(kind)
        return xlsx_response([(spec, [])], f"mau-{spec.kind}.xlsx", with_example=True)


class ExportView(View):
    """The list the user sees (scope + the list's filters from the query string), as XLSX or CSV."""

    def get(self, request):
        spec = _spec_or_404(request.GET.get("kind", ""))
        if spec.kind not in exporters.ROW_BUILDERS:  # comments are imported here, listed by their own pages
            raise Http404
        fmt = request.GET.get("format", "xlsx")
        if fmt not in ("xlsx", "csv"):
            raise Http404
        try:
            queryset = selectors.export_queryset(kind=spec.kind, request=request)
        except selectors.InvalidFilter as exc:
            return render(request, "exchange/export_error.html", {"errors": exc.errors, "spec": spec}, status=400)
        rows = exporters.rows_for(spec, queryset)
        if fmt == "csv":
            response = StreamingHttpResponse(exporters.csv_lines(spec, rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{_filename(spec.kind, "csv")}"'
            return response
        return xlsx_response([(spec, rows)], _filename(spec.kind, "xlsx"))


class ImportPreviewView(ImportPermissionMixin, TemplateView):
    """GET: what the upload would do, computed once by a full import that is rolled back. POST: do it for real."""

    template_name = "exchange/preview.html"

    def _upload(self):
        found = services.upload_get(user=self.request.user, token=self.kwargs["token"])
        if found is None:
            raise Http404
        return found

    def get(self, request, token):
        found = services.upload_preview(user=request.user, token=token)
        if found is None:
            raise Http404
        report, meta = found
        return self.render_to_response(self.get_context_data(report=report, meta=meta))

    def post(self, request, token):
        path, meta = self._upload()
        report = services.import_file(path=path, actor=request.user, kind=meta["kind"], commit=True)
        if not report.committed:
            messages.error(request, _("Nothing was saved: the file has errors. Correct them and upload it again."))
            return self.render_to_response(self.get_context_data(report=report, meta=meta), status=400)
        services.upload_discard(user=request.user, token=token)
        messages.success(
            request,
            _("Import finished: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {
                "created": report.counts["create"],
                "updated": report.counts["update"],
                "unchanged": report.counts["unchanged"],
            },
        )
        return redirect("exchange:index")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["token"] = self.kwargs["token"]
        ctx["breadcrumbs"] = [(_("Import and export"), reverse("exchange:index")), (_("Preview"), None)]
        return ctx


class ImportDiscardView(ImportPermissionMixin, View):
    def post(self, request, token):
        services.upload_discard(user=request.user, token=token)
        messages.info(request, _("The uploaded file was discarded; nothing was saved."))
        return redirect("exchange:index")
