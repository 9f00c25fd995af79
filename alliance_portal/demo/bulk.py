"""Bulk inserts for the synthetic generator, through one prepared INSERT per table, and what a bulk load owes after.

Django's bulk_create is the ORM's tool for this, but several times slower at this size: on SQLite it sends at most
999 parameters per statement (about 30 organizations) and prepares every value of every row in Python. Here each
table gets one INSERT, written from the model's metadata (identifiers quoted, every value a parameter) and run with
executemany; values go to the driver as they are, except in the columns that need preparing (dates, times, decimals,
files), which go through the field's own get_db_prep_save(). This module holds the demo's only raw SQL.
"""

import functools
from types import SimpleNamespace

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Max

from core.cache import bump_version
from members import search_indexes

# Columns whose Python values (str, int, bool, None) the database driver takes as they are.
PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "EmailField",
    "ForeignKey",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}
CHUNK = 500  # rows per multi-row INSERT outside SQLite


class BulkInsert:
    """Insert unsaved rows of one model with one prepared INSERT, primary keys assigned here.

    Rows are model instances or the lighter namespaces of `row()`. Primary keys are numbered on from the table's
    current maximum; `finish()` then resets the table's sequence, so rows saved later through the ORM get the next
    free key.
    """

    def __init__(self, model, now):
        self.model = model
        self.fields = [f for f in model._meta.get_fields() if f.concrete and not f.many_to_many]
        self.attnames = [f.attname for f in self.fields]
        self.adapters = [_adapter(f, now, connections[DEFAULT_DB_ALIAS]) for f in self.fields]
        self.pk_attname = next(f.attname for f in self.fields if f.primary_key)
        self.defaults = {f.attname: f.get_default() for f in self.fields if not f.primary_key}
        self.head = insert_head(model, [f.column for f in self.fields])
        self.next_pk = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def row(self, **values):
        """A row as a plain namespace with the model's defaults, much cheaper to build than a model instance."""
        return SimpleNamespace(**{**self.defaults, **values})

    def insert(self, objs):
        """Number the rows (their primary key is set) and insert them."""
        pairs = list(zip(self.attnames, self.adapters, strict=True))
        rows = []
        for obj in objs:
            setattr(obj, self.pk_attname, self.next_pk)
            self.next_pk += 1
            rows.append(tuple(adapt(getattr(obj, a)) if adapt else getattr(obj, a) for a, adapt in pairs))
        execute_rows(self.head, len(self.fields), rows)
        return objs

    def finish(self):
        """Move the table's primary-key sequence past the rows inserted here."""
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [self.model]):
                cursor.execute(sql)


def _adapter(field, now, db):
    """None for a column whose values go to the driver as they are, else a function that prepares a value for `db`
    (the database connection itself, not the `connection` proxy, which costs a lookup per use).

    The values of such columns repeat (dates, amounts, empty files), so each is prepared once.
    """
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        stamp = field.get_db_prep_save(now, db)
        return lambda _value: stamp
    if field.get_internal_type() in PLAIN_TYPES:
        return None
    return functools.lru_cache(maxsize=None, typed=True)(functools.partial(field.get_db_prep_save, connection=db))


def insert_head(model, columns):
    """`INSERT INTO table (columns)` for the model's table; identifiers come from its metadata, quoted."""
    quote = connection.ops.quote_name
    return "INSERT INTO {} ({})".format(quote(model._meta.db_table), ", ".join(quote(c) for c in columns))


def insert_links(through, rows):
    """Insert (organization id, sector id) rows into the table of Organization.sectors, keys numbered by it."""
    columns = [through._meta.get_field(name).column for name in ("organization", "sector")]
    execute_rows(insert_head(through, columns), 2, rows)


def execute_rows(head, width, rows):
    """Run `head VALUES (...)` for every row: executemany on SQLite (fast there), multi-row VALUES elsewhere
    (psycopg2's executemany makes one round trip per row)."""
    if not rows:
        return
    placeholder = "({})".format(", ".join(["%s"] * width))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(f"{head} VALUES {placeholder}", rows)
            return
        for start in range(0, len(rows), CHUNK):
            part = rows[start : start + CHUNK]
            cursor.execute(f"{head} VALUES {', '.join([placeholder] * len(part))}", [v for row in part for v in row])


def enlarge_sqlite_cache():
    """A 256 MB page cache for this connection on SQLite: bulk inserts update seven indexes in random order."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")


def after_bulk_load():
    """What a bulk write owes the rest of the portal: bulk inserts send no signals, so the data version is bumped
    (cached pages, counts and figures are recomputed); on PostgreSQL the search indexes the inserts filled piecemeal
    are rebuilt (members.search_indexes: a third smaller and faster to scan) and the planner statistics refreshed at
    once, not when autovacuum next passes (docs/performance.md: without them the directory's count read the table)."""
    bump_version()
    if connection.vendor == "postgresql":
        search_indexes.rebuild(["members_organization", "members_person"])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE members_organization, members_person, members_organization_sectors, awards_honour")
