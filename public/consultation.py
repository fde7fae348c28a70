"""The approved summary-and-response report as a public download (no login): DOCX or PDF, built from the current
approved data and kept in the cache for an hour, keyed by the approval, so readers do not each render it."""

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views import View

from consultation.approval import approved_reports
from consultation.models import Phase
from reports.consultation import build_consultation_report
from reports.renderers import CONTENT_TYPES, render_consultation

from . import selectors

CACHE_SECONDS = 3600
FORMATS = ("docx", "pdf")


@method_decorator(login_not_required, name="dispatch")
class PublicConsultationReportView(View):
    def get(self, request, pk, phase, fmt):
        if phase not in Phase.values or fmt not in FORMATS:
            raise Http404
        draft = get_object_or_404(selectors.public_drafts().select_related("drafting_organization"), pk=pk)
        report = approved_reports(draft=draft).filter(phase=phase).select_related("approved_by").first()
        if report is None:
            raise Http404
        key = f"consultation-report:{report.pk}:{report.approved_at.timestamp()}:{report.updated_at.timestamp()}:{fmt}"
        content = cache.get(key)
        if content is None:
            content = render_consultation(build_consultation_report(draft=draft, phase=phase, report=report), fmt)
            cache.set(key, content, CACHE_SECONDS)
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="bao-cao-tiep-thu-giai-trinh-{draft.pk}-{phase}.{fmt}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
