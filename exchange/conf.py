"""Exchange settings, each overridable in Django settings (``EXCHANGE_*``)."""

from django.conf import settings

DEFAULTS = {
    # Data rows one file may hold; more is refused with a message instead of tying up a worker.
    "EXCHANGE_MAX_ROWS": 20_000,
    # Largest size a workbook may unpack to (the sum of its parts' declared sizes, checked before any parsing):
    # a 1 MB file can unpack to 1 GB. 20,000 full rows of a template unpack to about 15 MB.
    "EXCHANGE_MAX_UNPACKED_BYTES": 100 * 1024 * 1024,
    # Columns a sheet may declare (the templates use fewer than 20).
    "EXCHANGE_MAX_COLUMNS": 100,
    # Largest upload accepted for import.
    "EXCHANGE_MAX_UPLOAD_BYTES": 20 * 1024 * 1024,
    # Errors listed per import (the total is always reported).
    "EXCHANGE_MAX_ERRORS": 200,
    # Rows shown on the preview page (the counts always cover the whole file).
    "EXCHANGE_PREVIEW_ROWS": 500,
    # Uploaded files waiting for confirmation are removed after this many seconds.
    "EXCHANGE_UPLOAD_TTL": 24 * 60 * 60,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
