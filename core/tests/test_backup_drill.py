"""``manage.py backup_drill``: a real pg_dump/pg_restore into a fresh database plus the evidence files, compared."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from campaigns import services as campaign_services
from campaigns.models import StoredFile
from campaigns.tests.samples import pdf_bytes, png_bytes, upload
from core.management.commands.backup_drill import compare, sha256_file
from testbed import factories

on_postgresql = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="pg_dump/pg_restore need a PostgreSQL DATABASE_URL; CI sets one",
)


@pytest.fixture
def data(transactional_db, tree, official):
    """A draft with an activity and two evidence files, so the media directory holds real uploads."""
    draft = factories.DraftFactory(drafting_organization=tree["department"])
    factories.PolicyFactory(draft=draft)
    activity = campaign_services.activity_create(
        draft=draft, actor=official, title="Họp báo", channel="press", date=draft.proposal_consultation_start,
        status="done", evidence=[upload("bien-ban.pdf", pdf_bytes()), upload("anh.png", png_bytes())],
    )
    return activity


def _database_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _drill(*args) -> str:
    out = io.StringIO()
    call_command("backup_drill", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def scratch_name():
    name = f"{connection.settings_dict['NAME']}_drilltest"[:63]
    yield name
    with connection.cursor() as cursor:  # only if a failing drill left it behind
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


@on_postgresql
def test_drill_restores_into_a_fresh_database_and_everything_matches(data, tmp_path, scratch_name):
    backup = tmp_path / "backup"

    output = _drill("--output", str(backup), "--restore-db", scratch_name)

    assert "Backup drill passed" in output
    assert not _database_exists(scratch_name), "the scratch database must be dropped after the drill"
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"] == connection.settings_dict["NAME"]
    # Counts are those of the live database, table by table.
    assert manifest["tables"]["campaigns_activity"] == 1
    assert manifest["tables"]["campaigns_storedfile"] == 2
    assert manifest["tables"]["organizations_organization"] == 4
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM accounts_user")
        assert manifest["tables"]["accounts_user"] == cursor.fetchone()[0]
    # The manifest's checksums are the evidence files' own (computed independently at upload).
    stored = {s.file.name: s.sha256 for s in StoredFile.objects.all()}
    assert {name: entry["sha256"] for name, entry in manifest["files"].items()} == stored
    assert f"Files compared: {len(stored)}" in output


@on_postgresql
def test_drill_keeps_the_restored_database_when_asked(data, tmp_path, scratch_name):
    _drill("--output", str(tmp_path / "backup"), "--restore-db", scratch_name, "--keep-restored")

    assert _database_exists(scratch_name)
    params = {**connection.get_connection_params(), "dbname": scratch_name}
    restored = connection.get_new_connection(params)
    try:
        with restored.cursor() as cursor:
            cursor.execute("SELECT original_name FROM campaigns_storedfile ORDER BY original_name")
            assert [row[0] for row in cursor.fetchall()] == ["anh.png", "bien-ban.pdf"]
    finally:
        restored.close()


def _rewrite_tar(archive: Path, change):
    """Rewrite the media archive with ``change(name, bytes) -> bytes`` applied to each member."""
    members = []
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            members.append((member, change(member.name, tar.extractfile(member).read())))
    with tarfile.open(archive, "w") as tar:
        for member, content in members:
            member.size = len(content)
            tar.addfile(member, io.BytesIO(content))


def _update_archive_checksum(backup: Path):
    manifest_path = backup / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["archives"]["media.tar"] = sha256_file(backup / "media.tar")
    manifest_path.write_text(json.dumps(manifest))


@on_postgresql
def test_drill_fails_on_a_damaged_file_missing_rows_or_a_damaged_archive(data, tmp_path, scratch_name):
    backup = tmp_path / "backup"
    _drill("--output", str(backup), "--restore-db", scratch_name)
    victim = next(name for name in json.loads((backup / "manifest.json").read_text())["files"] if name.endswith(".pdf"))

    # A file silently damaged inside an archive that still looks intact (its own checksum updated).
    _rewrite_tar(backup / "media.tar", lambda name, content: content + b"x" if name == victim else content)
    _update_archive_checksum(backup)
    with pytest.raises(CommandError, match="FAILED"):
        out = io.StringIO()
        call_command("backup_drill", "--from", str(backup), "--restore-db", scratch_name, stdout=out)
    assert f"file {victim}: checksum differs" in out.getvalue()
    assert not _database_exists(scratch_name)

    # A dump that lacks rows the live database had: the manifest says one more activity than is restored.
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["tables"]["campaigns_activity"] += 1
    (backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="FAILED"):
        out = io.StringIO()
        call_command("backup_drill", "--from", str(backup), "--restore-db", scratch_name, stdout=out)
    assert "table campaigns_activity: 2 rows in the backup, 1 restored" in out.getvalue()

    # A truncated or overwritten dump is refused before anything is restored.
    with open(backup / "database.dump", "ab") as dump:
        dump.write(b"garbage")
    with pytest.raises(CommandError, match="database.dump is missing or damaged"):
        _drill("--from", str(backup), "--restore-db", scratch_name)


def test_compare_reports_every_kind_of_difference():
    manifest = {
        "tables": {"a": 1, "b": 2},
        "files": {"same": {"sha256": "1"}, "changed": {"sha256": "2"}, "lost": {"sha256": "3"}},
    }
    result = compare(manifest, {"b": 3, "extra": 0}, {"same": "1", "changed": "X", "new": "4"})

    assert not result.passed
    assert result.problems == [
        "table a: 1 rows in the backup, missing from the restore",
        "table b: 2 rows in the backup, 3 restored",
        "table extra: not in the backup, 0 rows restored",
        "file changed: checksum differs",
        "file lost: missing from the restored media",
        "file new: restored but not in the manifest",
    ]
    assert compare(manifest, {"a": 1, "b": 2}, {"same": "1", "changed": "2", "lost": "3"}).passed
