import pytest

from dashboards.tests.conftest import TODAY
from drafts import counting
from notifications import selectors

pytestmark = pytest.mark.django_db


def test_nearest_heads_pick_the_closest_organization_with_a_head(tree):
    from accounts.models import Role
    from testbed import factories

    city_head = factories.user_with_role(Role.HEAD, tree["city"])
    heads = selectors.nearest_heads([tree["unit"], tree["other"]])
    assert heads == {tree["unit"].pk: [city_head.pk], tree["other"].pk: []}
    department_head = factories.user_with_role(Role.HEAD, tree["department"])
    assert selectors.nearest_heads([tree["unit"]]) == {tree["unit"].pk: [department_head.pk]}


def test_the_digest_names_missed_policies(tree, in_progress):
    digest = selectors.digest_for(tree["department"], TODAY.year)
    assert digest["figures"].missed == 1
    assert digest["at_risk"][0].status == counting.MISSED
