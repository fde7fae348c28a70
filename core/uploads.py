"""Upload handling that enforces the evidence size cap while the body streams in."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class CappedUploadHandler(FileUploadHandler):
    """Counts each uploaded file's bytes as they arrive and skips a file once it passes the cap.

    Only the file is dropped, not the request, so every other field the user typed reaches the form; the
    form reports the skipped file as a field error from ``request.oversized_uploads``.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request.oversized_uploads = {}

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.EVIDENCE_MAX_BYTES:
            if not hasattr(self.request, "oversized_uploads"):
                self.request.oversized_uploads = {}
            self.request.oversized_uploads.setdefault(self.field_name, []).append(self.file_name)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None
