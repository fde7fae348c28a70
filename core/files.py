"""Recognising evidence files from their content, never from their name."""

import hashlib
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    extension: str
    content_type: str


PDF = FileKind("pdf", "PDF", "pdf", "application/pdf")
DOCX = FileKind("docx", "Word (DOCX)", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("xlsx", "Excel (XLSX)", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileKind("pptx", "PowerPoint (PPTX)", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
JPEG = FileKind("jpeg", "JPEG", "jpg", "image/jpeg")
PNG = FileKind("png", "PNG", "png", "image/png")
MP4 = FileKind("mp4", "MP4", "mp4", "video/mp4")
ALLOWED_KINDS = (PDF, DOCX, XLSX, PPTX, JPEG, PNG, MP4)
ALLOWED_LABEL = ", ".join(k.label for k in ALLOWED_KINDS)

_OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
# Markup that browsers may sniff and run; a "picture" or "document" carrying it is refused.
_ACTIVE_MARKERS = (b"<html", b"<script", b"<!doctype html", b"<svg", b"<iframe", b"<body")


class UnsupportedFile(ValueError):
    pass


def sniff(uploaded) -> FileKind:
    """Return the kind of an uploaded file from its bytes, or raise UnsupportedFile with a user message."""
    uploaded.seek(0)
    head = uploaded.read(4096)
    uploaded.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif len(head) >= 12 and head[4:8] == b"ftyp":
        kind = MP4
    elif head.startswith(b"PK\x03\x04"):
        kind = _sniff_ooxml(uploaded)
    if kind is None:
        raise UnsupportedFile(
            _("This file type is not accepted. Allowed types: %(types)s.") % {"types": ALLOWED_LABEL}
        )
    if kind in (PNG, JPEG) and any(marker in head.lower() for marker in _ACTIVE_MARKERS):
        raise UnsupportedFile(_("This image contains web page code and was refused."))
    return kind


def _sniff_ooxml(uploaded):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for part, kind in _OOXML_PARTS.items():
        if part in names:
            return kind
    return None


def sha256_of(uploaded) -> str:
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks() if hasattr(uploaded, "chunks") else iter(lambda: uploaded.read(65536), b""):
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()
