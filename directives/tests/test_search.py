"""The directive list finds codes, titles and issuers as Vietnamese users type them (core/search.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from directives.models import Directive
from testbed.search_cases import DECOY, cases

pytestmark = pytest.mark.django_db


def make(tree, code, title=DECOY, issuer="UBND"):
    return Directive.objects.create(code=code, kind="plan", title=title, issuer=issuer,
                                    issued_on=dt.date(2024, 1, 10), applies_to=tree["department"])


def found(client, user, typed):
    client.force_login(user)
    return {row.pk for row in client.get(reverse("directives:list"), {"q": typed}).context["object_list"]}


@cases
def test_directive_list_search_by_title_or_issuer(client, official, tree, stored, typed):
    by_title = make(tree, "01/KH-SGDĐT", title=stored)
    by_issuer = make(tree, "02/KH-SGDĐT", issuer=stored)
    make(tree, "03/KH-SGDĐT")
    assert found(client, official, typed) == {by_title.pk, by_issuer.pk}


def test_directive_list_search_by_code_folds_d_stroke(client, official):
    assert [d.code for d in Directive.objects.filter(pk__in=found(client, official, "407/qd"))] == ["407/QĐ-TTg"]
