from organizations import selectors


def test_visible_is_the_read_subtree(tree, official, portal_admin, outsider):
    assert set(selectors.organizations_visible_to(official)) == {tree["department"], tree["unit"]}
    assert set(selectors.organizations_visible_to(portal_admin)) == {tree["city"], tree["department"], tree["unit"]}
    assert set(selectors.organizations_visible_to(outsider)) == {tree["other"]}


def test_manageable_needs_the_admin_role(tree, official, portal_admin):
    assert not selectors.organizations_manageable_by(official).exists()
    assert set(selectors.organizations_manageable_by(portal_admin)) == {tree["city"], tree["department"], tree["unit"]}


def test_ancestors_from_the_root_down(tree):
    assert selectors.organization_ancestors(tree["unit"]) == [tree["city"], tree["department"]]
    assert selectors.organization_ancestors(tree["city"]) == []
