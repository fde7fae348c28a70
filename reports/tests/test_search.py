"""The problem, export and audit lists find text as Vietnamese users type it (core/search.py)."""

import pytest
from django.urls import reverse

from reports.models import ExportJob, Problem
from testbed import factories
from testbed.search_cases import DECOY, cases

pytestmark = pytest.mark.django_db


def found(client, user, url, typed):
    client.force_login(user)
    response = client.get(reverse(url), {"q": typed})
    assert response.status_code == 200
    return {row.pk for row in response.context["object_list"]}


@cases
def test_problem_list_search_by_title_description_place_or_organization(client, inspector, tree, stored, typed):
    def problem(organization=tree["unit"], title=DECOY, description=DECOY, location=""):
        return Problem.objects.create(organization=organization, title=title, description=description,
                                      location=location, created_by=inspector)

    matches = {
        problem(title=stored).pk,
        problem(description=stored).pk,
        problem(location=stored).pk,
        problem(organization=factories.OrganizationFactory(name=stored, parent=tree["department"])).pk,
    }
    problem()
    assert found(client, inspector, "reports:problem_list", typed) == matches


@cases
def test_export_list_search_by_organization_or_requester(client, inspector, tree, stored, typed):
    named = factories.OrganizationFactory(name=stored, parent=tree["department"])
    decoy = factories.OrganizationFactory(name=DECOY, parent=tree["department"])
    by_org = ExportJob.objects.create(organization=named, year=2024, format="xlsx", requested_by=inspector)
    ExportJob.objects.create(organization=decoy, year=2024, format="xlsx", requested_by=inspector)
    requester = factories.UserFactory(full_name=stored)
    by_requester = ExportJob.objects.create(organization=decoy, year=2024, format="pdf", requested_by=requester)
    assert found(client, inspector, "reports:export_list", typed) == {by_org.pk, by_requester.pk}


@cases
def test_audit_list_search_by_object(client, inspector, tree, stored, typed):
    target = factories.DraftFactory(drafting_organization=tree["department"], title=stored)
    factories.DraftFactory(drafting_organization=tree["department"], title=DECOY)
    client.force_login(inspector)
    rows = client.get(reverse("reports:audit"), {"q": typed}).context["object_list"]
    assert {row.object_pk for row in rows} == {str(target.pk)}
