"""The annual report as PDF: an HTML template printed by WeasyPrint (DejaVu Sans carries Vietnamese)."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from ..types import AnnualReport
from . import common


def report_html(report: AnnualReport) -> str:
    return render_to_string("reports/pdf/annual_report.html", common.document_context(report))


def render_pdf(report: AnnualReport) -> bytes:
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=finders.find("css/report-pdf.css"))
    return HTML(string=report_html(report)).write_pdf(stylesheets=[stylesheet])
