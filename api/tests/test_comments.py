"""/api/v1/comments/: the contract's fields, scope, personal data, filters, recording and the PATCH writes."""


import pytest
from auditlog.models import LogEntry

from consultation.models import Comment, ConsultationReport, Decision, Phase, ReportStatus, Source, Status
from testbed import factories

URL = "/api/v1/comments/"
FIELDS = {
    "id", "draft", "policy", "text", "source", "activity", "provision", "submitter_name", "submitter_organization",
    "status", "hidden_reason", "decision", "response", "received_at", "group",
}


@pytest.fixture
def comment(own_draft):
    return factories.CommentFactory(
        draft=own_draft, text="Đề nghị giữ mức học phí", submitter_name="Nguyễn Văn A",
        submitter_organization="Phường Lê Chân", email="a@example.org", policy=own_draft.policies.first(),
    )


def url(comment):
    return f"{URL}{comment.pk}/"


class TestRead:
    def test_fields_exactly_and_decision_null_when_unanswered(self, api, official, comment):
        body = api(official).get(url(comment)).json()
        assert set(body) == FIELDS
        assert body["decision"] is None and body["group"] is None
        assert (body["submitter_name"], body["submitter_organization"]) == ("Nguyễn Văn A", "Phường Lê Chân")
        assert "email" not in body

    def test_every_reader_in_scope_sees_the_personal_fields(self, api, users, comment):
        # Readers of a comment are exactly the officials of the drafting organization's scope (tokens belong to users).
        for role in ("official", "head", "inspector", "admin"):
            body = api(users[role]).get(url(comment)).json()
            assert body["submitter_name"] == "Nguyễn Văn A", role

    def test_outside_the_scope_nothing_answers(self, api, outsider, comment, other_draft):
        factories.CommentFactory(draft=other_draft, text="Ý kiến ở tỉnh khác", submitter_name="Lê B")
        assert api(outsider).get(url(comment)).status_code == 404
        body = api(outsider).get(URL).json()
        assert [c["text"] for c in body["results"]] == ["Ý kiến ở tỉnh khác"]
        assert "Nguyễn Văn A" not in str(body)
        assert api().get(URL).status_code == 401

    def test_a_member_shows_its_representatives_answer(self, api, official, own_draft, comment):
        member = factories.CommentFactory(draft=own_draft, text="Đề nghị giữ mức học phí!")
        assert api(official).patch(url(member), {"group": comment.pk}, format="json").status_code == 200
        api(official).patch(url(comment), {"decision": "accepted", "response": "Tiếp thu."}, format="json")
        body = api(official).get(url(member)).json()
        assert (body["group"], body["decision"], body["response"]) == (comment.pk, "accepted", "Tiếp thu.")


class TestFilters:
    @pytest.fixture
    def comments(self, own_draft, official, comment):
        from consultation import answering

        rep = factories.CommentFactory(draft=own_draft, text="Đại diện", source=Source.LETTER)
        member = factories.CommentFactory(draft=own_draft, text="Thành viên")
        answering.comment_group(representative=rep, members=[member], actor=official)
        answering.comment_answer(comment=rep, actor=official, decision=Decision.NOTED)
        hidden = factories.CommentFactory(draft=own_draft, text="Quảng cáo", status=Status.HIDDEN, hidden_reason="spam")
        late = factories.CommentFactory(
            draft=own_draft, text="Giai đoạn dự thảo", phase=Phase.DRAFT, status=Status.PENDING
        )
        return {"plain": comment, "rep": rep, "member": member, "hidden": hidden, "late": late}

    @pytest.mark.parametrize(
        "query, expected",
        [
            ({"answered": "true"}, {"rep", "member"}),
            ({"answered": "false"}, {"plain", "late"}),
            ({"decision": "noted"}, {"rep", "member"}),
            ({"status": "hidden"}, {"hidden"}),
            ({"source": "letter"}, {"rep"}),
            ({"phase": "draft"}, {"late"}),
            ({"q": "DAI DIEN"}, {"rep"}),
            ({"q": "le chan"}, {"plain"}),
        ],
    )
    def test_filters(self, api, official, comments, query, expected):
        body = api(official).get(URL, query).json()
        assert {c["id"] for c in body["results"]} == {comments[k].pk for k in expected}

    def test_draft_and_policy_filters(self, api, official, comments, own_draft, other_draft):
        assert api(official).get(URL, {"draft": own_draft.pk}).json()["count"] == 5
        assert api(official).get(URL, {"draft": other_draft.pk}).json()["count"] == 0
        policy = own_draft.policies.first()
        assert [c["id"] for c in api(official).get(URL, {"policy": policy.pk}).json()["results"]] == [comments["plain"].pk]

    def test_an_invalid_filter_is_a_400(self, api, official):
        assert api(official).get(URL, {"decision": "maybe"}).status_code == 400
        assert api(official).get(URL, {"draft": 2**70}).status_code == 400


class TestRecord:
    def test_a_letter_is_recorded_published_in_its_phase(self, api, official, own_draft):
        payload = {
            "draft": own_draft.pk, "source": "letter", "text": "  Thư góp ý\x1b về Điều 5 ",
            "provision": "Điều 5", "submitter_name": "Trần C", "received_at": "2024-05-03T09:00:00+07:00",
        }
        response = api(official).post(URL, payload, format="json")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert (body["status"], body["text"], body["decision"]) == ("published", "Thư góp ý về Điều 5", None)
        stored = Comment.objects.get(pk=body["id"])
        assert (stored.phase, stored.created_by) == (Phase.DRAFT, official)

    def test_refusals(self, api, official, inspector, own_draft, other_draft):
        client = api(official)
        portal = client.post(URL, {"draft": own_draft.pk, "source": "portal", "text": "x"}, format="json")
        assert portal.status_code == 400 and "source" in portal.json()
        empty = client.post(URL, {"draft": own_draft.pk, "source": "email", "text": " "}, format="json")
        assert empty.status_code == 400 and "text" in empty.json()
        foreign = client.post(URL, {"draft": other_draft.pk, "source": "email", "text": "x"}, format="json")
        assert foreign.status_code == 400 and "draft" in foreign.json()
        early = client.post(
            URL, {"draft": own_draft.pk, "source": "email", "text": "x", "decision": "noted"}, format="json"
        )
        assert early.status_code == 400 and "decision" in early.json()
        wrong_policy = client.post(
            URL, {"draft": own_draft.pk, "source": "email", "text": "x", "policy": other_draft.policies.first().pk},
            format="json",
        )
        assert wrong_policy.status_code == 400
        assert api(inspector).post(URL, {"draft": own_draft.pk, "source": "email", "text": "x"}, format="json").status_code == 403
        assert Comment.objects.count() == 0


class TestPatch:
    def test_link_and_answer(self, api, official, own_draft, comment):
        policy = own_draft.policies.last()
        activity = factories.ActivityFactory(draft=own_draft)
        response = api(official).patch(
            url(comment),
            {"policy": policy.pk, "provision": "Điều 3", "activity": activity.pk, "decision": "explained",
             "response": "Giải trình: giữ nguyên vì ..."},
            format="json",
        )
        assert response.status_code == 200, response.json()
        comment.refresh_from_db()
        assert (comment.policy, comment.provision, comment.activity, comment.decision) == (
            policy, "Điều 3", activity, "explained"
        )
        assert comment.answered_by == official
        assert LogEntry.objects.get_for_object(comment).count() >= 2

    def test_explained_without_reason_and_withdrawing_an_answer_are_refused(self, api, official, comment):
        client = api(official)
        assert client.patch(url(comment), {"decision": "explained"}, format="json").status_code == 400
        assert client.patch(url(comment), {"decision": "noted"}, format="json").status_code == 200
        refused = client.patch(url(comment), {"decision": None}, format="json")
        assert refused.status_code == 400 and "decision" in refused.json()
        comment.refresh_from_db()
        assert comment.decision == "noted"

    def test_the_round_trip_of_a_portal_comment_changes_nothing(self, api, official, comment):
        client = api(official)
        body = client.get(url(comment)).json()
        assert client.patch(url(comment), body, format="json").status_code == 200
        changed = client.patch(url(comment), {"text": "Sửa"}, format="json")
        assert changed.status_code == 400 and "text" in changed.json()

    def test_group_and_ungroup(self, api, official, own_draft, comment):
        member = factories.CommentFactory(draft=own_draft, text="Trùng")
        client = api(official)
        assert client.patch(url(member), {"group": comment.pk}, format="json").json()["group"] == comment.pk
        chain = client.patch(url(comment), {"group": member.pk}, format="json")
        assert chain.status_code == 400
        answer_member = client.patch(url(member), {"decision": "accepted"}, format="json")
        assert answer_member.status_code == 400
        assert client.patch(url(member), {"group": None}, format="json").json()["group"] is None

    def test_a_failed_patch_saves_nothing(self, api, official, own_draft, comment):
        response = api(official).patch(url(comment), {"provision": "Điều 9", "decision": "explained"}, format="json")
        assert response.status_code == 400
        comment.refresh_from_db()
        assert comment.provision == ""

    def test_read_only_roles_and_approved_reports(self, api, official, inspector, own_draft, comment):
        assert api(inspector).patch(url(comment), {"decision": "noted"}, format="json").status_code == 403
        ConsultationReport.objects.create(draft=own_draft, phase=comment.phase, status=ReportStatus.APPROVED)
        final = api(official).patch(url(comment), {"decision": "noted"}, format="json")
        assert final.status_code == 400
        assert api(official).delete(url(comment)).status_code == 405
        assert api(official).put(url(comment), {}, format="json").status_code == 405


def test_the_schema_documents_comments(api, official):
    schema = api(official).get("/api/schema/", {"format": "json"}).json()
    assert {"get", "post"} == set(schema["paths"]["/api/v1/comments/"]) - {"parameters"}
    assert {"get", "patch"} == set(schema["paths"]["/api/v1/comments/{id}/"]) - {"parameters"}
    assert FIELDS == set(schema["components"]["schemas"]["Comment"]["properties"])
    names = {p["name"] for p in schema["paths"]["/api/v1/comments/"]["get"]["parameters"]}
    assert {"draft", "policy", "status", "source", "decision", "phase", "answered", "q"} <= names
    assert schema["components"]["schemas"]["CommentSourceEnum"]["enum"] == list(Source.values)
    assert {"400", "401", "403", "404"} <= set(schema["paths"]["/api/v1/comments/{id}/"]["patch"]["responses"])


def test_list_queries_do_not_grow(api, official, own_draft, english):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from consultation import answering

    client = api(official)

    def add_rows():
        rep = factories.CommentFactory(draft=own_draft, text="Đại diện")
        answering.comment_group(representative=rep, members=[factories.CommentFactory(
            draft=own_draft, text="Thành viên"
        )], actor=official)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx)

    add_rows()
    small = count()
    for _ in range(5):
        add_rows()
    assert count() == small
