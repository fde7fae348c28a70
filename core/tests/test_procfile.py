"""The Procfile's process types exist, and its web line really serves the portal."""

import subprocess
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from testbed.faults_support import free_port, wait_for

PROCFILE = Path(settings.BASE_DIR) / "Procfile"


def _processes() -> dict[str, str]:
    lines = [line for line in PROCFILE.read_text().splitlines() if line.strip() and not line.startswith("#")]
    return dict(line.split(": ", 1) for line in lines)


def test_procfile_declares_web_worker_and_beat():
    processes = _processes()
    assert set(processes) == {"web", "worker", "beat"}
    assert processes["web"].startswith("gunicorn policycomms.wsgi ")
    assert processes["worker"].startswith("celery -A policycomms worker ")
    assert processes["beat"].startswith("celery -A policycomms beat ")


@pytest.mark.slow
def test_procfile_web_line_serves_the_portal(tmp_path):
    port = free_port()
    env = {
        "PATH": f"{Path(settings.BASE_DIR) / '.venv' / 'bin'}:/usr/bin:/bin",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        # /healthz only runs SELECT 1: an empty SQLite file is enough for this check.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'web.sqlite3'}",
    }
    web = subprocess.Popen(
        ["/bin/sh", "-c", f"exec {_processes()['web']}"], cwd=settings.BASE_DIR, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )

    def healthy():
        if web.poll() is not None:
            raise AssertionError(web.stdout.read().decode(errors="replace"))
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                return response.status == 200 and b'"ok"' in response.read()
        except OSError:
            return False

    try:
        assert wait_for(healthy, timeout=30, message="gunicorn to answer /healthz")
    finally:
        web.terminate()
        try:
            web.wait(timeout=15)
        except subprocess.TimeoutExpired:
            web.kill()
            web.wait(timeout=5)
