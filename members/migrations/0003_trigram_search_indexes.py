"""On PostgreSQL: trigram (pg_trgm) GIN indexes over the folded search columns, so `LIKE '%...%'` uses an index.

The folded column holds the text with diacritics removed (đ included) in lower case, computed by core.text.fold
on save and in every bulk path, so SQLite and PostgreSQL search the same text and return the same rows. SQLite has no
trigram index; nothing is done there.
"""

from django.db import migrations

INDEXES = [
    ("members_organization", "org_search_trgm"),
    ("members_person", "person_search_trgm"),
    ("events_event", "event_search_trgm"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("members", "0002_seed_areas_and_sectors"), ("events", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
