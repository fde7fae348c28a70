import datetime as dt
import os

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


def test_deleting_a_draft_removes_its_evidence_and_plan_documents(django_capture_on_commit_callbacks, official):
    from drafts.services import draft_delete

    activity = factories.ActivityFactory()
    campaign = factories.CampaignFactory(draft=activity.draft)
    evidence = StoredFile(original_name="e.pdf", extension="pdf", content_type="application/pdf", size=8,
                          sha256="0" * 64, activity=activity)
    evidence.file.save("e", ContentFile(b"%PDF-1.4"), save=True)
    plan = StoredFile(original_name="p.pdf", extension="pdf", content_type="application/pdf", size=8, sha256="1" * 64)
    plan.file.save("p", ContentFile(b"%PDF-1.4"), save=True)
    campaign.plan_document = plan
    campaign.save()

    with django_capture_on_commit_callbacks(execute=True):
        draft_delete(draft=activity.draft, actor=official)

    assert not StoredFile.objects.exists()
    assert not default_storage.exists(evidence.file.name)
    assert not default_storage.exists(plan.file.name)
