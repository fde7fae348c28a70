"""Hypothesis fuzzing of every form and every API endpoint: hostile input never gets a server error, and input
that is refused saves nothing.

What is sent: unicode text, huge strings, NUL bytes, dates in odd formats, negative and enormous numbers, ids and
codes of the other province's objects, several values where one is expected (lists, JSON objects), hostile file
names and contents. Fields are not listed by hand:

* HTML forms: the page is fetched and its ``<form>`` parsed, so every input, select, textarea and file field the
  user sees is fuzzed, starting from the values the page itself offers (so valid submissions happen too);
* POST-only actions (export, recompute, sign-off…): the fields the permission matrix posts, plus stray ones;
* API: the fields of the object's own JSON representation for POST, PUT and PATCH, the filter set's fields for
  list queries, and raw bodies that are not JSON at all;
* list pages: the page's GET filter form plus ``q``, ``sort``, ``desc`` and ``page``.

Which URLs and as whom: the permission matrix (``tests/security/test_permission_matrix.py``) builds the URLs and
says which role may use each; ``test_every_writable_url_is_fuzzed`` fails when a URL that accepts POST is neither
fuzzed nor listed in ``NOT_FUZZED`` with the reason.

A refusal is an HTML form shown again (200) or any 4xx; then the row count of every model of our apps, the object
being edited and the other province's data must be exactly as before. ``FUZZ_EXAMPLES`` (default 25) sets the
number of examples per target; a failure prints the falsifying input (replay it with ``--hypothesis-seed``);
``--hypothesis-show-statistics`` shows the answers each target gave.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, resolve, reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from campaigns.models import Activity, Campaign
from drafts.models import Draft, Policy
from tests.security.test_permission_matrix import MATRIX, Check, expected_status, world  # noqa: F401  (world: fixture)
from tests.security.urlwalk import endpoints

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
GET_EXAMPLES = max(5, EXAMPLES // 2)

OUR_APPS = ("accounts", "organizations", "drafts", "campaigns", "directives", "coverage", "reports", "dashboards",
            "notifications", "exchange", "public", "core", "consultation")

# POST URLs that are not fuzzed here, each with the reason and where it is tested.
NOT_FUZZED = {
    "logout": "no input; POST-only, any session: accounts/tests/test_auth.py::test_logout_*",
    "drafts:delete": "confirmation page without fields: tests/security/test_permission_matrix.py",
    "drafts:policy_delete": "confirmation page without fields: tests/security/test_permission_matrix.py",
    "campaigns:campaign_delete": "confirmation page without fields: tests/security/test_permission_matrix.py",
    "campaigns:activity_delete": "confirmation page without fields: tests/security/test_permission_matrix.py",
    "campaigns:evidence_delete": "confirmation page without fields: tests/security/test_permission_matrix.py",
    "directives:delete": "confirmation page without fields: tests/security/test_permission_matrix.py",
    "consultation_postings:delete": "confirmation page without fields: tests/security/test_permission_matrix.py",
    "consultation:publish": "confirmation page without fields: consultation/tests/test_moderation.py",
    "consultation:hide": "one choice (the reason): consultation/tests/test_moderation.py::test_hiding_needs_a_reason",
    "public:comment_submit": "anonymous, rate-limited: Hypothesis in consultation/tests/test_public_fuzz.py",
}
# Django's admin is staff-only (test_permission_matrix.py::test_admin_is_staff_only) and Django's own code.
NOT_FUZZED_NAMESPACES = {"admin"}

# Pages outside the permission matrix: the anonymous flow.
ANONYMOUS_FORMS = {
    "login": {},
    "accounts:password_reset": {},
    "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
    "set_language": {},
}
# The owner of an upload is the only one who sees it (the matrix skips that role for exactly this reason).
ROLE_OVERRIDES = {"exchange:preview": "official", "exchange:discard": "official",
                  "reports:problem_detail": "inspector"}  # only the Inspectorate answers a problem
ROLE_ORDER = ("official", "head", "inspector", "admin")
# A blank "new" form is refused whatever one field holds; start it from an existing record's values instead, so
# hostile values also reach the code that runs after validation.
PREFILL_FROM = {
    "organizations:create": "organizations:update",
    "drafts:create": "drafts:update",
    "drafts:policy_create": "drafts:policy_update",
    "campaigns:campaign_create": "campaigns:campaign_update",
    "campaigns:activity_create": "campaigns:activity_update",
    "directives:create": "directives:update",
}

# --- hostile values -------------------------------------------------------------------------------------------

ODD_STRINGS = [
    "", " ", "\t\n", "\x00", "a\x00b", "%00", "\u202etxt.exe", "\ufeff", "\u0301" * 40, "Đề án 407 — Nghị quyết ✓ 😀",
    "0", "-1", "-0", "3.14", "1,5", "1.234.567", "1e308", "-1e308", "NaN", "inf", "-inf", "0x1F", "٣",
    "2147483648", "-2147483649", "9223372036854775808", "-99999999999999999999999999",
    "31/02/2024", "29/02/2023", "2024-02-30", "2024-13-01", "0000-00-00", "00/00/0000", "9999-12-31", "31/12/9999",
    "1/1/1", "01/01/10000", "10000-01-01", "2024/01/01", "01.02.2024", "2024-01-01T25:61:00", "1 tháng 2 năm 2024",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "'; DROP TABLE drafts_draft; --",
    "../../../../etc/passwd", "..\\..\\windows\\win.ini", "https://evil.example/", "//evil.example",
    "javascript:alert(1)",
    "{{ 7*7 }}", "{% debug %}", "${jndi:ldap://x/a}", "%s%s%s%n", "true", "false", "null", "[]", "{}",
]
HUGE_STRINGS = ["A" * 10_000, "Ư" * 70_000, "9" * 5_000]  # a body over Django's cap: test_a_body_over_the_cap_*

text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)
big_int_text = st.integers(min_value=-(2**70), max_value=2**70).map(str)


def form_scalars(ids: list[str], options: list[str]) -> st.SearchStrategy[str]:
    choices = [st.sampled_from(ODD_STRINGS), text, big_int_text, st.sampled_from(HUGE_STRINGS), st.sampled_from(ids)]
    if options:
        choices.append(st.sampled_from(options))
    return st.one_of(choices)


def json_values(ids: list, options: list) -> st.SearchStrategy:
    scalar = st.one_of(
        form_scalars([str(i) for i in ids], [str(o) for o in options]),
        st.sampled_from(ids),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.none(),
        st.booleans(),
    )
    return st.one_of(scalar, st.lists(scalar, max_size=3), st.dictionaries(text, scalar, max_size=2))


file_names = st.sampled_from([
    "bien-ban.pdf", "../../../etc/passwd", "..\\..\\evil.pdf", "/etc/shadow", "a\x00.pdf", "tài liệu họp.docx",
    "evil.html", "photo.png", "x" * 300 + ".pdf", ".htaccess", "CON.pdf", "drafts.xlsx", "  .pdf", "noextension",
])  # (the test client sends the base name only: a path in the name is tested in campaigns/tests/test_files.py)
file_contents = st.one_of(
    st.binary(max_size=300),
    st.sampled_from([
        b"%PDF-1.4\n% evidence\n",
        b"<html><script>alert(1)</script></html>",
        b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>",
        b"PK\x03\x04 not really a workbook",
        b"",
    ]),
)
uploads = st.builds(lambda name, content: SimpleUploadedFile(name, content), file_names, file_contents)

OMIT = object()

# --- reading a page's forms -----------------------------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea"
    value: list[str] = field(default_factory=list)  # what the page would send unchanged
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    def baseline(self) -> dict:
        data = {}
        for f in self.fields.values():
            if f.kind == "file":
                continue
            if f.kind == "select" and not f.value and not f.multiple and f.options:
                data[f.name] = [f.options[0]]
            elif f.value:
                data.setdefault(f.name, []).extend(f.value)
        return data


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def _add(self, f: Field) -> Field:
        existing = self._form.fields.get(f.name)
        if existing is None:
            self._form.fields[f.name] = f
            return f
        existing.options.extend(f.options)  # radio groups and checkbox lists share one name
        existing.value.extend(f.value)
        existing.multiple = True
        return existing

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form((a.get("method") or "get").lower(), a.get("action") or "")
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "option":
            if self._select is None:
                return
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.value.append(a.get("value", ""))
            return
        name = a.get("name")
        if not name or "disabled" in a:
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            checked = kind not in ("checkbox", "radio") or "checked" in a
            self._add(Field(name, kind, [value] if checked and kind != "file" else [],
                            [value] if kind in ("checkbox", "radio") else []))
        elif tag == "select":
            self._select = self._add(Field(name, "select", multiple="multiple" in a))
        elif tag == "textarea":
            self._textarea = self._add(Field(name, "textarea", [""]))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value[-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(html: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def own_form(response, path: str, method: str) -> Form | None:
    """The page's own form (not the language switch or log-out in the layout): it posts back to the page."""
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return None
    candidates = [
        f for f in forms_of(response.content.decode())
        if f.method == method and (urlsplit(f.action).path or path) == path
    ]
    return max(candidates, key=lambda f: len(f.fields), default=None)


# --- what must not change when input is refused ---------------------------------------------------------------


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for config in apps.get_app_configs()
        if config.label in OUR_APPS
        for model in config.get_models()
    }


def state_of(obj) -> dict | None:
    if obj is None:
        return None
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    if fresh is None:
        return None
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


def other_province(world) -> dict:
    """Everything on the other side: nothing we post as an own-side user may create, change or remove it."""
    other = world["other"]
    org = other["org"]
    snapshot = {key: state_of(obj) for key, obj in other.items() if hasattr(obj, "_meta")}
    snapshot["counts"] = (
        Draft.objects.filter(drafting_organization=org).count(),
        Policy.objects.filter(draft__drafting_organization=org).count(),
        Campaign.objects.filter(draft__drafting_organization=org).count(),
        Activity.objects.filter(draft__drafting_organization=org).count(),
        type(org).objects.filter(path__startswith=org.path).count(),
    )
    return snapshot


def hostile_ids(world) -> list:
    ids = []
    for side in ("own", "other"):
        for key, obj in world[side].items():
            if hasattr(obj, "pk"):
                ids.append(obj.pk)
            if hasattr(obj, "code"):
                ids.append(obj.code)
    return sorted(set(ids), key=str) + [0, -1, 2**63]


def fuzz(examples: int, body) -> None:
    """Run ``body(data)`` under hypothesis; fixtures are set up once per test, outside the examples."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def run(data):
        body(data)

    run()


def draw_form_data(data, form_fields: dict[str, Field], baseline: dict, ids: list, extra_keys=()) -> dict:
    """Each field keeps the page's value, is left out, or gets something hostile (several values at times)."""
    result = {}
    str_ids = [str(i) for i in ids]
    names = list(dict.fromkeys([*form_fields, *baseline, *extra_keys]))
    for name in names:
        f = form_fields.get(name)
        if f is not None and f.kind == "file":
            files = data.draw(st.lists(uploads, max_size=2), label=name)
            if files:
                result[name] = files
            continue
        options = f.options if f else []
        choice = data.draw(st.sampled_from(["keep", "omit", "hostile", "many"]), label=f"{name}?")
        if choice == "keep":
            if name in baseline:
                result[name] = baseline[name]
        elif choice == "hostile":
            result[name] = data.draw(form_scalars(str_ids, options), label=name)
        elif choice == "many":
            result[name] = data.draw(st.lists(form_scalars(str_ids, options), min_size=2, max_size=3), label=name)
    return result


def assert_nothing_saved(before_counts, before_obj, obj, before_other, world, what):
    assert row_counts() == before_counts, f"{what}: input was refused but rows were written"
    assert state_of(obj) == before_obj, f"{what}: input was refused but the object changed"
    assert other_province(world) == before_other, f"{what}: the other province's data changed"


def too_long_for_a_url(query: dict) -> bool:
    """gunicorn refuses a request line over 4,094 bytes (400) before Django sees it; longer query strings are
    never served, so they are not fuzzed (SQLite would refuse a LIKE pattern over 50,000 bytes anyway)."""
    return len(urlencode(query, doseq=True)) > 4000


# --- which URLs ----------------------------------------------------------------------------------------------


def _accepts_post(endpoint) -> bool:
    view = getattr(endpoint.callback, "view_class", None) or getattr(endpoint.callback, "cls", None)
    if view is None:
        return endpoint.name in ANONYMOUS_FORMS
    return any(hasattr(view, m) for m in ("post", "put", "patch"))


def _role_for(name: str, check: Check) -> str:
    if name in ROLE_OVERRIDES:
        return ROLE_OVERRIDES[name]
    for role in ROLE_ORDER:
        if expected_status(check, role, "own") == "ok":
            return role
    raise AssertionError(f"no role may use {name}")


def _url_of(name: str, check: Check, objects) -> str:
    if check.kwargs is None:
        return reverse(name)
    return reverse(name, kwargs=check.kwargs(objects[check.target] if check.target else None))


def _html_post_names() -> list[str]:
    return sorted(
        e.name for e in endpoints()
        if e.namespace not in NOT_FUZZED_NAMESPACES and e.namespace != "api" and e.name not in NOT_FUZZED
        and _accepts_post(e) and (e.name in MATRIX or e.name in ANONYMOUS_FORMS)
    )


HTML_FORMS = _html_post_names()
API_WRITES = {  # list endpoint, detail endpoint, world key
    "organizations": ("api:organization-list", "api:organization-detail", "org", "admin"),
    "drafts": ("api:draft-list", "api:draft-detail", "draft", "official"),
    "policies": ("api:policy-list", "api:policy-detail", "policy", "official"),
    "activities": ("api:activity-list", "api:activity-detail", "activity", "official"),
    "comments": ("api:comment-list", "api:comment-detail", "comment", "official"),
}
PAGES = sorted(
    name for name, check in MATRIX.items() if not check.api and check.method == "get" and check.action != "download"
)
# The resources' lists and details and the coverage figures (the schema and docs pages take no input).
API_READS = sorted(name for name in MATRIX if name.startswith("api:") and ("-" in name or name == "api:coverage"))


def test_every_writable_url_is_fuzzed():
    """A URL that takes input is fuzzed here or listed in NOT_FUZZED with the reason."""
    missing = sorted(
        e.name for e in endpoints()
        if e.namespace not in NOT_FUZZED_NAMESPACES and _accepts_post(e) and e.name not in NOT_FUZZED
        and e.name not in HTML_FORMS and not any(e.name in w[:2] for w in API_WRITES.values())
    )
    assert not missing, f"these URLs accept POST but nobody fuzzes them (add them to test_fuzz.py): {missing}"
    assert len(HTML_FORMS) >= 20


# --- HTML forms -------------------------------------------------------------------------------------------------


def _client(users, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


@pytest.mark.parametrize("name", HTML_FORMS)
def test_html_form_survives_hostile_input(name, world, users):
    if name in ANONYMOUS_FORMS:
        check, role, url, target = Check(), "anonymous", reverse(name, kwargs=ANONYMOUS_FORMS[name]), None
    else:
        check = MATRIX[name]
        role = _role_for(name, check)
        try:
            url = _url_of(name, check, world["own"])
        except NoReverseMatch:
            pytest.skip(f"{name} does not exist (yet)")
        target = world["own"].get(check.target) if check.target else None
        target = target if hasattr(target, "_meta") else None  # an upload is a token, not a row
    client = _client(users, role)

    if check.method == "get":
        page = client.get(url)
        assert page.status_code < 500
        form = own_form(page, url, "post")
        form_fields = form.fields if form else {}
        baseline = form.baseline() if form else {}
        if name in PREFILL_FROM:
            source = _url_of(PREFILL_FROM[name], MATRIX[PREFILL_FROM[name]], world["own"])
            existing = own_form(client.get(source), source, "post")
            baseline |= {k: v for k, v in existing.baseline().items() if k in form_fields and k != "version"}
    else:  # POST-only action: what the matrix posts, plus stray fields
        form_fields, baseline = {}, {k: [str(v)] for k, v in (check.data(world["own"]) if check.data else {}).items()}
    extra = ("year", "organization", "format", "next") if not form_fields else ()
    ids = hostile_ids(world)

    def body(data):
        payload = draw_form_data(data, form_fields, baseline, ids, extra)
        before_counts, before_obj, before_other = row_counts(), state_of(target), other_province(world)
        response = client.post(url, payload)
        event(f"status {response.status_code}")  # shown by --hypothesis-show-statistics
        assert response.status_code < 500, f"POST {url} as {role}: {response.status_code}"
        if response.status_code not in (301, 302, 303):
            assert_nothing_saved(before_counts, before_obj, target, before_other, world, f"POST {url}")

    fuzz(EXAMPLES, body)


# --- list pages and other GET pages: query strings --------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_page_survives_hostile_query_string(name, world, users):
    check = MATRIX[name]
    role = "anonymous" if check.public else _role_for(name, check)
    try:
        url = _url_of(name, check, world["own"])
    except NoReverseMatch:
        pytest.skip(f"{name} does not exist (yet)")
    client = _client(users, role)
    page = client.get(url)
    assert page.status_code < 500
    form = own_form(page, url, "get")
    form_fields = form.fields if form else {}
    baseline = form.baseline() if form else {}
    ids = hostile_ids(world)

    def body(data):
        query = draw_form_data(data, form_fields, baseline, ids, ("q", "sort", "desc", "page", "year"))
        query = {k: v for k, v in query.items() if not isinstance(v, list) or not isinstance(v[0], SimpleUploadedFile)}
        if too_long_for_a_url(query):
            return
        response = client.get(url, query)
        event(f"status {response.status_code}")  # shown by --hypothesis-show-statistics
        assert response.status_code < 500, f"GET {url} as {role}: {response.status_code}"

    fuzz(GET_EXAMPLES, body)


# --- API --------------------------------------------------------------------------------------------------------


def _api_client(users, role) -> APIClient:
    client = APIClient()
    client.force_authenticate(users[role])
    return client


def _json_payload(data, representation: dict, ids: list, options: dict[str, list]) -> dict:
    payload = {}
    for name in list(representation) + ["unexpected"]:
        choice = data.draw(st.sampled_from(["keep", "omit", "hostile"]), label=f"{name}?")
        if choice == "keep" and name in representation:
            payload[name] = representation[name]
        elif choice == "hostile":
            payload[name] = data.draw(json_values(ids, options.get(name, [])), label=name)
    return payload


def _choices(client, url) -> dict[str, list]:
    """Valid values of choice fields, from the endpoint's OPTIONS metadata."""
    meta = client.options(url).json().get("actions", {}).get("POST", {})
    return {name: [c["value"] for c in spec.get("choices", [])] for name, spec in meta.items()}


def _encode(payload):
    return json.dumps(payload, allow_nan=True)


@pytest.mark.parametrize("resource", sorted(API_WRITES))
@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_api_write_survives_hostile_json(resource, method, world, users):
    list_name, detail_name, key, role = API_WRITES[resource]
    client = _api_client(users, role)
    obj = world["own"][key]
    kwargs = {"code": obj.code} if key == "org" else {"pk": obj.pk}
    detail_url = reverse(detail_name, kwargs=kwargs)
    representation = client.get(detail_url).json()
    representation = {k: v for k, v in representation.items() if k not in ("id", "created_at", "updated_at")}
    if key == "org":
        representation["code"] = "FUZZ-NEW"
    target = None if method == "post" else obj

    def url():  # an accepted PUT may change an organization's code, which is its URL
        if method == "post":
            return reverse(list_name)
        if key == "org":
            return reverse(detail_name, kwargs={"code": type(obj).objects.get(pk=obj.pk).code})
        return detail_url
    options = _choices(client, reverse(list_name))
    ids = hostile_ids(world)

    def body(data):
        if data.draw(st.integers(0, 9), label="raw body?") == 0:
            raw = data.draw(st.one_of(st.binary(max_size=200), text.map(str.encode)), label="raw")
            content_type = data.draw(st.sampled_from(["application/json", "text/plain", "multipart/form-data"]))
        else:
            raw = _encode(_json_payload(data, representation, ids, options)).encode()
            content_type = "application/json"
        before_counts, before_obj, before_other = row_counts(), state_of(target), other_province(world)
        response = getattr(client, method)(url(), raw, content_type=content_type)
        event(f"status {response.status_code}")  # shown by --hypothesis-show-statistics
        assert response.status_code < 500, f"{method.upper()} {url()}: {response.status_code}"
        if response.status_code >= 400:
            assert_nothing_saved(before_counts, before_obj, target, before_other, world, f"{method.upper()} {url()}")
        elif method == "post":  # accepted: whatever it created is on the caller's side, never the other province's
            assert other_province(world) == before_other

    fuzz(EXAMPLES, body)


@pytest.mark.parametrize("name", API_READS)
def test_api_read_survives_hostile_query(name, world, users):
    check = MATRIX[name]
    role = _role_for(name, check)
    url = _url_of(name, check, world["own"])
    client = _api_client(users, role)
    view = resolve(url).func.cls
    filterset = getattr(view, "filterset_class", None)
    keys = list(filterset.base_filters) if filterset else []
    keys += ["q", "ordering", "page", "page_size", "organization", "year", "date_after", "date_before", "format"]
    ids = hostile_ids(world)

    def body(data):
        query = {}
        for key in keys:
            if data.draw(st.booleans(), label=f"{key}?"):
                query[key] = data.draw(st.one_of(form_scalars([str(i) for i in ids], []),
                                                 st.lists(form_scalars([str(i) for i in ids], []), min_size=2,
                                                          max_size=3)), label=key)
        if too_long_for_a_url(query):
            return
        response = client.get(url, query)
        event(f"status {response.status_code}")  # shown by --hypothesis-show-statistics
        assert response.status_code < 500, f"GET {url}: {response.status_code}"

    fuzz(GET_EXAMPLES, body)


def test_a_body_over_the_cap_is_refused_cleanly(world, users):
    """Django's DATA_UPLOAD_MAX_MEMORY_SIZE answers 400 before any view runs, the API's API_MAX_BODY_BYTES answers
    413 (documented in its schema), and nothing is written."""
    client = _client(users, "official")
    url = reverse("drafts:create")
    before = row_counts()
    response = client.post(url, {"title": "x" * 3_000_000, "drafting_organization": world["own"]["org"].code})
    assert response.status_code == 400
    assert row_counts() == before
    api = _api_client(users, "official")
    response = api.post(reverse("api:draft-list"), _encode({"title": "x" * 3_000_000}), content_type="application/json")
    assert response.status_code == 413
    assert row_counts() == before


# --- the fuzzer's own checks: it must be able to fail ---------------------------------------------------------


def test_form_parser_reads_fields_options_and_values():
    html = """<form method="post" action=""><input type="hidden" name="csrfmiddlewaretoken" value="t">
    <input name="title" value="Dự thảo"><select name="kind"><option value="">--</option>
    <option value="plan" selected>Plan</option></select><textarea name="note">xin chào</textarea>
    <input type="checkbox" name="ch" value="portal" checked><input type="checkbox" name="ch" value="press">
    <input type="file" name="files"><button type="submit">Save</button></form>
    <form method="post" action="/logout/"></form>"""
    form = own_form_from_html(html, "/drafts/new/")
    assert set(form.fields) == {"csrfmiddlewaretoken", "title", "kind", "note", "ch", "files"}
    assert form.fields["kind"].options == ["", "plan"]
    assert form.fields["ch"].options == ["portal", "press"]
    assert form.baseline() == {"csrfmiddlewaretoken": ["t"], "title": ["Dự thảo"], "kind": ["plan"],
                               "note": ["xin chào"], "ch": ["portal"]}


def own_form_from_html(html, path):
    forms = [f for f in forms_of(html) if f.method == "post" and (urlsplit(f.action).path or path) == path]
    return max(forms, key=lambda f: len(f.fields))


def test_a_refused_input_that_saved_rows_is_caught(world, users):
    """The "saved nothing" check notices a write."""
    before_counts, before_other = row_counts(), other_province(world)
    Draft.objects.filter(pk=world["other"]["draft"].pk).update(title="changed behind our back")
    with pytest.raises(AssertionError, match="other province"):
        assert_nothing_saved(before_counts, None, None, before_other, world, "x")
    from testbed import factories

    factories.PolicyFactory(draft=world["own"]["draft"])
    with pytest.raises(AssertionError, match="rows were written"):
        assert_nothing_saved(before_counts, None, None, before_other, world, "x")
