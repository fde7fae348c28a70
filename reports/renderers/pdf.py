"""The annual report as PDF: an HTML template printed by WeasyPrint, set in Liberation Serif (Decree 30/2020,
docs/reports.md)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from ..types import AnnualReport
from . import common


def report_html(report: AnnualReport) -> str:
    return render_to_string("reports/pdf/annual_report.html", common.document_context(report))


@functools.cache
def _stylesheet():
    """One font configuration and one parsed stylesheet per process: building them for every document cost about
    5-10 % of a national export's time (51 documents). The stylesheet has no @font-face, so nothing accumulates."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    return CSS(filename=finders.find("css/report-pdf.css"), font_config=font_config), font_config


def render_pdf(report: AnnualReport, progress: Callable[[int], None] | None = None) -> bytes:
    """Template, layout, then drawing and writing: layout is about 60 % of the time and the drawing the rest, so
    ``progress`` hears 10 after the template and 65 after the layout (docs/performance.md, "National exports")."""
    from weasyprint import HTML

    report_progress = progress or (lambda percent: None)
    stylesheet, font_config = _stylesheet()
    html = HTML(string=report_html(report))
    report_progress(10)
    document = html.render(stylesheets=[stylesheet], font_config=font_config)
    report_progress(65)
    content = document.write_pdf()
    report_progress(100)
    return content


def consultation_html(doc) -> str:
    """``doc``: a ``reports.consultation.ConsultationDocument``."""
    return render_to_string("reports/pdf/consultation_report.html", {"report": doc, "tables": doc.tables()})


def render_consultation_pdf(doc, progress: Callable[[int], None] | None = None) -> bytes:
    from weasyprint import HTML

    report_progress = progress or (lambda percent: None)
    stylesheet, font_config = _stylesheet()
    html = HTML(string=consultation_html(doc))
    report_progress(10)
    document = html.render(stylesheets=[stylesheet], font_config=font_config)
    report_progress(65)
    content = document.write_pdf()
    report_progress(100)
    return content
