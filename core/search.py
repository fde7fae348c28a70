"""Search as Vietnamese users search: case and diacritics (đ included) are folded, on both sides, in one place.

``hoc phi``, ``HỌC PHÍ`` and ``Học phí`` (NFC or typed with combining marks, NFD) all fold to ``hoc phi``. The
database folds the stored text and the query alike with one function, ``pc_fold``:

* PostgreSQL: ``lower(unaccent(normalize(text, NFC)))``, an IMMUTABLE SQL wrapper (``unaccent`` itself is only
  STABLE) created by ``core/migrations/0001_search_fold.py``, so that trigram GIN indexes can be built on
  ``pc_fold(column)`` (each app's ``*_search_indexes`` migration) and ``LIKE '%…%'`` uses them;
* SQLite (the embedded default): :func:`fold` registered on every connection as a deterministic function.

Every list's ``search()`` goes through :func:`search`. The decision and the EXPLAIN seen are in ``docs/search.md``.
"""

import unicodedata

from django.db import models
from django.db.backends.signals import connection_created
from django.db.models import Q, Value

FUNCTION = "pc_fold"

# Letters that carry no combining mark in Unicode, so NFD does not split them; unaccent maps them the same way.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D"})


def fold(text):
    """``text`` without case and diacritics, as the database's ``pc_fold`` computes it (None stays None)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", str(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_LETTERS).lower()


def _register_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, fold, deterministic=True)


connection_created.connect(_register_sqlite_function, dispatch_uid="core.search.pc_fold")


class Fold(models.Func):
    """``pc_fold(expression)``: the folded text an index holds and a query compares."""

    function = FUNCTION
    output_field = models.TextField()


@models.CharField.register_lookup
@models.TextField.register_lookup
class FoldTransform(models.Transform):
    """``title__fold__contains=…``: the column folded, so the lookup matches the ``pc_fold(column)`` index."""

    lookup_name = "fold"
    function = FUNCTION
    output_field = models.TextField()


def search(queryset, text, *fields):
    """The rows of ``queryset`` where any of ``fields`` contains ``text``, ignoring case and diacritics.

    Fields of the queryset's own table are OR-ed in one condition (PostgreSQL combines their indexes with a
    BitmapOr). A field reached through a relation (``draft__title``) becomes ``draft__in=<drafts that match>``;
    when both kinds are asked for, the rows are those whose primary key is in the UNION of the branches, so that
    each branch uses its own table's index instead of folding every joined row of a large table.
    """
    text = unicodedata.normalize("NFC", text or "").strip()
    if not text:
        return queryset
    needle = Fold(Value(text))
    model = queryset.model
    own = [field for field in fields if "__" not in field]
    related = {}
    for field in fields:
        if "__" in field:
            relation, rest = field.split("__", 1)
            related.setdefault(relation, []).append(rest)
    if not related:
        return queryset.filter(_contains(own, needle))
    branches = [model._base_manager.filter(_contains(own, needle))] if own else []
    for relation, names in related.items():
        target = model._meta.get_field(relation).related_model
        matches = target._base_manager.filter(_contains(names, needle)).order_by().values("pk")
        branches.append(model._base_manager.filter(**{f"{relation}__in": matches}))
    keys = [branch.order_by().values("pk") for branch in branches]
    return queryset.filter(pk__in=keys[0].union(*keys[1:]) if len(keys) > 1 else keys[0])


def _contains(names, needle):
    condition = Q()
    for name in names:
        condition |= Q(**{f"{name}__fold__contains": needle})
    return condition


# Migrations: the fold function, and per app the NFC data migration and the trigram indexes of its searched columns.

def create_fold_function(apps, schema_editor):
    """``pc_fold`` on PostgreSQL, with ``unaccent`` named by its schema (pg_restore runs with an empty search_path)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'")
        schema = cursor.fetchone()[0]
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {FUNCTION}(text) RETURNS text"
            " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000"
            f" AS $$ SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, normalize($1, NFC))) $$"
        )


def drop_fold_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(text)")


def _index_name(table, column):
    return f"{table}_{column}_fold_trgm"


def fold_indexes(app_label, model_name, columns):
    """A migration operation: the model's text stored NFC-normalised, and a trigram GIN index on each folded column.

    On SQLite only the normalisation runs (no index can serve ``LIKE '%…%'`` there).
    """

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        table = model._meta.db_table
        quote = schema_editor.quote_name
        if schema_editor.connection.vendor == "postgresql":
            for column in columns:
                schema_editor.execute(
                    f"UPDATE {quote(table)} SET {quote(column)} = normalize({quote(column)}, NFC)"
                    f" WHERE {quote(column)} IS NOT NFC NORMALIZED"  # nosec B608  # docs/security.md
                )
                schema_editor.execute(
                    f"CREATE INDEX IF NOT EXISTS {quote(_index_name(table, column))} ON {quote(table)}"
                    f" USING gin ({FUNCTION}({quote(column)}) gin_trgm_ops)"
                )
            return
        for column in columns:
            for pk, value in model._base_manager.values_list("pk", column).iterator():
                if value and not unicodedata.is_normalized("NFC", value):
                    model._base_manager.filter(pk=pk).update(**{column: unicodedata.normalize("NFC", value)})

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = apps.get_model(app_label, model_name)._meta.db_table
        for column in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(_index_name(table, column))}")

    return forwards, backwards
