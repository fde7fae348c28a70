import pytest
from django.core.exceptions import ValidationError

from organizations.models import Organization
from organizations.services import organization_create, organization_update


def test_create_sets_path_and_depth(tree):
    city, department, unit = tree["city"], tree["department"], tree["unit"]
    assert city.path == f"/{city.pk}/" and city.depth == 0
    assert department.path == f"/{city.pk}/{department.pk}/" and department.depth == 1
    assert unit.path == f"/{city.pk}/{department.pk}/{unit.pk}/" and unit.depth == 2


def test_move_reroots_the_whole_subtree(tree):
    city, department, unit, other = tree["city"], tree["department"], tree["unit"], tree["other"]
    grandchild = organization_create(code="G", name="Tổ bộ môn", kind="unit", parent=unit)
    organization_update(organization=department, parent=other)
    for org in (department, unit, grandchild):
        org.refresh_from_db()
    assert department.path == f"/{other.pk}/{department.pk}/" and department.depth == 1
    assert unit.path == f"/{other.pk}/{department.pk}/{unit.pk}/" and unit.depth == 2
    assert grandchild.path == f"{unit.path}{grandchild.pk}/" and grandchild.depth == 3
    assert set(Organization.objects.subtree_of(city)) == {city}


def test_move_to_root_and_back(tree):
    department = tree["department"]
    organization_update(organization=department, parent=None)
    assert department.path == f"/{department.pk}/" and department.depth == 0
    organization_update(organization=department, parent=tree["city"])
    tree["unit"].refresh_from_db()
    assert tree["unit"].path == f"/{tree['city'].pk}/{department.pk}/{tree['unit'].pk}/"


def test_cannot_move_below_itself(tree):
    department = tree["department"]
    with pytest.raises(ValidationError):
        organization_update(organization=department, parent=tree["unit"])
    department.refresh_from_db()
    assert department.parent == tree["city"]


def test_subtree_is_one_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = list(Organization.objects.subtree_of(tree["department"]))
    assert rows == [tree["department"], tree["unit"]]
