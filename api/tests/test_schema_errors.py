"""Issue 15 point 16: the schema documents every operation's error answers and the limits; ``page_size`` is honoured
up to its declared maximum or refused; every message follows the request's language."""

import json
import re

import pytest
from drf_spectacular.validation import validate_schema

from testbed import factories

METHODS = {"get", "post", "put", "patch", "delete"}
MAX_PAGE_SIZE = 200  # api.pagination.MAX_PAGE_SIZE: a change of the declared maximum is a contract change


@pytest.fixture
def schema(api, official):
    response = api(official).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


@pytest.mark.django_db
def test_every_operation_lists_its_error_answers(schema):
    validate_schema(schema)
    missing = []
    for path, method, operation in operations(schema):
        expected = {"401", "403", "406"}
        if "{" in path:
            expected.add("404")
        if any(p["name"] == "page" for p in operation.get("parameters", [])):
            expected |= {"400", "404"}
        if method in {"post", "put", "patch"}:
            expected |= {"400", "413", "415"}
        if (path, method) == ("/api/v1/drafts/{id}/", "delete"):
            expected.add("409")
        if path == "/api/v1/coverage/":
            expected |= {"400", "404"}
        lacking = expected - set(operation["responses"])
        if lacking:
            missing.append(f"{method.upper()} {path}: {sorted(lacking)}")
        for code, response in operation["responses"].items():
            if code.startswith("4"):
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ValidationError" if code == "400" else "/Error"), (path, method, code)
    assert not missing, "\n".join(missing)
    assert len(list(operations(schema))) >= 26


@pytest.mark.django_db
def test_limits_are_declared(schema):
    description = schema["info"]["description"]
    assert f"1 to {MAX_PAGE_SIZE}" in description and "bytes (413 above)" in description and "429" in description
    page_size = next(p for p in schema["paths"]["/api/v1/drafts/"]["get"]["parameters"] if p["name"] == "page_size")
    assert page_size["schema"] == {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 50}
    assert schema["components"]["schemas"]["Draft"]["properties"]["title"]["maxLength"] == 500


@pytest.mark.django_db
class TestPageSize:
    @pytest.fixture
    def drafts(self, tree):
        for _ in range(3):
            factories.DraftFactory(drafting_organization=tree["department"])

    def test_page_size_is_honoured(self, api, official, drafts):
        body = api(official).get("/api/v1/drafts/", {"page_size": 2}).json()
        assert body["count"] == 3 and len(body["results"]) == 2 and "page_size=2" in body["next"]

    @pytest.mark.parametrize("value", [0, -1, MAX_PAGE_SIZE + 1, "abc"])
    def test_outside_the_range_is_refused(self, api, official, drafts, value):
        response = api(official).get("/api/v1/drafts/", {"page_size": value}, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 400
        assert response.json() == {"page_size": [f"Nhập một số nguyên từ 1 đến {MAX_PAGE_SIZE}."]}

    def test_the_maximum_is_accepted(self, api, official, drafts):
        assert api(official).get("/api/v1/drafts/", {"page_size": MAX_PAGE_SIZE}).status_code == 200


ENGLISH = re.compile(r"\b(is|not|valid|Ensure|Invalid|Incorrect|Expected|matches|parse|required)\b")


def messages(body):
    if isinstance(body, dict):
        for value in body.values():
            yield from messages(value)
    elif isinstance(body, list):
        for value in body:
            yield from messages(value)
    else:
        yield str(body)


@pytest.mark.django_db
class TestLanguage:
    BAD_DRAFT = {
        "title": "",
        "document_type": "x",
        "drafting_organization": "HP-SGDDT",
        "proposal_consultation_start": "x",
    }
    BAD_ACTIVITY = {"draft": 999_999, "policies": ["a"], "date": "x", "channel": "zz", "status": "done", "title": "a"}

    def test_vietnamese_answers_have_no_english(self, api, official, tree):
        client = api(official)
        answers = [
            client.post("/api/v1/drafts/", self.BAD_DRAFT, format="json", HTTP_ACCEPT_LANGUAGE="vi"),
            client.post("/api/v1/activities/", self.BAD_ACTIVITY, format="json", HTTP_ACCEPT_LANGUAGE="vi"),
            client.get("/api/v1/coverage/", {"year": 1}, HTTP_ACCEPT_LANGUAGE="vi"),
            client.get("/api/v1/drafts/999999/", HTTP_ACCEPT_LANGUAGE="vi"),
            client.get("/api/v1/drafts/", {"page": 99}, HTTP_ACCEPT_LANGUAGE="vi"),
            client.post("/api/v1/drafts/", "{bad", content_type="application/json", HTTP_ACCEPT_LANGUAGE="vi"),
            client.post("/api/v1/drafts/", "a", content_type="text/csv", HTTP_ACCEPT_LANGUAGE="vi"),
            client.get("/api/v1/drafts/", HTTP_ACCEPT="text/csv", HTTP_ACCEPT_LANGUAGE="vi"),
            api().get("/api/v1/drafts/", HTTP_ACCEPT_LANGUAGE="vi"),
            api().get("/api/v1/drafts/", HTTP_ACCEPT_LANGUAGE="vi", HTTP_AUTHORIZATION="Token nope"),
        ]
        english = [
            (response.status_code, text)
            for response in answers
            for text in messages(json.loads(response.content))
            if ENGLISH.search(text)
        ]
        assert [r.status_code for r in answers] == [400, 400, 400, 404, 404, 400, 415, 406, 401, 401]
        assert english == []

    def test_every_drf_message_has_a_vietnamese_translation(self):
        """A DRF upgrade that adds a message fails here, not in front of a Vietnamese integrator."""
        import gettext
        from pathlib import Path

        import rest_framework
        from django.utils import translation

        from api.stock_messages import DRF_MESSAGES

        catalogue = Path(rest_framework.__file__).parent / "locale/en/LC_MESSAGES/django.mo"
        with catalogue.open("rb") as mo:
            drf = {msgid for msgid in gettext.GNUTranslations(mo)._catalog if isinstance(msgid, str) and msgid}
        browsable = {
            "Extra Actions",
            "Filters",
            "content",
            "main content",
            "navbar",
            "request form",
            "request info",
            "response info",
            "Auth Token",
            "Token",
            "Tokens",
            "Key",
            "Created",
            "User",
            "Username",
            "Password",
            "None",
            "ascending",
            "descending",
            "Ordering",
            "Search",
            "More than {count} items...",
            "No items to select.",
            "UUID string",
            "unique integer value",
            "unique value",
            "A {value_type} identifying this {name}.",
            "Expected available in {wait} second.",
            "Expected available in {wait} seconds.",
        }
        assert drf - browsable == set(DRF_MESSAGES)
        with translation.override("vi"):
            untranslated = [m for m in DRF_MESSAGES if translation.gettext(m) == m]
        assert untranslated == []

    def test_english_answers_stay_english(self, api, official, tree):
        body = api(official).post("/api/v1/drafts/", self.BAD_DRAFT, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
        assert body["document_type"] == ['"x" is not a valid choice.']
        assert api(official).get("/api/v1/drafts/999999/", HTTP_ACCEPT_LANGUAGE="en").json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_a_body_over_the_limit_is_413(api, official, tree, settings):
    settings.API_MAX_BODY_BYTES = 1000
    payload = {"title": "x" * 2000, "document_type": "provincial_council_resolution"}
    response = api(official).post("/api/v1/drafts/", payload, format="json", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 413
    assert response.json() == {"detail": "Nội dung yêu cầu lớn hơn 1,000 byte."}
