"""The organization list finds names as Vietnamese users type them (core/search.py)."""

import pytest
from django.urls import reverse

from testbed import factories
from testbed.search_cases import DECOY, cases

pytestmark = pytest.mark.django_db


def found(client, user, typed):
    client.force_login(user)
    return {row.pk for row in client.get(reverse("organizations:list"), {"q": typed}).context["object_list"]}


@cases
def test_organization_list_search(client, portal_admin, tree, stored, typed):
    target = factories.OrganizationFactory(name=stored, parent=tree["city"])
    decoy = factories.OrganizationFactory(name=DECOY, parent=tree["city"])
    result = found(client, portal_admin, typed)
    assert target.pk in result and decoy.pk not in result


def test_organization_list_search_by_code_folds_d_stroke(client, portal_admin, tree):
    target = factories.OrganizationFactory(code="HP-SGDĐT-MN1", name=DECOY, parent=tree["city"])
    assert found(client, portal_admin, "sgddt-mn") == {target.pk}
