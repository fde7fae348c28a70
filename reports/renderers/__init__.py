"""Renderers of the one annual report structure: ``render(report, "xlsx" | "pdf" | "docx") -> bytes``."""

from __future__ import annotations

from collections.abc import Callable

from ..types import AnnualReport

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(report: AnnualReport, fmt: str, progress: Callable[[int], None] | None = None) -> bytes:
    """``progress(percent)`` is called as the slow steps of the PDF and the DOCX finish (0-100 of the rendering)."""
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(report)
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(report, progress=progress)
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(report, progress=progress)
    raise ValueError(f"Unknown export format: {fmt}")


def render_consultation(doc, fmt: str, progress: Callable[[int], None] | None = None) -> bytes:
    """The summary-and-response report (``reports.consultation.ConsultationDocument``) as PDF or DOCX."""
    if fmt == "pdf":
        from .pdf import render_consultation_pdf

        return render_consultation_pdf(doc, progress=progress)
    if fmt == "docx":
        from .docx import render_consultation_docx

        return render_consultation_docx(doc, progress=progress)
    raise ValueError(f"Unknown export format for this report: {fmt}")
