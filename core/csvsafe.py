"""CSV that a spreadsheet opens as data, never as formulas (OWASP "CSV Injection").

Excel and LibreOffice evaluate a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(``=HYPERLINK(...)`` becomes a live link). Every CSV the portal writes goes through :func:`writer`, which

* prefixes such a *text* cell with a single quote ``'`` (numbers are written as they are: ``-2`` stays a number);
* quotes every text cell (``csv.QUOTE_NONNUMERIC``), so a ``;`` or ``,`` inside a title cannot start a new cell in
  a spreadsheet that splits on another separator.

Reading a CSV back (the import) undoes exactly that prefix with :func:`restore`, so export → import keeps every
title as it was typed. A text that itself starts with ``'`` followed by a trigger character gets one more quote on
the way out, so the round trip is exact for every string (docs/exchange.md, "CSV and formulas").
"""

from __future__ import annotations

import csv

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _needs_quote(value: str) -> bool:
    # A text that already starts with the quote and a trigger is quoted again, so restore() is the exact inverse.
    return value.startswith(TRIGGERS) or (value.startswith(QUOTE) and value.lstrip(QUOTE).startswith(TRIGGERS))


def neutralise(value):
    """A cell as it is safe to write: text starting with a trigger gets a leading ``'``; anything else (numbers,
    dates, ``None``) is returned unchanged."""
    if isinstance(value, str) and _needs_quote(value):
        return QUOTE + value
    return value


def restore(value):
    """The inverse of :func:`neutralise`, for cells read from a CSV file."""
    if isinstance(value, str) and value.startswith(QUOTE) and _needs_quote(value[1:]):
        return value[1:]
    return value


class _Writer:
    def __init__(self, target, **kwargs):
        self._writer = csv.writer(target, quoting=csv.QUOTE_NONNUMERIC, **kwargs)

    def writerow(self, row):
        return self._writer.writerow(["" if v is None else neutralise(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(target, **kwargs) -> _Writer:
    """``csv.writer`` for files a person opens in a spreadsheet: every cell goes through :func:`neutralise`."""
    return _Writer(target, **kwargs)
