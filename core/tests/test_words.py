"""Issue 15 point 15: the words a person meets first. Each test failed before the fix (the wording it replaces is in
its docstring). The pages are read in Vietnamese, the portal's default language."""

import re

import pytest
from django.urls import reverse

from drafts.models import Draft
from drafts.tests.test_views import form_data
from reports.models import ExportJob
from testbed import factories

pytestmark = pytest.mark.django_db

DASHES = "---------"


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def draft(tree, official):
    return factories.DraftFactory(drafting_organization=tree["department"], responsible_official=official)


def test_empty_dropdowns_and_date_boxes_speak_vietnamese(client, official, draft):
    """Was: ``---------`` as the empty choice and an English ``dd/mm/yyyy`` placeholder."""
    client.force_login(official)
    urls = [
        reverse("drafts:create"),
        reverse("drafts:list"),
        reverse("campaigns:activity_create", args=[draft.pk]),
        reverse("campaigns:campaign_create", args=[draft.pk]),
        reverse("campaigns:activity_list"),
        reverse("campaigns:campaign_list"),
    ]
    for url in urls:
        html = page(client, url)
        assert DASHES not in html, url
        assert 'placeholder="dd/mm/yyyy"' not in html, url
    form = page(client, reverse("drafts:create"))
    assert 'placeholder="ngày/tháng/năm"' in form
    assert "— chọn —" in form  # a required dropdown (the drafting organization)
    assert "Tất cả" in page(client, reverse("drafts:list"))  # a filter's empty choice


def test_the_choose_draft_question_fits_the_flow(client, official, draft):
    """Was: "Kế hoạch này dành cho dự thảo nào?" when adding an activity too."""
    client.force_login(official)
    activity = page(client, reverse("campaigns:activity_choose_draft"))
    campaign = page(client, reverse("campaigns:campaign_choose_draft"))
    assert "Hoạt động này truyền thông cho dự thảo nào?" in activity and "Kế hoạch" not in activity.split("<h1")[1]
    assert "Kế hoạch truyền thông này dành cho dự thảo nào?" in campaign


def test_a_refused_draft_form_says_above_it_what_to_correct(client, official, tree):
    """Was: the errors only beside their fields, far down a long form."""
    client.force_login(official)
    response = client.post(reverse("drafts:create"), {"title": "", "drafting_organization": tree["department"].pk})
    html = response.content.decode()
    summary = html[html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))]
    assert response.status_code == 200 and not Draft.objects.exists()
    assert re.search(r"Chưa lưu: \d+ trường cần sửa\.", summary)
    assert 'href="#id_title"' in summary and 'href="#id_proposal_consultation_start"' in summary


def test_a_number_below_its_minimum_is_refused_in_plain_vietnamese(client, official, draft):
    """Was Django's "Đảm bảo giá trị này lớn hơn hoặc bằng với 0 ." (a space before the full stop)."""
    from django.core.validators import MinValueValidator
    from django.utils import translation

    with translation.override("vi"):
        message = str(MinValueValidator(0).message) % {"limit_value": 0}
    assert message == "Giá trị phải lớn hơn hoặc bằng 0."


def test_district_document_types_are_for_district_organizations_only(client, official, tree):
    """Was: district People's Council and Committee types offered after 1/7/2025 to a department."""
    client.force_login(official)
    form = client.get(reverse("drafts:create")).context["form"]
    offered = {value for value, _label in form.fields["document_type"].choices}
    assert "district_council_resolution" not in offered and "district_committee_decision" not in offered
    assert "provincial_council_resolution" in offered
    data = form_data(tree, document_type="district_committee_decision", drafting_organization=tree["department"].pk)
    response = client.post(reverse("drafts:create"), data)
    assert response.status_code == 200 and not Draft.objects.exists()
    assert "document_type" in response.context["form"].errors


def test_a_district_keeps_its_document_types(client, tree):
    district = factories.OrganizationFactory(code="HP-HTN", name="Huyện Thủy Nguyên", kind="district", parent=tree["city"])
    from accounts.models import Role

    client.force_login(factories.user_with_role(Role.OFFICIAL, district, username="district"))
    form = client.get(reverse("drafts:create")).context["form"]
    assert "district_committee_decision" in {value for value, _label in form.fields["document_type"].choices}


def test_the_export_breadcrumb_names_the_format_as_people_say_it(client, inspector, tree):
    """Was: "· pdf"."""
    job = ExportJob.objects.create(organization=tree["department"], year=2024, format="pdf", requested_by=inspector)
    client.force_login(inspector)
    html = page(client, reverse("reports:export_status", args=[job.pk]))
    assert "· PDF" in html and "· pdf" not in html


def test_a_get_of_a_form_only_address_explains_itself(client, inspector):
    """Was: a blank 405 for ``GET /reports/exports/new/``."""
    client.force_login(inspector)
    response = client.get(reverse("reports:export_create"))
    html = response.content.decode()
    assert response.status_code == 405 and "POST" in response["Allow"]
    assert "Địa chỉ này chỉ nhận dữ liệu gửi từ biểu mẫu" in html and 'href="/"' in html


def test_the_api_keeps_its_own_405(client, official):
    client.force_login(official)
    response = client.delete("/api/v1/coverage/")
    assert response.status_code == 405 and response["Content-Type"] == "application/json"
    assert "DELETE" in response.json()["detail"]


def test_every_page_links_an_icon_and_favicon_ico_answers(client, official):
    """Was: a 404 for /favicon.ico on every page."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    client.force_login(official)
    assert '<link rel="icon" href="/static/favicon.svg"' in page(client, reverse("home"))
