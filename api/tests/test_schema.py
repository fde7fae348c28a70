import pytest
from drf_spectacular.validation import validate_schema

from campaigns.models import ActivityStatus, Channel
from drafts.models import DocumentType, DraftStatus
from organizations.models import OrganizationKind


@pytest.fixture
def schema(api, official):
    response = api(official).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
class TestSchema:
    def test_schema_is_valid_openapi(self, schema):
        validate_schema(schema)  # raises on an invalid document
        assert schema["openapi"].startswith("3.")

    def test_every_endpoint_is_described(self, schema):
        paths = set(schema["paths"])
        for name in ("organizations", "drafts", "policies", "activities"):
            assert f"/api/v1/{name}/" in paths
        assert "/api/v1/organizations/{code}/" in paths
        assert "/api/v1/drafts/{id}/" in paths
        assert "/api/v1/coverage/" in paths
        assert {"get", "post"} <= set(schema["paths"]["/api/v1/drafts/"])
        assert {"get", "put", "patch", "delete"} <= set(schema["paths"]["/api/v1/drafts/{id}/"])

    @pytest.mark.parametrize(
        "component, expected",
        [
            ("ChannelEnum", ["portal", "press", "broadcast", "social", "meeting", "voter_contact", "grassroots", "print", "other"]),
            ("OrganizationKindEnum", ["ministry", "province", "department", "district", "commune", "unit", "school", "other"]),
            ("ActivityStatusEnum", ["planned", "done", "cancelled"]),
            (
                "DraftStatusEnum",
                ["proposal", "proposal_consultation", "drafting", "draft_consultation", "appraisal", "submitted", "adopted", "withdrawn"],
            ),
            ("DocumentTypeEnum", list(DocumentType.values)),
        ],
    )
    def test_enumerations(self, schema, component, expected):
        assert schema["components"]["schemas"][component]["enum"] == expected

    def test_enumerations_match_the_models(self):
        # The contract lists above are the models' values: a new choice must be a deliberate contract change.
        assert Channel.values[-1] == "other" and len(Channel.values) == 9
        assert len(OrganizationKind.values) == 8 and len(DraftStatus.values) == 8 and len(ActivityStatus.values) == 3
        assert all(code == code.lower() for code in DocumentType.values)

    @pytest.mark.parametrize(
        "component, fields",
        [
            ("Organization", {"code", "name", "kind", "parent"}),
            (
                "Draft",
                {
                    "id",
                    "title",
                    "document_type",
                    "drafting_organization",
                    "proposal_consultation_start",
                    "draft_consultation_start",
                    "adopted_on",
                    "status",
                },
            ),
            ("Policy", {"id", "draft", "title", "high_impact", "in_scope"}),
            ("Activity", {"id", "draft", "policies", "channel", "date", "status", "title", "evidence_url"}),
            (
                "Coverage",
                {"organization", "year", "high_impact_policies", "communicated", "percent", "in_progress", "targets", "policies"},
            ),
        ],
    )
    def test_component_fields(self, schema, component, fields):
        assert fields <= set(schema["components"]["schemas"][component]["properties"])

    def test_field_types(self, schema):
        components = schema["components"]["schemas"]
        draft = components["Draft"]["properties"]
        assert draft["adopted_on"]["format"] == "date" and draft["adopted_on"]["nullable"] is True
        assert draft["drafting_organization"]["type"] == "string"
        activity = components["Activity"]["properties"]
        assert activity["policies"]["type"] == "array" and activity["policies"]["items"]["type"] == "integer"
        assert components["Organization"]["properties"]["parent"]["nullable"] is True
        assert components["Coverage"]["properties"]["percent"]["nullable"] is True

    def test_anonymous_cannot_read_the_schema(self, api, tree):
        assert api().get("/api/schema/").status_code == 401


@pytest.mark.django_db
class TestDocs:
    def test_swagger_ui_from_our_static_files(self, client, official):
        client.force_login(official)
        response = client.get("/api/docs/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
        assert "<script>" not in html and "<style>" not in html  # nothing inline: script-src 'self' holds
        assert "script-src 'self';" in response["Content-Security-Policy"]

    def test_init_script_is_served_separately(self, client, official):
        client.force_login(official)
        response = client.get("/api/docs/", {"script": ""})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/javascript")
        assert "/api/schema/" in response.content.decode()

    def test_anonymous_is_sent_to_login(self, client, tree):
        response = client.get("/api/docs/")
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
