"""Helpers for the fault tests (``tests/faults/test_faults.py``): a private Redis, real Celery workers, fault hooks.

Test side: ``RedisServer`` (its own ``redis-server`` on a free port, AOF on), ``CeleryWorker`` (a real prefork
worker in its own process group, so teardown can end it and its pool child together), ``private_broker`` (points
this process's Celery app at that Redis) and ``database_url`` (the pytest test database, for the worker).

Worker side: a worker started with ``--include testbed.faults_support`` imports this module before it forks its pool.
When ``POLICYCOMMS_FAULT_EXPORT_DELAY`` is set, every export render first writes ``start <pid>`` to the journal file
named by ``POLICYCOMMS_FAULT_JOURNAL`` and sleeps that many seconds, then writes ``rendered <pid>``: a test can
kill the pool process while an export is running and count the attempts. Without the variable nothing changes.
Nothing in the portal imports this module.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

FAULT_DELAY_ENV = "POLICYCOMMS_FAULT_EXPORT_DELAY"
FAULT_JOURNAL_ENV = "POLICYCOMMS_FAULT_JOURNAL"


# --- worker side ----------------------------------------------------------------------------------------------------


def _install_export_delay() -> None:
    delay = float(os.environ.get(FAULT_DELAY_ENV) or 0)
    if not delay:
        return
    journal = Path(os.environ[FAULT_JOURNAL_ENV])
    from reports import renderers

    original = renderers.render

    def slow_render(report, fmt, **kwargs):
        journal_write(journal, "start")
        time.sleep(delay)
        content = original(report, fmt, **kwargs)
        journal_write(journal, "rendered")
        return content

    # reports.exports imports ``render`` from the module at call time, so replacing the attribute is enough.
    renderers.render = slow_render


def journal_write(journal: Path, event: str) -> None:
    # O_APPEND keeps the short lines of several processes whole.
    with open(journal, "a", encoding="utf-8") as handle:
        handle.write(f"{event} {os.getpid()}\n")


def journal_read(journal: Path) -> list[tuple[str, int]]:
    if not journal.exists():
        return []
    lines = journal.read_text(encoding="utf-8").split()
    return [(event, int(pid)) for event, pid in zip(lines[::2], lines[1::2])]


_install_export_delay()


# --- test side ------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, *, timeout: float, interval: float = 0.2, message: str = "condition"):
    """Poll ``predicate`` until it returns something truthy; fail with ``message`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {message}")
        time.sleep(interval)


def database_url(settings_dict) -> str:
    """A ``DATABASE_URL`` for the database Django is connected to (under pytest: the test database)."""
    auth = quote(settings_dict["USER"] or "", safe="")
    if settings_dict.get("PASSWORD"):
        auth += ":" + quote(settings_dict["PASSWORD"], safe="")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"


class RedisServer:
    """A private ``redis-server`` with AOF persistence in ``directory``; ``kill()`` + ``start()`` reuse both."""

    def __init__(self, directory: Path, port: int | None = None):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1, socket_timeout=5)

    def start(self, timeout: float = 10) -> RedisServer:
        log = open(self.directory / "redis.log", "ab")  # noqa: SIM115 — the child keeps it open
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
             "--dir", str(self.directory), "--daemonize", "no"],
            stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        wait_for(self._answers, timeout=timeout, message=f"redis-server on port {self.port}")
        return self

    def _answers(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"redis-server exited: {(self.directory / 'redis.log').read_text(errors='replace')}")
        try:
            return bool(self.client().ping())
        except Exception:
            return False

    def kill(self) -> None:
        """SIGKILL: no shutdown, no final save; only what the AOF already holds survives."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


class CeleryWorker:
    """``celery -A policycomms worker --pool=prefork --concurrency=1`` in its own session (process group)."""

    def __init__(self, *, name: str, env: dict, log_path: Path, cwd: Path):
        self.name = name
        self.env = env
        self.log_path = Path(log_path)
        self.cwd = cwd
        self.proc: subprocess.Popen | None = None

    def start(self) -> CeleryWorker:
        celery = Path(sys.executable).with_name("celery")
        log = open(self.log_path, "ab")  # noqa: SIM115 — the child keeps it open
        self.proc = subprocess.Popen(
            [str(celery), "-A", "policycomms", "worker", "--pool=prefork", "--concurrency=1", "-l", "info",
             "-n", f"{self.name}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--include", "testbed.faults_support"],
            cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        log.close()
        return self

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def wait_ready(self, timeout: float = 45) -> CeleryWorker:
        def ready():
            if self.proc.poll() is not None:
                raise AssertionError(f"worker {self.name} exited:\n{self.log}")
            return " ready." in self.log

        wait_for(ready, timeout=timeout, message=f"worker {self.name} to be ready")
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        """Warm shutdown, then SIGKILL to the whole process group so no pool child is left behind."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)


def _forget_connections(app) -> None:
    # The app's connection pool is kombu's process-wide pool for the broker URL of first use, and its producer pool
    # is bound to that; closing the app's pool alone leaves a closed pool in kombu's registry for every later publish
    # to that URL ("Acquire on closed pool"). kombu.pools.reset() closes all of them and empties the registry, so the
    # next publish opens fresh pools for the URL now configured (what Celery itself does after a fork).
    from kombu import pools

    pools.reset()
    app._pool = None
    app._backend_cache = None  # the result backend (if any) is built again from the URL now configured
    app._local.__dict__.pop("backend", None)
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@contextlib.contextmanager
def private_broker(url: str):
    """Publish this process's tasks to ``url`` (a real broker, eager mode off) for the duration of the block; a
    result backend, if one is configured, moves there too, as a deployment gives both the one ``REDIS_URL``."""
    from policycomms.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager, app.conf.result_backend)
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    if app.conf.result_backend:
        app.conf.result_backend = url
    _forget_connections(app)
    try:
        yield app
    finally:
        app.conf.broker_url, app.conf.task_always_eager, app.conf.result_backend = saved
        _forget_connections(app)
