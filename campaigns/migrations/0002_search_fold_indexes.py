"""Search: text stored NFC-normalised and a trigram GIN index on pc_fold(column) for each searched column.

See core/search.py and docs/search.md. On SQLite only the normalisation runs.
"""

from django.db import migrations

from core import search


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial"), ("core", "0001_search_fold")]

    operations = [
        migrations.RunPython(*search.fold_indexes("campaigns", "Campaign", ["title"])),
        migrations.RunPython(*search.fold_indexes("campaigns", "Activity", ["title", "description"])),
    ]
