import datetime as dt
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from campaigns import services
from campaigns.models import StoredFile
from testbed import factories


def _age(name, days):
    path = default_storage.path(name)
    old = (dt.datetime.now() - dt.timedelta(days=days)).timestamp()
    os.utime(path, (old, old))


def test_orphan_files_older_than_a_day_are_removed_and_kept_files_stay(db, official):
    activity = factories.ActivityFactory()
    kept = StoredFile(original_name="a.pdf", extension="pdf", content_type="application/pdf", size=8, sha256="0" * 64,
                      activity=activity)
    kept.file.save("kept", ContentFile(b"%PDF-1.4"), save=True)
    orphan_old = default_storage.save("evidence/ab/orphan-old.pdf", ContentFile(b"%PDF-1.4"))
    orphan_new = default_storage.save("evidence/ab/orphan-new.pdf", ContentFile(b"%PDF-1.4"))
    _age(kept.file.name, 10)
    _age(orphan_old, 3)

    removed = services.orphan_files_remove()

    assert removed == [orphan_old]
    assert not default_storage.exists(orphan_old)
    assert default_storage.exists(orphan_new)  # may belong to a transaction still open
    assert default_storage.exists(kept.file.name)


def test_beat_runs_the_orphan_sweep_weekly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["campaigns-remove-orphan-files"]
    assert entry["task"] == "campaigns.remove_orphan_files"
    assert entry["schedule"].day_of_week == {0}


def _draft_with_files():
    activity = factories.ActivityFactory()
    campaign = factories.CampaignFactory(draft=activity.draft)
    evidence = StoredFile(original_name="e.pdf", extension="pdf", content_type="application/pdf", size=8,
                          sha256="0" * 64, activity=activity)
    evidence.file.save("e", ContentFile(b"%PDF-1.4"), save=True)
    plan = StoredFile(original_name="p.pdf", extension="pdf", content_type="application/pdf", size=8, sha256="1" * 64)
    plan.file.save("p", ContentFile(b"%PDF-1.4"), save=True)
    campaign.plan_document = plan
    campaign.save()
    return activity.draft, [evidence.file.name, plan.file.name]


def test_deleting_a_draft_removes_its_evidence_and_plan_documents(django_capture_on_commit_callbacks, official):
    from drafts.services import draft_delete

    draft, names = _draft_with_files()

    with django_capture_on_commit_callbacks(execute=True):
        draft_delete(draft=draft, actor=official)

    assert not StoredFile.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_a_draft_delete_removes_the_bytes_only_after_commit(django_capture_on_commit_callbacks, official):
    """The rows cascade from the draft (campaigns.receivers, post_delete); the bytes wait for the commit."""
    from drafts.services import draft_delete

    draft, names = _draft_with_files()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        draft_delete(draft=draft, actor=official)
    assert not StoredFile.objects.exists()
    assert all(default_storage.exists(name) for name in names)  # not committed yet
    for callback in callbacks:
        callback()
    assert not any(default_storage.exists(name) for name in names)


def test_a_rolled_back_draft_delete_keeps_every_file(django_capture_on_commit_callbacks, official):
    from django.db import transaction

    from drafts.services import draft_delete

    draft, names = _draft_with_files()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                draft_delete(draft=draft, actor=official)
                raise RuntimeError
    assert StoredFile.objects.count() == 2
    assert all(default_storage.exists(name) for name in names)
