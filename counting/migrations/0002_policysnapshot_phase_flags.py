"""Snapshots keep whether each phase has a counting activity, not how many: the engine asks EXISTS per phase.

Also drops an index that duplicated the draft foreign key's own."""

from django.db import migrations, models


def counts_to_flags(apps, schema_editor):
    # Rows written before keep a flag for every phase that exists (the engine now leaves unread phases empty).
    PolicySnapshot = apps.get_model("coverage", "PolicySnapshot")
    PolicySnapshot.objects.update(has_proposal=False)
    PolicySnapshot.objects.filter(n_proposal__gt=0).update(has_proposal=True)
    PolicySnapshot.objects.filter(d__isnull=False).update(has_draft=False)
    PolicySnapshot.objects.filter(n_draft__gt=0).update(has_draft=True)


def flags_to_counts(apps, schema_editor):
    # The counts are gone; 1 keeps every status and reason (the next recompute has nothing else to restore).
    PolicySnapshot = apps.get_model("coverage", "PolicySnapshot")
    PolicySnapshot.objects.filter(has_proposal=True).update(n_proposal=1)
    PolicySnapshot.objects.filter(has_draft=True).update(n_draft=1)


class Migration(migrations.Migration):

    dependencies = [
        ("coverage", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="policysnapshot",
            name="has_proposal",
            field=models.BooleanField(null=True, help_text="The proposal phase has a counting activity."),
        ),
        migrations.AddField(
            model_name="policysnapshot",
            name="has_draft",
            field=models.BooleanField(null=True, help_text="The draft phase has a counting activity."),
        ),
        migrations.RunPython(counts_to_flags, flags_to_counts),
        migrations.RemoveField(model_name="policysnapshot", name="n_proposal"),
        migrations.RemoveField(model_name="policysnapshot", name="n_draft"),
        # The same columns as the draft foreign key's own index.
        migrations.RemoveIndex(model_name="policysnapshot", name="covpol_draft_idx"),
    ]
