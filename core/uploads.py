"""Upload handling that enforces the evidence limits (size per file, number of files) while the body streams in."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class CappedUploadHandler(FileUploadHandler):
    """Counts each uploaded file's bytes as they arrive and skips a file once it passes the cap.

    Only the file is dropped, not the request, so every other field the user typed reaches the form; the
    form reports the skipped file as a field error from ``request.oversized_uploads`` (files over
    ``EVIDENCE_MAX_BYTES``) or ``request.excess_uploads`` (files past ``EVIDENCE_MAX_FILES``), both
    ``{field name: [file name, …]}``.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request.oversized_uploads = {}
        self.request.excess_uploads = {}
        self.file_count = 0

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0
        self.file_count = getattr(self, "file_count", 0) + 1
        # Skipping here would make Django close the *previous* file's buffer (the other handlers still hold it),
        # so the file is dropped at its first chunk instead.
        self.over_count = self.file_count > settings.EVIDENCE_MAX_FILES

    def receive_data_chunk(self, raw_data, start):
        if self.over_count:
            self._record("excess_uploads")
            raise SkipFile()
        self.received += len(raw_data)
        if self.received > settings.EVIDENCE_MAX_BYTES:
            self._record("oversized_uploads")
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None

    def _record(self, attr):
        if not hasattr(self.request, attr):
            setattr(self.request, attr, {})
        getattr(self.request, attr).setdefault(self.field_name, []).append(self.file_name)
