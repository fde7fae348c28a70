"""Back up the database and the media files, restore both somewhere fresh, and prove the copy is whole.

    manage.py backup_drill [--output DIR] [--from DIR] [--restore-db NAME] [--keep-restored]

1. Backup (skipped with ``--from``): ``pg_dump -Fc`` of the database and, inside the same snapshot, the row count
   of every table; a tar of ``MEDIA_ROOT`` (evidence, exports) and ``manifest.json`` with the counts, the SHA-256
   of every media file and of the two archives.
2. Restore: ``pg_restore`` into a new, empty database and the tar into a new, empty directory.
3. Verify: the row count of every table and the checksum of every file must match the manifest. The report is
   printed; any difference makes the command fail (exit status 1).

The scratch database is dropped and the temporary directories removed afterwards (``--keep-restored`` keeps the
database for inspection). A backup in ``--output`` is kept, so it can be copied off the machine and drilled again
later with ``--from``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

DUMP_NAME = "database.dump"
MEDIA_NAME = "media.tar"
MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
TABLES_SQL = """
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = current_schema()
    ORDER BY c.relname
"""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(root: Path) -> dict[str, str]:
    """{relative path: sha256} of every regular file under ``root`` (symbolic links are not followed)."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256_file(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@dataclass
class DrillResult:
    tables: int = 0
    rows: int = 0
    files: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def compare(manifest: dict, restored_counts: dict[str, int], restored_files: dict[str, str]) -> DrillResult:
    """Every table and file of the manifest, against what the restore produced."""
    result = DrillResult(tables=len(manifest["tables"]), rows=sum(manifest["tables"].values()), files=len(manifest["files"]))
    for table in sorted(set(manifest["tables"]) | set(restored_counts)):
        expected, found = manifest["tables"].get(table), restored_counts.get(table)
        if expected is None:
            result.problems.append(f"table {table}: not in the backup, {found} rows restored")
        elif found is None:
            result.problems.append(f"table {table}: {expected} rows in the backup, missing from the restore")
        elif expected != found:
            result.problems.append(f"table {table}: {expected} rows in the backup, {found} restored")
    expected_files = {name: entry["sha256"] for name, entry in manifest["files"].items()}
    for name in sorted(set(expected_files) | set(restored_files)):
        if name not in restored_files:
            result.problems.append(f"file {name}: missing from the restored media")
        elif name not in expected_files:
            result.problems.append(f"file {name}: restored but not in the manifest")
        elif expected_files[name] != restored_files[name]:
            result.problems.append(f"file {name}: checksum differs")
    return result


class Command(BaseCommand):
    help = "Back up the database and media, restore both into fresh places and compare row counts and checksums."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Keep the backup in this directory (default: a temporary directory).")
        parser.add_argument("--from", dest="source", help="Drill an existing backup directory instead of taking one.")
        parser.add_argument("--restore-db", help="Name of the scratch database (must not exist; default: generated).")
        parser.add_argument("--keep-restored", action="store_true", help="Do not drop the scratch database.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias to back up.")

    def handle(self, *args, **options):
        self.connection = connections[options["database"]]
        if self.connection.vendor != "postgresql":
            raise CommandError("backup_drill needs PostgreSQL (pg_dump/pg_restore); this database is "
                               f"{self.connection.vendor}.")
        for tool in ("pg_dump", "pg_restore"):
            if shutil.which(tool) is None:
                raise CommandError(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
        source_db = self.connection.settings_dict["NAME"]
        scratch_db = options["restore_db"] or f"{source_db}_drill_{dt.datetime.now():%Y%m%d%H%M%S}"[:63]
        if scratch_db == source_db:
            raise CommandError("The scratch database must not be the database being backed up.")

        with contextlib.ExitStack() as cleanup:
            work = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="backup-drill-")))
            if options["source"]:
                backup_dir = Path(options["source"])
            else:
                backup_dir = Path(options["output"]) if options["output"] else work / "backup"
                backup_dir.mkdir(parents=True, exist_ok=True)
                self.backup(backup_dir)
            manifest = self.read_manifest(backup_dir)
            self.stdout.write(
                f"Backup {backup_dir}: database {manifest['database']} taken {manifest['created_at']}, "
                f"{len(manifest['tables'])} tables, {len(manifest['files'])} media files."
            )

            restored_media = work / "media"
            self.restore_media(backup_dir, restored_media)
            self.create_database(scratch_db)
            if not options["keep_restored"]:
                cleanup.callback(self.drop_database, scratch_db)
            self.restore_database(backup_dir, scratch_db)
            with self.raw_connection(scratch_db) as restored:
                restored_counts = self.count_rows(restored)
            result = compare(manifest, restored_counts, media_checksums(restored_media))
            self.report(result, scratch_db, restored_media, options["keep_restored"])
        if not result.passed:
            raise CommandError(f"Backup drill FAILED: {len(result.problems)} difference(s).")

    # --- backup -----------------------------------------------------------------------------------------------------

    def backup(self, backup_dir: Path) -> None:
        dump = backup_dir / DUMP_NAME
        with self.raw_connection() as raw, raw.cursor() as cursor:
            # One snapshot for the counts and for pg_dump, so they agree even while users keep saving.
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            counts = self.count_rows(raw)
            self.run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dump}"])
            cursor.execute("COMMIT")

        media_root = Path(settings.MEDIA_ROOT)
        files = media_checksums(media_root)
        archive = backup_dir / MEDIA_NAME
        with tarfile.open(archive, "w") as tar:
            for name in files:
                tar.add(media_root / name, arcname=name, recursive=False)
        manifest = {
            "format": MANIFEST_FORMAT,
            "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "database": self.connection.settings_dict["NAME"],
            "media_root": str(media_root),
            "tables": counts,
            "files": {name: {"sha256": digest, "size": (media_root / name).stat().st_size} for name, digest in files.items()},
            "archives": {DUMP_NAME: sha256_file(dump), MEDIA_NAME: sha256_file(archive)},
        }
        (backup_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")

    def read_manifest(self, backup_dir: Path) -> dict:
        try:
            manifest = json.loads((backup_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"No readable {MANIFEST_NAME} in {backup_dir}: {exc}") from exc
        if manifest.get("format") != MANIFEST_FORMAT:
            raise CommandError(f"Unknown manifest format {manifest.get('format')!r}.")
        for name, digest in manifest["archives"].items():
            path = backup_dir / name
            if not path.is_file() or sha256_file(path) != digest:
                raise CommandError(f"{path} is missing or damaged (its checksum does not match the manifest).")
        return manifest

    # --- restore ----------------------------------------------------------------------------------------------------

    def restore_media(self, backup_dir: Path, target: Path) -> None:
        target.mkdir()
        with tarfile.open(backup_dir / MEDIA_NAME) as tar:
            tar.extractall(target, filter="data")  # refuses absolute paths, "..", links out of the tree

    def create_database(self, name: str) -> None:
        with self.raw_connection() as raw, raw.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {self.connection.ops.quote_name(name)}")

    def drop_database(self, name: str) -> None:
        with self.raw_connection() as raw, raw.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {self.connection.ops.quote_name(name)} WITH (FORCE)")

    def restore_database(self, backup_dir: Path, name: str) -> None:
        self.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={name}",
             str(backup_dir / DUMP_NAME)]
        )

    # --- helpers ----------------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def raw_connection(self, dbname: str | None = None):
        """A separate driver connection in autocommit (to this database, or to ``dbname`` on the same server)."""
        params = self.connection.get_connection_params()
        if dbname:
            params["dbname"] = dbname
        raw = self.connection.get_new_connection(params)
        raw.autocommit = True
        try:
            yield raw
        finally:
            raw.close()

    def count_rows(self, raw) -> dict[str, int]:
        quote = self.connection.ops.quote_name
        with raw.cursor() as cursor:
            cursor.execute(TABLES_SQL)
            tables = [row[0] for row in cursor.fetchall()]
            counts = {}
            for table in tables:
                cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # nosec B608  # docs/security.md
                counts[table] = cursor.fetchone()[0]
        return counts

    def run(self, command: list[str]) -> None:
        db = self.connection.settings_dict
        # Connection details through libpq's variables: the password never appears in a process listing.
        env = {**os.environ, "PGDATABASE": db["NAME"], "PGHOST": db["HOST"] or "", "PGPORT": str(db["PORT"] or ""),
               "PGUSER": db["USER"] or "", "PGPASSWORD": db["PASSWORD"] or ""}
        env = {key: value for key, value in env.items() if value != "" or not key.startswith("PG")}
        completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            raise CommandError(f"{command[0]} failed ({completed.returncode}): {completed.stderr.strip()}")

    def report(self, result: DrillResult, scratch_db: str, restored_media: Path, kept: bool) -> None:
        where = f"database {scratch_db}" + (" (kept)" if kept else " (dropped afterwards)")
        self.stdout.write(f"Restored into {where} and {restored_media} (removed afterwards).")
        self.stdout.write(f"Tables compared: {result.tables} ({result.rows} rows in the backup).")
        self.stdout.write(f"Files compared: {result.files}.")
        for problem in result.problems:
            self.stdout.write(self.style.ERROR(f"  MISMATCH {problem}"))
        if result.passed:
            self.stdout.write(self.style.SUCCESS("Backup drill passed: every row count and every checksum matches."))
