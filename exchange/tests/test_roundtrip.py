"""Export everything → empty the database → import the file → the same objects and the same counting results."""

import datetime as dt

import pytest
from django.core.management import call_command

from accounts.models import Membership
from campaigns.models import Activity
from drafts.models import Draft, Policy
from drafts.services import draft_evaluation
from exchange.models import ImportKey
from exchange.services import import_file
from organizations.models import Organization
from organizations.services import organization_update
from testbed import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 1, 15)


def build_data(tree):
    organization_update(organization=tree["other"], valid_to=dt.date(2025, 6, 30), successor=tree["city"])
    adopted = factories.DraftFactory(
        drafting_organization=tree["department"], title="Nghị quyết học phí",
        proposal_consultation_start=dt.date(2024, 2, 1), proposal_consultation_end=dt.date(2024, 3, 1),
        draft_consultation_start=dt.date(2024, 5, 1), adopted_on=dt.date(2024, 9, 1),
        issued_number="12/2024/NQ-HĐND", published=True, comment_url="https://example.gov.vn/gop-y",
        internal_notes="ghi chú",
    )
    p1 = factories.PolicyFactory(draft=adopted, title="Miễn học phí", position=1)
    p2 = factories.PolicyFactory(draft=adopted, title="Hỗ trợ chi phí", position=2, in_scope=False)
    factories.ActivityFactory(draft=adopted, date=dt.date(2024, 2, 10), title="Cổng TTĐT")  # covers both
    factories.ActivityFactory(draft=adopted, date=dt.date(2024, 6, 1), policies=[p1], title="Họp báo", channel="press")
    factories.ActivityFactory(draft=adopted, date=dt.date(2024, 6, 2), policies=[p2], status="planned", title="Tờ rơi")
    running = factories.DraftFactory(drafting_organization=tree["unit"], title="Quyết định tuyển sinh",
                                     proposal_consultation_start=dt.date(2024, 12, 1))
    factories.PolicyFactory(draft=running, title="Tuyển thẳng", high_impact=False, criterion_sensitive=False)
    other = factories.DraftFactory(drafting_organization=tree["other"], title="Nghị quyết Quảng Ninh",
                                   status="withdrawn")
    factories.PolicyFactory(draft=other, title="Chính sách QN")


def snapshot():
    organizations = sorted(
        (o.code, o.name, o.kind, o.parent.code if o.parent else None, o.valid_from, o.valid_to,
         o.successor.code if o.successor else None)
        for o in Organization.objects.select_related("parent", "successor")
    )
    draft_fields = [c.key for c in __import__("exchange.schema", fromlist=["DRAFTS"]).DRAFTS.columns
                    if c.key not in ("ref", "organization")]
    drafts = sorted(
        tuple(getattr(d, f) for f in draft_fields) + (d.drafting_organization.code,)
        for d in Draft.objects.select_related("drafting_organization")
    )
    policies = sorted(
        (p.draft.title, p.title, p.summary, p.criterion_rights, p.criterion_sensitive, p.criterion_wide,
         p.criterion_not_secret, p.assessed_on, p.high_impact, p.in_scope, p.position)
        for p in Policy.objects.select_related("draft")
    )
    activities = sorted(
        (a.draft.title, a.title, a.channel, a.date, a.status, a.reach, tuple(sorted(p.title for p in a.policies.all())))
        for a in Activity.objects.select_related("draft").prefetch_related("policies")
    )
    evaluation = sorted(
        (d.title, policy_titles[pid], result.status, str(result.reason))
        for d in Draft.objects.all()
        for policy_titles in [dict(d.policies.values_list("pk", "title"))]
        for pid, result in draft_evaluation(d, today=TODAY).items()
    )
    return organizations, drafts, policies, activities, evaluation


def empty_database():
    Activity.objects.all().delete()
    Draft.objects.all().delete()
    ImportKey.objects.all().delete()
    Membership.objects.all().delete()
    Organization.objects.update(successor=None)
    for organization in Organization.objects.order_by("-depth"):
        organization.delete()


def test_export_then_import_into_an_empty_database_gives_the_same_data_and_counts(tree, tmp_path):
    build_data(tree)
    before = snapshot()
    assert any(row[2] == "communicated" for row in before[4])  # the data exercises the counting rule
    paths = []
    for code in ("HP", "QN"):
        paths.append(tmp_path / f"{code}.xlsx")
        call_command("export_workbook", "--organization", code, str(paths[-1]))

    empty_database()
    assert not Organization.objects.exists()
    for path in paths:
        report = import_file(path=path, actor=None, commit=True)
        assert report.ok, report.errors
    assert snapshot() == before

    # Importing the same files again changes nothing and duplicates nothing.
    for path in paths:
        report = import_file(path=path, actor=None, commit=True)
        assert report.ok and set(report.counts) == {"unchanged"}
    assert snapshot() == before


def test_reexport_keeps_the_keys_so_edits_update(tree, official, tmp_path):
    build_data(tree)
    path = tmp_path / "hp.xlsx"
    call_command("export_workbook", "--organization", "HP-SGDDT", str(path))
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Dự thảo"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == "Quyết định tuyển sinh")
    assert row[0].value == f"D-{Draft.objects.get(title='Quyết định tuyển sinh').pk}"
    row[2].value = "Quyết định tuyển sinh (sửa)"
    workbook.save(path)
    report = import_file(path=path, actor=official, commit=True)
    assert report.ok, report.errors
    assert report.counts["update"] == 1 and report.counts["create"] == 0
    assert Draft.objects.filter(title="Quyết định tuyển sinh (sửa)").count() == 1
