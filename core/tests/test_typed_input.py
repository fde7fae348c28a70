"""What a person types is stored as they meant it (issue 15, points 1 and 3): one number parser and one rule for
dates and text, met the same way through the forms, the API and the import."""

import datetime as dt
import re
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from campaigns.models import Activity, Campaign
from core.typed import NumberError, parse_whole_number
from drafts.models import Draft
from exchange import exporters
from exchange.schema import BY_KIND, DRAFTS, CellError
from exchange.services import import_file
from testbed import factories

FIFTEEN_MILLION = ["15.000.000", "15000000", "15.000.000,00", "15.000.000 đ", "15 000 000 ₫", "15.000.000 VNĐ"]


@pytest.mark.parametrize("typed", FIFTEEN_MILLION)
def test_amounts_as_offices_write_them_are_fifteen_million(typed):
    assert parse_whole_number(typed, amount=True) == 15_000_000


@pytest.mark.parametrize(
    "typed, shown",
    [
        ("15.000.000,50", "15.000.000"),  # a fraction of a đồng
        ("15,000,000", "15.000.000"),  # English thousands: ambiguous
        ("15,000", "15.000"),  # fifteen thousand or fifteen
        ("15.5", "15.000.000"),  # a dot decimal
        ("-200", "0"),
        ("mười lăm triệu", "15000000"),
    ],
)
def test_amounts_that_could_mean_another_number_are_refused_with_the_accepted_form(typed, shown):
    with pytest.raises(NumberError) as error:
        parse_whole_number(typed, amount=True)
    assert typed in str(error.value) and shown in str(error.value)


def test_a_count_takes_no_currency_and_no_fraction():
    assert parse_whole_number("1.200") == 1200
    for typed in ("1.200 đ", "1.200,5"):
        with pytest.raises(NumberError):
            parse_whole_number(typed)


@pytest.fixture
def draft(tree):
    draft = factories.DraftFactory(
        drafting_organization=tree["department"], proposal_consultation_start=dt.date(2024, 2, 1)
    )
    factories.PolicyFactory(draft=draft)
    return draft


@pytest.fixture
def api(official):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=official).key}")
    return client


# Forms


@pytest.mark.parametrize("typed, stored", [("15.000.000,00", 15_000_000), ("15.000.000 đ", 15_000_000)])
def test_the_campaign_form_stores_the_budget_as_typed(client, official, draft, typed, stored):
    client.force_login(official)
    response = client.post(
        reverse("campaigns:campaign_create", args=[draft.pk]),
        {"title": "Kế hoạch", "owner": official.pk, "period_start": "01/02/2024", "budget_vnd": typed},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Campaign.objects.get().budget_vnd == stored


@pytest.mark.parametrize("typed", ["15.000.000,50", "15,000,000"])
def test_the_campaign_form_refuses_a_budget_it_would_misread_and_keeps_the_input(client, official, draft, typed):
    client.force_login(official)
    response = client.post(
        reverse("campaigns:campaign_create", args=[draft.pk]),
        {"title": "Kế hoạch giữ lại", "owner": official.pk, "period_start": "01/02/2024", "budget_vnd": typed},
    )
    assert response.status_code == 200 and not Campaign.objects.exists()
    errors = response.context["form"].errors["budget_vnd"]
    assert "15.000.000" in errors[0]
    html = response.content.decode()
    assert "Kế hoạch giữ lại" in html and typed in html


def test_the_activity_form_reads_reach_with_the_same_parser(client, official, draft):
    client.force_login(official)
    data = {"title": "Hội nghị", "channel": "meeting", "date": "20/02/2024", "status": "done", "reach": "1.200,00"}
    response = client.post(reverse("campaigns:activity_create", args=[draft.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert Activity.objects.get().reach == 1200
    data["reach"] = "1.200,5"
    response = client.post(reverse("campaigns:activity_create", args=[draft.pk]), data)
    assert response.status_code == 200 and "reach" in response.context["form"].errors
    assert Activity.objects.count() == 1


def test_a_done_activity_cannot_be_dated_in_the_future_but_a_planned_one_can(client, official, draft):
    client.force_login(official)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    data = {"title": "Họp báo", "channel": "press", "date": tomorrow, "status": "done"}
    response = client.post(reverse("campaigns:activity_create", args=[draft.pk]), data)
    assert response.status_code == 200 and not Activity.objects.exists()
    assert tomorrow in response.context["form"].errors["status"][0]
    data["status"] = "planned"
    assert client.post(reverse("campaigns:activity_create", args=[draft.pk]), data).status_code == 302
    assert Activity.objects.get().status == "planned"


# API


def draft_payload(tree, **overrides):
    data = {
        "title": "Dự thảo Nghị quyết",
        "document_type": "provincial_council_resolution",
        "drafting_organization": tree["department"].code,
        "proposal_consultation_start": "2024-02-01",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "field, value", [("proposal_consultation_start", "0006-02-01"), ("adopted_on", "9999-12-31"), ("submitted_on", "1999-12-31")]
)
def test_the_api_refuses_implausible_dates_with_the_range(api, tree, field, value):
    response = api.post("/api/v1/drafts/", draft_payload(tree, **{field: value}), format="json")
    assert response.status_code == 400, response.content
    assert "2000" in str(response.json().get(field)) and "2100" in str(response.json()[field]), response.json()
    assert not Draft.objects.exists()


def test_the_year_range_is_a_setting(api, tree, settings):
    settings.PLAUSIBLE_YEARS = (1990, 2100)
    response = api.post("/api/v1/drafts/", draft_payload(tree, proposal_consultation_start="1995-01-01"), format="json")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("text", ["Dự thảo\x07 chuông", "Dự thảo\x1b[31m", "Dự\u0085 thảo"])
def test_the_api_refuses_control_characters(api, tree, text):
    response = api.post("/api/v1/drafts/", draft_payload(tree, title=text), format="json")
    assert response.status_code == 400 and "U+00" in str(response.json()["title"])
    assert not Draft.objects.exists()


def test_text_typed_with_combining_marks_is_stored_nfc(api, tree):
    title = unicodedata.normalize("NFD", "Học phí mầm non")
    assert title != "Học phí mầm non"
    response = api.post("/api/v1/drafts/", draft_payload(tree, title=title), format="json")
    assert response.status_code == 201, response.content
    draft = Draft.objects.get()
    assert draft.title == "Học phí mầm non" and unicodedata.is_normalized("NFC", draft.title)


def test_the_api_reads_reach_with_the_same_parser_and_refuses_future_done(api, draft):
    payload = {"draft": draft.pk, "channel": "portal", "date": "2024-02-10", "status": "done", "title": "Đăng tin"}
    description = "Dòng một\nDòng hai\tcột"  # line breaks and tabs are not control characters to refuse
    response = api.post("/api/v1/activities/", {**payload, "reach": "1.200", "description": description}, format="json")
    assert response.status_code == 201, response.content
    assert (Activity.objects.get().reach, Activity.objects.get().description) == (1200, description)
    response = api.post("/api/v1/activities/", {**payload, "reach": "15,000,000"}, format="json")
    assert response.status_code == 400 and "15.000.000" in str(response.json()["reach"])
    future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = api.post("/api/v1/activities/", {**payload, "date": future}, format="json")
    assert response.status_code == 400 and "status" in response.json()
    assert Activity.objects.count() == 1


# Import


def test_the_import_reads_reach_with_the_same_parser():
    column = BY_KIND["activities"].column("reach")
    assert column.parse("1.200") == 1200 and column.parse(1200.0) == 1200
    with pytest.raises(CellError) as error:
        column.parse("1.200,50")
    assert "1.200" in str(error.value)


def test_the_import_refuses_implausible_dates_and_control_characters(tree, official, tmp_path):
    base = {
        "ref": "DT-1",
        "organization": "HP-SGDDT",
        "title": "Dự thảo",
        "document_type": "provincial_council_resolution",
        "status": "proposal_consultation",
        "proposal_consultation_start": "01/02/1900",
        "published": "Không",
    }
    rows = [base, {**base, "ref": "DT-2", "title": "Dự\x0bthảo", "proposal_consultation_start": "01/02/2024"}]
    path = tmp_path / "a.csv"
    path.write_text("".join(exporters.csv_lines(DRAFTS, [[r.get(c.key) for c in DRAFTS.columns] for r in rows])))
    report = import_file(path=path, actor=official, kind="drafts", commit=True)
    assert not report.ok and not Draft.objects.exists()
    found = {(problem.row, problem.message) for problem in report.errors}
    assert any(row == 2 and "01/02/1900" in message and "2000" in message for row, message in found), found
    assert any(row == 3 and "U+000B" in message for row, message in found), found


def test_a_number_too_long_for_the_column_is_refused_not_a_server_error():
    with pytest.raises(NumberError) as error:
        parse_whole_number("9" * 5000, amount=True)
    assert "9999…" in str(error.value) and len(str(error.value)) < 200
    assert parse_whole_number("9" * 18) == 10**18 - 1
    with pytest.raises(NumberError):
        parse_whole_number("١٢٣")  # digits of another script are not read as a number


# No silent loss (issue 15 point 4)


def test_a_long_title_is_refused_with_its_length_not_cut_by_the_browser(client, official, draft):
    client.force_login(official)
    url = reverse("campaigns:activity_create", args=[draft.pk])
    html = client.get(url).content.decode()
    title_input = html[html.index('name="title"') - 20 : html.index('name="title"') + 200]
    assert " maxlength=" not in title_input and 'data-maxlength="500"' in title_input
    assert "500" in html[html.index('id="id_title_helptext"') :][:200]
    data = {"title": "Dài " * 200, "channel": "press", "date": "20/02/2024", "status": "done"}
    response = client.post(url, data)
    assert response.status_code == 200 and not Activity.objects.exists()
    message = response.context["form"].errors["title"][0]
    assert "500" in message and str(len(data["title"].strip())) in message


def test_the_activity_status_is_an_explicit_choice_that_says_what_counts(client, official, draft):
    client.force_login(official)
    url = reverse("campaigns:activity_create", args=[draft.pk])
    html = client.get(url).content.decode()
    assert html.count('name="status"') == 3 and "checked" not in html[html.index('name="status"') - 200 :][:1500]
    response = client.post(url, {"title": "Đăng tin", "channel": "portal", "date": "20/02/2024"})
    assert response.status_code == 200 and "status" in response.context["form"].errors
    assert not Activity.objects.exists()
    activity = factories.ActivityFactory(draft=draft, status="done", date=dt.date(2024, 2, 20))
    edit = client.get(reverse("campaigns:activity_update", args=[activity.pk])).content.decode()
    assert re.search(r'value="done"\s+id="id_status_1"\s+required\s+checked', edit)
