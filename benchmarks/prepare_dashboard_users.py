"""Session cookies of two heads for the dashboard load test (issue #4): one of a large province, one of a department.

The generated data set puts heads on departments only, so the province head is created here (user
``bench-head-<code>``, a head membership on the province, no usable password); an existing head of the department is
reused, or one is created the same way. Sessions are created directly, not by posting the login form.
Run with the same DATABASE_URL as the server:

    python benchmarks/prepare_dashboard_users.py OUTDIR [--province CODE] [--department CODE] [--sessions N]
        [--many M] [--year YEAR]

OUTDIR gets ``dashboards.txt`` (the two codes, province first) and ``<code>.sessions`` (N sessions of that head, one
per line, so concurrent connections do not all update one session row: the session key, a space, and a CSRF cookie
value, which a browser that has opened any page of the portal sends too). With ``--many M``, ``many.sessions`` holds
one session of each of M heads of departments, each line followed by the path of that head's own dashboard. Defaults: the root province whose
subtree drafted the most drafts, and the department below it (with a head) whose subtree drafted the most.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policycomms.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db.models import Exists, OuterRef  # noqa: E402
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from accounts.models import Membership, Role, User  # noqa: E402
from drafts.models import Draft  # noqa: E402
from organizations.models import Organization, OrganizationKind  # noqa: E402


def drafts_in_subtree(organization) -> int:
    return Draft.objects.filter(drafting_organization__path__startswith=organization.path).count()


def largest(organizations):
    return max(organizations, key=lambda o: (drafts_in_subtree(o), -o.pk))


def default_province() -> Organization:
    return largest(Organization.objects.filter(parent=None, kind=OrganizationKind.PROVINCE))


def default_department(province) -> Organization:
    heads = Membership.objects.filter(organization=OuterRef("pk"), role=Role.HEAD)
    departments = Organization.objects.filter(parent=province, kind=OrganizationKind.DEPARTMENT).filter(Exists(heads))
    return largest(departments) if departments.exists() else largest(Organization.objects.filter(parent=province))


def head_of(organization) -> User:
    membership = (
        Membership.objects.filter(organization=organization, role=Role.HEAD, user__is_active=True)
        .select_related("user").order_by("pk").first()
    )
    if membership:
        return membership.user
    user, created = User.objects.get_or_create(username=f"bench-head-{organization.code.lower()}")
    if created:
        user.set_unusable_password()
        user.full_clean()
        user.save()
    Membership.objects.get_or_create(user=user, organization=organization, role=Role.HEAD)
    return user


def session_for(user) -> str:
    """A logged-in session's cookie line: the session key and a CSRF cookie value."""
    client = Client()
    client.force_login(user)
    csrf = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    return f"{client.cookies[settings.SESSION_COOKIE_NAME].value} {csrf}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="folder for the session files")
    parser.add_argument("--province")
    parser.add_argument("--department")
    parser.add_argument("--sessions", type=int, default=30, help="sessions per head (one per connection)")
    parser.add_argument("--many", type=int, default=0, help="also this many heads of departments, one session each")
    parser.add_argument("--year", type=int, default=2024, help="the year in the many heads' URLs")
    args = parser.parse_args()
    province = Organization.objects.get(code=args.province) if args.province else default_province()
    department = Organization.objects.get(code=args.department) if args.department else default_department(province)
    out = Path(args.out)
    for organization in (province, department):
        user = head_of(organization)
        sessions = [session_for(user) for _ in range(args.sessions)]
        (out / f"{organization.code}.sessions").write_text("\n".join(sessions) + "\n")
        print(f"{organization.code} ({organization.kind}, {drafts_in_subtree(organization)} drafts in subtree, "
              f"{organization.children.count()} children): head {user.username}, {len(sessions)} sessions")
    (out / "dashboards.txt").write_text(f"{province.code}\n{department.code}\n")
    if args.many:
        # Heads of departments all over the country, each opening their own department's dashboard: every request
        # another user and another page (what a Monday morning looks like, unlike one head's page again and again).
        memberships = (
            Membership.objects.filter(role=Role.HEAD, user__is_active=True, organization__kind=OrganizationKind.DEPARTMENT)
            .select_related("user", "organization").order_by("organization__code", "pk").distinct("organization__code")
        )[: args.many]
        lines = [
            f"{session_for(m.user)} {reverse('dashboards:organization', args=[m.organization.code])}?year={args.year}"
            for m in memberships
        ]
        (out / "many.sessions").write_text("\n".join(lines) + "\n")
        print(f"many: {len(lines)} heads of departments, one session and dashboard each")


if __name__ == "__main__":
    main()
