"""The import reads rows in batches: keys are looked up once per batch, resolved relations are not re-queried,
and the outcome (objects, keys, errors and their order) is the same as row by row."""

import re

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Activity
from core.services import full_clean
from drafts import services as draft_services
from drafts.models import Draft, Policy
from exchange import importers
from exchange.models import ImportKey, ImportKind
from exchange.schema import ACTIVITIES, DRAFTS, POLICIES
from exchange.services import import_file

from .helpers import draft_row, row_for, write_sheet

pytestmark = pytest.mark.django_db


def workbook(path, count, *, title="Dự thảo {i}"):
    """``count`` drafts, each with one policy and one activity naming it."""
    book = openpyxl.Workbook()
    sheets = {"drafts": book.active}
    sheets["drafts"].title = DRAFTS.title
    sheets["policies"] = book.create_sheet(POLICIES.title)
    sheets["activities"] = book.create_sheet(ACTIVITIES.title)
    for kind, spec in (("drafts", DRAFTS), ("policies", POLICIES), ("activities", ACTIVITIES)):
        sheets[kind].append(spec.headers)
    for i in range(count):
        sheets["drafts"].append(row_for("drafts", draft_row(ref=f"DT-{i}", title=title.format(i=i))))
        sheets["policies"].append(row_for("policies", {
            "ref": f"CS-{i}", "organization": "HP-SGDDT", "draft": f"DT-{i}", "title": f"Chính sách {i}",
            "criterion_rights": "Có", "high_impact": "Có",
        }))
        sheets["activities"].append(row_for("activities", {
            "ref": f"HD-{i}", "organization": "HP-SGDDT", "draft": f"DT-{i}", "policies": f"CS-{i}",
            "channel": "portal", "date": "05/02/2024", "status": "done", "title": f"Hoạt động {i}",
        }))
    book.save(path)
    return path


def run(path, actor):
    with CaptureQueriesContext(connection) as queries:
        report = import_file(path=path, actor=actor, commit=True)
    assert report.ok, [(p.row, p.message) for p in report.errors]
    return report, [q["sql"] for q in queries.captured_queries]


def matching(sqls, pattern):
    return [sql for sql in sqls if re.search(pattern, sql)]


def test_keys_are_looked_up_per_batch_and_resolved_relations_are_not_queried_again(tree, official, tmp_path):
    _report, small = run(workbook(tmp_path / "a.xlsx", 5), official)
    Draft.objects.all().delete()
    ImportKey.objects.all().delete()
    report, large = run(workbook(tmp_path / "b.xlsx", 20), official)

    assert report.counts == {"create": 60}
    # One lookup per sheet for its own keys; the drafts and policies the rows name were created by this import,
    # so the context knows their keys already.
    key_reads = matching(large, r'^SELECT .* FROM "exchange_importkey"')
    assert len(key_reads) == len(matching(small, r'^SELECT .* FROM "exchange_importkey"')) == 3
    # The drafting organization, the draft and the importing user are objects the import already holds: no
    # existence check per row.
    assert not matching(large, r'SELECT 1 AS "a" FROM "(organizations_organization|drafts_draft|accounts_user)"')
    assert Policy.objects.filter(assessed_by=official).count() == 20
    # What is left grows with the rows (insert, audit entry, savepoint…) at a fixed cost: 45 more rows, same per row.
    per_row = (len(large) - len(small)) / 45
    assert per_row <= 7, per_row


def test_reimport_across_batches_updates_by_key(tree, official, tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "BATCH_ROWS", 2)
    run(workbook(tmp_path / "a.xlsx", 5), official)
    report, _sqls = run(workbook(tmp_path / "b.xlsx", 5, title="Tên mới {i}"), official)

    assert report.counts == {"update": 5, "unchanged": 10}
    assert sorted(Draft.objects.values_list("title", flat=True)) == [f"Tên mới {i}" for i in range(5)]
    assert Policy.objects.count() == Activity.objects.count() == 5
    assert ImportKey.objects.filter(kind=ImportKind.ACTIVITY).count() == 5
    for activity in Activity.objects.prefetch_related("policies"):
        assert [p.draft_id for p in activity.policies.all()] == [activity.draft_id]


def test_errors_keep_file_order_within_a_batch(tree, official, tmp_path):
    rows = [
        draft_row(ref="DT-1", draft_consultation_start="01/01/2024"),  # service error: D before S
        draft_row(ref="DT-2", proposal_consultation_start="31/02/2024"),  # cell error
        draft_row(ref="DT-1"),  # duplicate of row 2
    ]
    path = write_sheet(tmp_path / "a.xlsx", "drafts", rows)
    workbook_ = openpyxl.load_workbook(path)
    workbook_.active.append(row_for("drafts", draft_row(ref="DT-5")))
    workbook_.active.append(row_for("drafts", draft_row(ref="DT-6")))
    workbook_.active.merge_cells("C5:C6")
    workbook_.save(path)

    report = import_file(path=path, actor=official, commit=True)

    assert [p.row for p in report.errors] == [2, 3, 4, 5, 6]
    assert not Draft.objects.exists() and not ImportKey.objects.exists()


def test_exported_references_still_find_their_objects(tree, official, tmp_path):
    draft = draft_services.draft_create(
        actor=official, drafting_organization=tree["department"], title="Cũ", document_type="decree",
        proposal_consultation_start="2024-02-01",
    )
    path = write_sheet(tmp_path / "a.xlsx", "drafts", [draft_row(ref=f"D-{draft.pk}", title="Mới")])
    report, _sqls = run(path, official)
    assert report.counts == {"update": 1}
    assert Draft.objects.get().title == "Mới"


def test_full_clean_with_known_relations_keeps_every_other_check(tree):
    department = tree["department"]
    ImportKey.objects.create(kind=ImportKind.DRAFT, organization=department, key="K", object_id=1)

    duplicate = ImportKey(kind=ImportKind.DRAFT, organization=department, key="K", object_id=2)
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as raised:
        full_clean(duplicate, known_relations=("organization",))
    assert "__all__" in raised.value.message_dict  # the unique constraint on (kind, organization, key)
    assert not matching([q["sql"] for q in queries.captured_queries], r'FROM "organizations_organization"')

    bad = ImportKey(kind="nonsense", organization=department, key="", object_id=3)
    with pytest.raises(ValidationError) as raised:
        full_clean(bad, known_relations=("organization",))
    assert {"kind", "key"} <= set(raised.value.message_dict)

    draft = Draft(drafting_organization=department, title="T", document_type="decree",
                  proposal_consultation_start="2024-02-01", draft_consultation_start="2024-01-01")
    with pytest.raises(ValidationError):
        full_clean(draft, known_relations=("drafting_organization",))  # clean(): S ≤ D
