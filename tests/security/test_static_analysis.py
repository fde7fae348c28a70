"""The bandit scan (`.ci/security`, settings in `.bandit`) covers every app's code and none of the tests.

A renamed app or a new top-level folder changes what the scan sees without any message: renaming `coverage` to
`counting` left bandit scanning a folder that no longer existed, and the new top-level `tests/` folder turned the
`tests` exclusion into `tests/*`, so every assert in every app's tests became a finding.
"""
import configparser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _settings():
    parser = configparser.ConfigParser()
    parser.read(ROOT / ".bandit")
    section = parser["bandit"]
    return section["targets"].split(","), section["exclude"]


def test_every_app_is_a_target():
    targets, _ = _settings()
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")} | {"policycomms"}
    assert set(targets) == apps
    assert all((ROOT / t).is_dir() for t in targets)


def test_the_scan_reads_app_code_and_skips_tests_and_migrations(monkeypatch):
    pytest.importorskip("bandit")  # installed by .ci/security, which CI runs before the suite
    from bandit.core import config, manager

    monkeypatch.chdir(ROOT)
    targets, exclude = _settings()
    scan = manager.BanditManager(config.BanditConfig(), "file")
    scan.discover_files(targets, True, exclude)
    files = {Path(f).as_posix() for f in scan.files_list}
    assert "counting/engine.py" in files
    assert "drafts/services.py" in files
    assert "testbed/factories.py" in files
    assert not [f for f in files if "/tests/" in f or "/migrations/" in f or f.endswith("conftest.py")]
    assert "testbed/faults_support.py" not in files
