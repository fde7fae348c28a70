"""THE PERMISSION MATRIX: every URL × every role × own / other organization.

Roles (root ``conftest.py``): official, head and inspector of the department; admin of the city above it;
outsider, an official of another province; anonymous. "own" objects belong to the department, "other" objects to
a department of the other province. What a role may do on each side is written out in ``CAN`` below, from
docs/contributing.md ("Permissions"); each URL says which capability it needs. Expected answers:

* capability held ............................ 200 (or the URL's own ``ok`` statuses, e.g. a redirect)
* object in read scope, capability not held .. 403
* object outside read scope .................. 404
* anonymous .................................. 302 to the login page (the API: 401)

Edit and delete URLs are also POSTed by every role that must be refused, and the object must survive.

The URL list comes from the resolver: ``test_every_url_is_in_the_matrix`` fails as soon as a URL exists that is
neither in ``MATRIX`` nor in ``ELSEWHERE`` (with the reason and the test that covers it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from accounts.models import Role
from campaigns import services as campaign_services
from testbed import factories
from tests.security.urlwalk import endpoints

pytestmark = pytest.mark.django_db

ROLES = ("official", "head", "inspector", "admin", "outsider", "anonymous")
SIDES = ("own", "other")

# What each role holds on objects of its own organization's subtree and on the other province's.
CAN = {
    "official": {"own": {"read", "edit", "import"}, "other": set()},
    "head": {"own": {"read", "edit", "import", "export", "sign_off", "recompute"}, "other": set()},
    "inspector": {"own": {"read", "export", "inspect"}, "other": set()},
    "admin": {"own": {"read", "manage", "import", "recompute"}, "other": set()},
    "outsider": {"own": set(), "other": {"read", "edit", "import"}},
}

pk = lambda obj: {"pk": obj.pk}  # noqa: E731
code = lambda obj: {"code": obj.code}  # noqa: E731
draft_pk = lambda obj: {"draft_pk": obj.pk}  # noqa: E731
draft_id = lambda obj: {"draft_id": obj.pk}  # noqa: E731
YEAR = 2024
code_year = lambda obj: {"code": obj.code, "year": YEAR}  # noqa: E731
problem_file = lambda obj: {"pk": obj.pk, "file_pk": obj.attachments.get().pk}  # noqa: E731
draft_phase = lambda obj: {"draft_id": obj.pk, "phase": "proposal"}  # noqa: E731


@dataclass(frozen=True)
class Check:
    """How one URL is checked.

    needs: the capability on the object's organization (read, edit, export, manage, sign_off); "<cap>_anywhere"
        for pages without an object that need the capability on some organization; None for any logged-in user.
    target: which object of the side fills the URL (org, draft, policy, campaign, activity, file, signoff, job,
        problem); for POST-only URLs the object whose organization is checked.
    action: view, edit, delete or download (edit and delete are also POSTed by the refused roles).
    method/data: POST-only URLs are checked with a POST of ``data(objects)``; for GETs ``data`` is the query.
    """

    needs: str | None = None
    target: str | None = None
    kwargs: Callable | None = None
    action: str = "view"
    ok: tuple[int, ...] = (200,)
    api: bool = False
    method: str = "get"
    data: Callable | None = None  # objects of the side -> POST data (or query string for GET)
    skip_roles: tuple[str, ...] = ()  # roles for which this URL means something else (e.g. their own upload)
    not_found_for_readers: bool = False  # the object is private to one user: everyone else allowed gets 404
    readable_by_all: bool = False  # every signed-in user reads it (directives), so a refusal is 403, never 404
    public: bool = False  # the same answer (``ok``) for everyone, anonymous included


VIEW_ANY = Check()
API_ANY = Check(api=True)

MATRIX: dict[str, Check] = {
    "home": VIEW_ANY,
    "accounts:profile": VIEW_ANY,
    "accounts:password_change": Check(action="edit"),
    "accounts:password_change_done": VIEW_ANY,
    # organizations
    "organizations:list": VIEW_ANY,
    "organizations:create": Check("manage_anywhere", action="edit"),
    "organizations:detail": Check("read", "org", code),
    "organizations:update": Check("manage", "org", code, action="edit"),
    # drafts
    "drafts:list": VIEW_ANY,
    "drafts:create": Check("edit_anywhere", action="edit"),
    "drafts:detail": Check("read", "draft", pk),
    "drafts:policy_list": VIEW_ANY,
    # campaigns, activities, evidence
    "campaigns:campaign_list": VIEW_ANY,
    "campaigns:campaign_choose_draft": Check("edit_anywhere"),
    "campaigns:campaign_create": Check("edit", "draft", draft_pk, action="edit"),
    "campaigns:campaign_detail": Check("read", "campaign", pk),
    "campaigns:campaign_update": Check("edit", "campaign", pk, action="edit"),
    "campaigns:campaign_delete": Check("edit", "campaign", pk, action="delete"),
    "campaigns:activity_list": VIEW_ANY,
    "campaigns:activity_choose_draft": Check("edit_anywhere"),
    "campaigns:activity_create": Check("edit", "draft", draft_pk, action="edit"),
    "campaigns:activity_detail": Check("read", "activity", pk),
    "campaigns:activity_update": Check("edit", "activity", pk, action="edit"),
    "campaigns:activity_delete": Check("edit", "activity", pk, action="delete"),
    "campaigns:evidence_download": Check("read", "file", pk, action="download"),
    "campaigns:evidence_delete": Check("edit", "file", pk, action="delete"),
    "drafts:update": Check("edit", "draft", pk, action="edit"),
    "drafts:delete": Check("edit", "draft", pk, action="delete"),
    "drafts:policy_create": Check("edit", "draft", draft_pk, action="edit"),
    "drafts:policy_update": Check("edit", "policy", pk, action="edit"),
    "drafts:policy_delete": Check("edit", "policy", pk, action="delete"),
    # where a draft was posted for comment (consultation/posting_views.py)
    "consultation_postings:create": Check("edit", "draft", draft_pk, action="edit"),
    "consultation_postings:delete": Check("edit", "posting", pk, action="delete"),
    # consultation: the officials' work on comments (drafting organization's editors; readers read only)
    "consultation_work:record": Check("edit", "draft", draft_id, action="edit"),
    "consultation_work:answers": Check("read", "draft", draft_id),
    "consultation_work:suggestions": Check("read", "draft", draft_id),
    "consultation_work:comment": Check("read", "comment", pk),
    # reports: annual report, sign-off, exports, audit, problems for the Inspectorate
    "reports:index": VIEW_ANY,
    "reports:annual": Check("read", "org", code_year),
    "reports:text": Check("sign_off", "org", code_year, action="edit"),
    "reports:sign_off": Check("sign_off", "org", code_year, action="edit"),
    "reports:signoff_detail": Check("read", "signoff", pk),
    "reports:export_list": VIEW_ANY,
    "reports:export_create": Check(
        "export", "org", method="post", ok=(302,),
        data=lambda o: {"organization": o["org"].code, "year": YEAR, "format": "xlsx"},
    ),
    "reports:export_status": Check("export", "job", pk),
    "reports:export_download": Check("export", "job", pk, action="download"),
    "reports:export_retry": Check("export", "job", pk, method="post", ok=(302,)),
    "reports:audit": Check("inspect_anywhere"),
    # the summary-and-response report of a draft and phase (consultation)
    "reports:consultation": Check("read", "draft", draft_phase),
    "reports:consultation_approve": Check("sign_off", "draft", draft_phase, action="edit"),
    "reports:consultation_export": Check(
        "export", "draft", draft_phase, method="post", ok=(302,), data=lambda o: {"format": "pdf"}
    ),
    "reports:problem_list": VIEW_ANY,
    "reports:problem_create": Check("edit_anywhere", action="edit"),
    "reports:problem_detail": Check("read", "problem", pk),
    "reports:problem_close": Check("inspect", "problem", pk, action="edit"),
    "reports:problem_attachment": Check("read", "problem", problem_file, action="download"),
    # dashboards: coverage figures of an organization; heads and administrators may ask for a recompute
    "dashboards:index": Check(ok=(200, 302)),  # straight to the user's own dashboard when there is one
    "notifications:preferences": Check(action="edit"),
    "dashboards:organization": Check("read", "org", code),
    "dashboards:policies": Check("read", "org", code_year),
    "dashboards:recompute": Check("recompute", "org", code, method="post", ok=(302,), data=lambda o: {"year": YEAR}),
    # Without HTMX the status URL sends the browser back to the dashboard.
    "dashboards:recompute_status": Check("read", "recompute", pk, ok=(302,)),
    # directives: public documents every signed-in user reads; administrators change those of their subtree
    "directives:list": VIEW_ANY,
    "directives:create": Check("manage_anywhere", action="edit"),
    "directives:detail": Check(None, "directive", pk),
    "directives:update": Check("manage", "directive", pk, action="edit", readable_by_all=True),
    "directives:delete": Check("manage", "directive", pk, action="delete", readable_by_all=True),
    # exchange: spreadsheet import (edit or manage roles) and export (the user's own scope)
    "exchange:index": Check("import_anywhere", action="edit"),
    "exchange:import": Check("import_anywhere", action="edit"),
    # An upload belongs to the official who sent it: anyone else who may import gets 404, the rest 403.
    "exchange:preview": Check(
        "import_anywhere", "upload", lambda token: {"token": token}, skip_roles=("official",),
        not_found_for_readers=True,
    ),
    "exchange:discard": Check(
        "import_anywhere", "upload", lambda token: {"token": token}, method="post", ok=(302,), skip_roles=("official",)
    ),
    "exchange:export": Check(data=lambda o: {"kind": "drafts", "format": "csv"}),
    "exchange:template": Check(kwargs=lambda o: {"kind": "drafts"}),
    # public consultation pages: open to everyone, but a draft or file that is not published stays hidden, even
    # from its own officials (the world's drafts and files are unpublished)
    "public:index": Check(public=True),
    "public:feed": Check(public=True),
    "public:embed": Check(public=True),
    "public:organization": Check(None, "org", code, public=True, ok=(200, 404)),
    "public:draft": Check(None, "draft", pk, public=True, ok=(404,)),
    "public:file": Check(None, "file", pk, public=True, ok=(404,)),
    "public:consultation_report": Check(
        None, "draft", lambda d: {"pk": d.pk, "phase": "proposal", "fmt": "pdf"}, public=True, ok=(404,)
    ),
    # public comments (issue 16): the moderation queues; comment actions and the anonymous form are in ELSEWHERE
    "consultation:queue": VIEW_ANY,
    "consultation:draft": Check("read", "draft", lambda o: {"draft_id": o.pk}),
    # API, read side through the session (writes: see ELSEWHERE)
    "api:schema": API_ANY,
    "api:docs": API_ANY,
    "api:coverage": Check("read", "org", api=True, data=lambda o: {"organization": o["org"].code, "year": YEAR}),
    "api:organization-list": API_ANY,
    "api:organization-detail": Check("read", "org", code, api=True),
    "api:draft-list": API_ANY,
    "api:draft-detail": Check("read", "draft", pk, api=True),
    "api:policy-list": API_ANY,
    "api:policy-detail": Check("read", "policy", pk, api=True),
    "api:activity-list": API_ANY,
    "api:activity-detail": Check("read", "activity", pk, api=True),
    "api:comment-list": API_ANY,
    "api:comment-detail": Check("read", "comment", pk, api=True),
}

# URLs not checked here, each with the reason and where it is tested instead.
_AUTH_FLOW = "log-in / password reset flow, open to anonymous users: accounts/tests/test_auth.py, tests/security/test_security.py"
ELSEWHERE: dict[str, str] = {
    "login": _AUTH_FLOW,
    "logout": "POST-only, any session: accounts/tests/test_auth.py::test_logout_*",
    "accounts:password_reset": _AUTH_FLOW,
    "accounts:password_reset_done": _AUTH_FLOW,
    "accounts:password_reset_confirm": _AUTH_FLOW,
    "accounts:password_reset_complete": _AUTH_FLOW,
    "set_language": "no data, open to all: tests/security/test_security.py (anonymous walk allow-list)",
    "healthz": "no data, open to all: tests/security/test_security.py (anonymous walk allow-list)",
    "favicon": "no data, open to all: a redirect to the static icon; core/tests/test_words.py (favicon)",
    # public comments (issue 16): a comment is not in this world; each is tested for own / other / reader / anonymous
    "consultation:publish": "consultation/tests/test_moderation.py (404 other organization, 403 reader, audit)",
    "consultation:hide": "consultation/tests/test_moderation.py (404 other organization, 403 reader, audit)",
    "public:comment_submit": "anonymous form, open to all: consultation/tests/test_public.py, test_public_fuzz.py",
    "public:receipt": "open to all, no personal data: consultation/tests/test_public.py (receipt states)",
    "public:receipt_lookup": "open to all: consultation/tests/test_public.py (unknown code)",
    "public:comment_confirm": "open to all, signed link: consultation/tests/test_public.py (confirmation)",
    # API writes (POST/PATCH/DELETE) per role and organization are covered by api/tests (test_*::test_scope,
    # test_read_only_roles_get_403_on_writes, test_other_organization_is_404_on_writes); reads are in MATRIX.
}
# Whole namespaces checked by their own rule below.
NAMESPACE_RULES = {
    "admin": "Django admin: staff only; every non-staff role is sent to the admin login (test_admin_is_staff_only)",
}


# --- the world: one object of each kind on each side ---------------------------------------------------------


def _evidence(activity, actor):
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n% evidence\n", content_type="application/pdf")
    return campaign_services.store_upload(uploaded=upload, actor=actor, activity=activity)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _reports_objects(organization, actor):
    from django.core.files.base import ContentFile

    from reports import exports, problems, signoffs
    from reports.models import ExportStatus

    signoff = signoffs.signoff_create(organization=organization, year=YEAR, actor=actor)
    job = exports.export_job_create(organization=organization, year=YEAR, format="xlsx", actor=actor)
    # A finished job with its file, as the worker leaves it (the task itself is tested in reports/tests).
    job.file.save("report.xlsx", ContentFile(b"PK\x03\x04 test"), save=False)
    job.status = ExportStatus.DONE
    job.save()
    problem = problems.problem_create(
        organization=organization, actor=actor, title="Thiếu kinh phí", description="Chưa có kinh phí truyền thông.",
        attachments=[SimpleUploadedFile("cong-van.pdf", b"%PDF-1.4\n% problem\n", content_type="application/pdf")],
    )
    return {"signoff": signoff, "job": job, "problem": problem}


def _directive_for(organization, actor):
    import datetime as dt

    from directives import services as directive_services

    return directive_services.directive_create(
        actor=actor, code=f"06/KH-{organization.code}", kind="plan", title="Kế hoạch truyền thông chính sách",
        issuer=organization.name, issued_on=dt.date(2024, 1, 15), applies_to=organization,
    )


def _recompute_for(organization, actor):
    from dashboards import services as dashboard_services

    return dashboard_services.recompute_request(organization=organization, year=YEAR, actor=actor)


def _upload_of(user):
    from exchange import services as exchange_services

    uploaded = SimpleUploadedFile("drafts.xlsx", b"PK\x03\x04 not really a workbook")
    return exchange_services.upload_store(user=user, uploaded=uploaded, kind="drafts")


def _posting_for(draft):
    import datetime as dt

    from consultation.models import Posting

    return Posting.objects.create(
        draft=draft, phase="proposal", venue="agency_portal", posted_from=dt.date(2024, 2, 1),
        posted_until=dt.date(2024, 3, 31),
    )


@pytest.fixture
def world(tree, users, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.gov.vn", "a-long-admin-passphrase-1")
    other_department = factories.OrganizationFactory(
        code="QN-SGDDT", name="Sở Giáo dục và Đào tạo Quảng Ninh", kind="department", parent=tree["other"]
    )
    built = {}
    for side, organization in (("own", tree["department"]), ("other", other_department)):
        draft = factories.DraftFactory(drafting_organization=organization)
        policy = factories.PolicyFactory(draft=draft)
        campaign = factories.CampaignFactory(draft=draft)
        activity = factories.ActivityFactory(draft=draft, campaign=campaign, policies=[policy])
        built[side] = {
            "org": organization,
            "draft": draft,
            "policy": policy,
            "campaign": campaign,
            "activity": activity,
            # on a draft of its own: a draft with comments is never deleted, and drafts:delete deletes the world's
            "comment": factories.CommentFactory(
                draft__drafting_organization=organization, text="Góp ý về dự thảo", submitter_name="Nguyễn A",
                status="pending",
            ),
            "file": _evidence(activity, users["official"]),
            "directive": _directive_for(organization, root),
            "recompute": _recompute_for(organization, root),
            "posting": _posting_for(draft),
            **_reports_objects(organization, root),
        }
    built["upload"] = _upload_of(users["official"])
    for side in SIDES:
        built[side]["upload"] = built["upload"]
    return built


@pytest.fixture
def client_class():
    from django.test import Client

    return Client


# --- expectations ---------------------------------------------------------------------------------------------


def expected_status(check: Check, role: str, side: str) -> int | str:
    if check.public:
        return "ok"
    if role == "anonymous":
        return "api-refused" if check.api else "login"
    if role in check.skip_roles:
        return "skip"
    held = CAN[role][side]
    if check.needs is None:
        return "ok"
    if check.needs.endswith("_anywhere"):
        capability = check.needs.removesuffix("_anywhere")
        if not any(capability in caps for caps in CAN[role].values()):
            return 403
        return 404 if check.not_found_for_readers else "ok"
    if check.needs in held:
        return "ok"
    return 403 if "read" in held or check.readable_by_all else 404


def _matches(expected, response, check: Check) -> bool:
    status = response.status_code
    if expected == "ok":
        return status in check.ok
    to_login = status == 302 and response["Location"].startswith(reverse("login") + "?next=")
    if expected == "login":
        return to_login
    if expected == "api-refused":  # DRF answers 401; the HTML docs page is an ordinary page and redirects
        return status in (401, 403) or to_login
    return status == expected


def _url(name, check: Check, objects):
    if check.kwargs is None:
        return reverse(name)
    return reverse(name, kwargs=check.kwargs(objects[check.target] if check.target else None))


def _request(client, check: Check, url, objects):
    data = check.data(objects) if check.data else {}
    return getattr(client, check.method)(url, data)


def _client_for(client_factory, users, role):
    client = client_factory()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def _still_exists(obj):
    return type(obj).objects.filter(pk=obj.pk).exists()


# --- the tests ------------------------------------------------------------------------------------------------


def test_every_url_is_in_the_matrix():
    names = {e.name for e in endpoints()}
    unlisted = sorted(
        n for n in names if n not in MATRIX and n not in ELSEWHERE and n.split(":", 1)[0] not in NAMESPACE_RULES
    )
    assert not unlisted, (
        "these URLs are in no permission check: add them to MATRIX (or to ELSEWHERE with the test that covers "
        f"them) in tests/security/test_permission_matrix.py: {unlisted}"
    )
    stale = sorted((set(MATRIX) | set(ELSEWHERE)) - names)
    assert not stale, f"these URLs no longer exist; remove them from the matrix: {stale}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(name, world, users, client_class):
    check = MATRIX[name]
    try:
        _url(name, check, world["own"])
    except NoReverseMatch:  # reported by test_every_url_is_in_the_matrix as stale
        pytest.skip(f"{name} does not exist (yet)")

    failures = []
    # Objects of an organization are checked on both sides; pages without one (or a per-user upload) once.
    sides = SIDES if check.target and check.target != "upload" else ("own",)
    for side in sides:
        objects = world[side]
        url = _url(name, check, objects)
        for role in ROLES:
            expected = expected_status(check, role, side)
            if expected == "skip":
                continue
            client = _client_for(client_class, users, role)
            response = _request(client, check, url, objects)
            if not _matches(expected, response, check):
                failures.append(
                    f"{role:9} {side:5} {check.method.upper():4} {url}: expected {expected}, got {response.status_code}"
                )
            refused = expected in (403, 404)
            if refused and check.method == "get" and check.action in ("edit", "delete"):
                response = client.post(url, {})
                if not _matches(expected, response, check):
                    failures.append(f"{role:9} {side:5} POST {url}: expected {expected}, got {response.status_code}")
                if check.target and not _still_exists(objects[check.target]):
                    failures.append(f"{role:9} {side:5} POST {url}: the {check.target} was deleted")
                    pytest.fail("\n".join(failures))
    assert not failures, f"{name}:\n" + "\n".join(failures)


def test_nobody_else_can_discard_an_upload(world, users, client_class):
    from exchange import services as exchange_services

    token = world["upload"]
    for role in ("head", "admin", "outsider"):
        _client_for(client_class, users, role).post(reverse("exchange:discard", kwargs={"token": token}))
    assert exchange_services.upload_get(user=users["official"], token=token) is not None


def test_admin_is_staff_only(world, users, client_class):
    """No portal role is Django staff: every admin URL sends them to the admin login (its form answers 200)."""
    admin_login = reverse("admin:login")
    failures = []
    admin_endpoints = [e for e in endpoints() if e.namespace == "admin"]
    assert len(admin_endpoints) > 20
    for role in ("official", "head", "inspector", "admin", "outsider"):
        client = _client_for(client_class, users, role)
        for endpoint in admin_endpoints:
            response = client.get(endpoint.sample_url)
            if endpoint.name == "admin:login":
                ok = response.status_code == 200
            elif endpoint.name == "admin:logout":
                ok = response.status_code == 302 and response["Location"] == reverse("admin:index")
            else:
                ok = response.status_code == 302 and response["Location"].startswith(admin_login + "?next=")
            if not ok:
                failures.append(f"{role} GET {endpoint.sample_url} ({endpoint.name}) -> {response.status_code}")
    assert not failures, "\n".join(failures)


# --- the matrix's own checks: it must be able to fail ------------------------------------------------------------


def test_expectations_follow_the_roles():
    edit = Check("edit", "draft", pk, action="edit")
    assert expected_status(edit, "official", "own") == "ok"
    assert expected_status(edit, "inspector", "own") == 403
    assert expected_status(edit, "admin", "own") == 403
    assert expected_status(edit, "official", "other") == 404
    assert expected_status(edit, "outsider", "other") == "ok"
    assert expected_status(edit, "outsider", "own") == 404
    assert expected_status(edit, "anonymous", "own") == "login"
    assert expected_status(Check("manage_anywhere"), "admin", "own") == "ok"
    assert expected_status(Check("manage_anywhere"), "head", "own") == 403


def test_a_view_that_ignores_scope_is_caught(world, users, client_class):
    """Check the inspector's edit answer against a URL anyone may open: the matrix must report it."""
    response = _client_for(client_class, users, "inspector").get(reverse("home"))
    assert not _matches(403, response, Check("edit"))


def test_membership_roles_are_those_of_the_matrix(users):
    assert {m.role for u in users.values() for m in u.memberships.all()} == {
        Role.OFFICIAL, Role.HEAD, Role.INSPECTOR, Role.ADMIN
    }
