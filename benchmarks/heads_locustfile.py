"""300 heads at once, as people: each opens a dashboard, reads it, then opens the next page (run_dashboard.sh).

Each simulated head reads for a time drawn from an exponential distribution of mean ``THINK`` seconds (so together
they ask at random moments, about heads / THINK pages a second), the first page included: they do not all arrive at
the same instant. A connection is opened only when a page is asked for, as a browser behind a proxy would, so idle
readers hold no gunicorn worker.

Sessions come from ``prepare_dashboard_users.py``'s folder (``HEADS_DIR``): ``many.sessions`` (one head per line, with
their own department's path; ``HEADS`` - 20 of them are used), and 10 sessions each of the province's and the
department's head (``dashboards.txt``). Every answer other than 200 is a failure (a redirect to the log-in page is a
failed dashboard, not a page). Run:

    HEADS_DIR=var/bench/dashboard-… HEADS=300 THINK=10 YEAR=2024 \\
      locust -f benchmarks/heads_locustfile.py --headless -u 300 -r 300 -t 90s --host http://127.0.0.1:8766 --csv OUT
"""

import itertools
import os
import random
from pathlib import Path

from locust import FastHttpUser, task

FOLDER = Path(os.environ.get("HEADS_DIR", "."))
HEADS = int(os.environ.get("HEADS", "300"))
THINK = float(os.environ.get("THINK", "10"))
YEAR = int(os.environ.get("YEAR", "2024"))
FEW = 10  # people on each of the two named dashboards


def _sessions(name: str) -> list[tuple[str, str]]:
    """(cookie header, path) per line of ``name``.sessions; the path defaults to that organization's dashboard."""
    lines = []
    for line in (FOLDER / f"{name}.sessions").read_text().splitlines():
        key, csrf, *path = line.split()
        lines.append((f"sessionid={key}; csrftoken={csrf}", path[0] if path else f"/dashboards/{name}/?year={YEAR}"))
    return lines


PROVINCE, DEPARTMENT = (FOLDER / "dashboards.txt").read_text().split()[:2] if (FOLDER / "dashboards.txt").exists() \
    else ("", "")


class Head(FastHttpUser):
    abstract = True
    page_name = ""
    pool: itertools.cycle

    def wait_time(self):
        return random.expovariate(1 / THINK)

    def on_start(self):
        self.cookie, self.path = next(self.pool)
        self.wait()  # arrive at a random moment, not all at once

    @task
    def dashboard(self):
        with self.client.get(self.path, headers={"Cookie": self.cookie}, allow_redirects=False,
                             name=self.page_name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"answered {response.status_code}")


if PROVINCE:
    class CrowdHead(Head):
        fixed_count = HEADS - 2 * FEW
        page_name = "each head's own department"
        pool = itertools.cycle(_sessions("many")[:HEADS - 2 * FEW])

    class ProvinceHead(Head):
        fixed_count = FEW
        page_name = f"/dashboards/{PROVINCE}/"
        pool = itertools.cycle(_sessions(PROVINCE))

    class DepartmentHead(Head):
        fixed_count = FEW
        page_name = f"/dashboards/{DEPARTMENT}/"
        pool = itertools.cycle(_sessions(DEPARTMENT))
