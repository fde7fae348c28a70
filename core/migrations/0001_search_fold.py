"""Search folds case and diacritics: the unaccent and pg_trgm extensions and the IMMUTABLE ``pc_fold`` (core/search.py).

Both extensions are trusted (PostgreSQL 13+), so the database owner can create them. Nothing happens on SQLite, where
``pc_fold`` is a Python function registered on each connection.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

from core import search


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(search.create_fold_function, search.drop_fold_function, elidable=False),
    ]
