"""Mixed load on the portal: officials saving activities through the API, heads reading dashboards, inspectors
requesting exports. Credentials come from ``prepare_users.py`` (``LOAD_USERS`` = its JSON file).

Weights 5 : 4 : 1 (officials : heads : inspectors); each simulated user waits 0.5–1.5 s between actions.
The ceiling of a trivial view (``/healthz``) is measured with wrk by ``run_load.sh``.
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task

USERS = json.load(open(os.environ["LOAD_USERS"])) if os.environ.get("LOAD_USERS") else {}
YEAR = int(os.environ.get("LOAD_YEAR", "2025"))
_next = {role: itertools.cycle(USERS.get(role) or [None]) for role in ("officials", "heads", "inspectors")}


class Official(HttpUser):
    weight = 5
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.me = next(_next["officials"])
        self.client.headers["Authorization"] = f"Token {self.me['token']}"

    @task(3)
    def save_activity(self):
        draft = random.choice(self.me["drafts"])
        self.client.post(
            "/api/v1/activities/",
            json={"draft": draft["id"], "channel": "portal", "date": draft["date"], "status": "done",
                  "title": "Đăng tải dự thảo trên cổng thông tin (load test)"},
            name="POST /api/v1/activities/",
        )

    @task(1)
    def list_activities(self):
        draft = random.choice(self.me["drafts"])
        self.client.get(f"/api/v1/activities/?draft={draft['id']}", name="GET /api/v1/activities/?draft=")


class Head(HttpUser):
    weight = 4
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.me = next(_next["heads"])
        self.client.cookies.set("sessionid", self.me["session"])

    @task(3)
    def dashboard(self):
        self.client.get(f"/dashboards/{self.me['organization']}/", name="GET /dashboards/<code>/")

    @task(1)
    def policies(self):
        self.client.get(f"/dashboards/{self.me['organization']}/{YEAR}/policies/",
                        name="GET /dashboards/<code>/<year>/policies/")


class Inspector(HttpUser):
    weight = 1
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.me = next(_next["inspectors"])
        self.client.cookies.set("sessionid", self.me["session"])
        self.client.get("/reports/exports/", name="GET /reports/exports/")  # sets the CSRF cookie

    @task(1)
    def request_export(self):
        self.client.post(
            "/reports/exports/new/",
            data={"organization": self.me["organization"], "year": YEAR, "format": "xlsx",
                  "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
            headers={"X-CSRFToken": self.client.cookies.get("csrftoken", "")},
            name="POST /reports/exports/new/",
        )

    @task(2)
    def export_list(self):
        self.client.get("/reports/exports/", name="GET /reports/exports/")

