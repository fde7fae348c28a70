"""Credentials for the load test, written as JSON: API tokens for officials (with drafts they may edit) and
logged-in session cookies for heads and inspectors (with their organization's code).

Sessions are created directly rather than by posting the login form, so the ramp-up does not measure 100 password
hashes. Run with the same DATABASE_URL as the server: ``python benchmarks/prepare_users.py OUT.json [N]``.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policycomms.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from accounts.models import Membership, Role  # noqa: E402
from drafts.models import Draft, DraftStatus  # noqa: E402


def session_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def main(out: str, per_role: int) -> None:
    officials, heads, inspectors = [], [], []
    for membership in Membership.objects.filter(role=Role.OFFICIAL).select_related("user", "organization"):
        drafts = list(
            Draft.objects.filter(drafting_organization__path__startswith=membership.organization.path)
            .exclude(status=DraftStatus.WITHDRAWN)
            .values("id", "proposal_consultation_start")[:20]
        )
        if not drafts:
            continue
        token, _ = Token.objects.get_or_create(user=membership.user)
        officials.append({
            "token": token.key,
            "drafts": [{"id": d["id"], "date": d["proposal_consultation_start"].isoformat()} for d in drafts],
        })
        if len(officials) == per_role:
            break
    for role, bucket in ((Role.HEAD, heads), (Role.INSPECTOR, inspectors)):
        members = Membership.objects.filter(role=role).select_related("user", "organization")[:per_role]
        for membership in members:
            bucket.append({"session": session_for(membership.user), "organization": membership.organization.code})
    Path(out).write_text(json.dumps({"officials": officials, "heads": heads, "inspectors": inspectors}))
    print(f"{len(officials)} officials, {len(heads)} heads, {len(inspectors)} inspectors -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100)
