"""Renderers of the one annual report structure: ``render(report, "xlsx" | "pdf" | "docx") -> bytes``."""

from __future__ import annotations

from ..types import AnnualReport

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(report: AnnualReport, fmt: str) -> bytes:
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(report)
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(report)
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(report)
    raise ValueError(f"Unknown export format: {fmt}")
