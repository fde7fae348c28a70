"""Real bytes of each file kind, built in memory so the tests need no fixtures on disk."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_bytes(size=None):
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    if size is not None:
        body = body[:-6] + b"%" * (size - len(body)) + b"%%EOF\n"
        assert len(body) == size
    return body


def png_bytes(extra=b""):
    # The 8-byte signature, an IHDR chunk and an IEND chunk; ``extra`` is placed between them.
    return (
        b"\x89PNG\r\n\x1a\n"
        + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
        + extra
        + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )


def docx_bytes():
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Báo cáo kết quả truyền thông")
    document.save(buffer)
    return buffer.getvalue()


def ooxml_bytes(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in parts:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
