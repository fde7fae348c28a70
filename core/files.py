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
# For <input accept="…">: a hint to the browser's file picker only; the content decides.
ACCEPT_ATTR = ",".join(
    [".pdf", ".docx", ".xlsx", ".pptx", ".jpg", ".jpeg", ".png", ".mp4"] + sorted({k.content_type for k in ALLOWED_KINDS})
)

_OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
# Markup that browsers may sniff and run; a "picture" or "document" carrying it is refused.
_ACTIVE_MARKERS = (b"<html", b"<script", b"<!doctype html", b"<svg", b"<iframe", b"<body")
_LONGEST_MARKER = max(len(m) for m in _ACTIVE_MARKERS)
_CHUNK = 64 * 1024


class UnsupportedFile(ValueError):
    pass


def sniff(uploaded) -> FileKind:
    """Return the kind of an uploaded file from its bytes, or raise UnsupportedFile with a user message."""
    uploaded.seek(0)
    head = uploaded.read(4096)
    uploaded.seek(0)
    if not head:
        raise UnsupportedFile(_("The file is empty."))
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
    # Images are small and are what browsers are most tempted to re-sniff: read them whole, since markup can hide
    # in any chunk (tEXt, comments). A PDF only gets the head checked, where a browser would look.
    if kind in (PNG, JPEG) and _contains_markup(uploaded):
        raise UnsupportedFile(_("This image contains web page code and was refused."))
    if kind is PDF and _has_marker(head.lower()):
        raise UnsupportedFile(_("This document contains web page code and was refused."))
    return kind


def _has_marker(data: bytes) -> bool:
    return any(marker in data for marker in _ACTIVE_MARKERS)


def _contains_markup(uploaded) -> bool:
    uploaded.seek(0)
    tail = b""
    try:
        while chunk := uploaded.read(_CHUNK):
            # Keep the end of the previous chunk so a marker split across two chunks is still seen.
            window = tail + chunk.lower()
            if _has_marker(window):
                return True
            tail = window[-(_LONGEST_MARKER - 1) :]
        return False
    finally:
        uploaded.seek(0)


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
    # A macro-enabled document (.docm/.xlsm/.pptm) renamed to .docx still carries its macros.
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    for part, kind in _OOXML_PARTS.items():
        if part in names:
            return kind
    return None


def sha256_of(uploaded) -> str:
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks() if hasattr(uploaded, "chunks") else iter(lambda: uploaded.read(_CHUNK), b""):
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()
