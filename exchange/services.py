"""Import and export entry points, used by the views and the management commands alike."""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from . import conf, readers
from .importers import IGNORED_SHEETS, IMPORTERS, ImportContext, ImportReport
from .models import ImportKey
from .readers import FileProblem
from .schema import BY_KIND, SHEETS, normalize, spec_for_title


@transaction.atomic
def import_keys_save(*, keys: list[ImportKey]) -> None:
    """Store (or re-point) row keys in bulk; a key left by a deleted object is pointed at its replacement."""
    ImportKey.objects.bulk_create(
        keys,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["kind", "organization", "key"],
        update_fields=["object_id"],
    )


def import_file(*, path, actor, kind: str | None = None, commit: bool) -> ImportReport:
    """Import every recognised sheet of ``path`` (or only ``kind``) as ``actor`` (None: the system, no scope).

    All sheets run in one transaction. It is kept only when ``commit`` is true and no row had an error, so a
    preview (``commit=False``) runs exactly the checks and service calls a confirmed import would run.
    """
    report = ImportReport()
    try:
        with readers.open_sheets(path) as sheets, transaction.atomic():
            context = ImportContext(actor)
            for spec, sheet in _plan(sheets, kind, report):
                label = sheet.title or spec.title
                IMPORTERS[spec.kind](context, report, spec, label).run(sheet)
            if commit and report.ok:
                report.committed = True
            else:
                transaction.set_rollback(True)
    except FileProblem as exc:
        report.committed = False
        report.add_error("", None, "", str(exc))
    return report


def _plan(sheets, kind, report):
    if kind is not None and kind not in BY_KIND:
        raise FileProblem(_("Unknown kind of data: %(kind)s.") % {"kind": kind})
    if len(sheets) == 1 and not sheets[0].title:  # CSV
        if kind is None:
            raise FileProblem(_("Choose what the CSV file holds (drafts, policies, activities or organizations)."))
        return [(BY_KIND[kind], sheets[0])]
    recognised = [(spec_for_title(sheet.title), sheet) for sheet in sheets]
    if kind is not None:
        match = [(spec, sheet) for spec, sheet in recognised if spec is not None and spec.kind == kind]
        return match[:1] or [(BY_KIND[kind], sheets[0])]
    plan = [(spec, sheet) for spec, sheet in recognised if spec is not None]
    ignored = [s.title for spec, s in recognised if spec is None and normalize(s.title) not in IGNORED_SHEETS]
    if not plan:
        raise FileProblem(
            _("No sheet of this workbook is named %(names)s. Rename the sheet or choose what it holds.")
            % {"names": ", ".join(f"“{spec.title}”" for spec in SHEETS)}
        )
    if ignored:
        report.warnings.append(
            _("Sheets ignored: %(names)s.") % {"names": ", ".join(f"“{t}”" for t in ignored)}
        )
    order = {spec.kind: i for i, spec in enumerate(SHEETS)}
    return sorted(plan, key=lambda item: order[item[0].kind])


# -- uploads waiting for confirmation --------------------------------------------------------------------------
# The file stays on the server, in a directory of its own per user; the session and the URL carry only a token.

_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _upload_dir(user) -> Path:
    return Path(settings.MEDIA_ROOT) / "exchange-uploads" / str(user.pk)


def upload_store(*, user, uploaded, kind: str | None) -> str:
    directory = _upload_dir(user)
    directory.mkdir(parents=True, exist_ok=True)
    _purge_expired(directory)
    token = secrets.token_hex(16)
    with open(directory / token, "wb") as target:
        for chunk in uploaded.chunks():
            target.write(chunk)
    meta = {"name": Path(uploaded.name or "").name[:200], "kind": kind, "stored_at": time.time()}
    (directory / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def upload_get(*, user, token) -> tuple[Path, dict] | None:
    if not _TOKEN.match(token or ""):
        return None
    path = _upload_dir(user) / token
    meta_path = path.with_name(f"{token}.json")
    if not path.exists() or not meta_path.exists():
        return None
    return path, json.loads(meta_path.read_text(encoding="utf-8"))


def upload_preview(*, user, token) -> tuple[ImportReport, dict] | None:
    """What importing the upload would do: computed once (a full import, rolled back) and kept with the upload, so
    showing the preview again never parses the file again. Confirming runs the import afresh."""
    found = upload_get(user=user, token=token)
    if found is None:
        return None
    path, meta = found
    if "preview" in meta:
        return ImportReport.from_dict(meta["preview"]), meta
    report = import_file(path=path, actor=user, kind=meta["kind"], commit=False)
    meta["preview"] = report.to_dict()
    path.with_name(f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return report, meta


def upload_discard(*, user, token) -> None:
    if not _TOKEN.match(token or ""):
        return
    for path in (_upload_dir(user) / token, _upload_dir(user) / f"{token}.json"):
        path.unlink(missing_ok=True)


def _purge_expired(directory: Path):
    limit = time.time() - conf.get("EXCHANGE_UPLOAD_TTL")
    for path in directory.iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            pass
