"""The trigram indexes that search uses on PostgreSQL (members/0003), and rebuilding them after a bulk load.

A GIN index filled by many inserts (an import of thousands of members, `load_demo --members 100000`) ends up larger
and slower to scan than one built in one pass (docs/performance.md has the figures). Bulk loads of
demo data rebuild the indexes at the end (alliance_portal.demo.after_bulk_load); on a live database,
`manage.py rebuild_search_indexes` rebuilds them CONCURRENTLY, while pages keep reading and staff keep writing.
SQLite has no trigram index: there is nothing to rebuild.
"""

from django.db import DEFAULT_DB_ALIAS, connections

# table -> index, as members/0003_trigram_search_indexes.py creates them
TRIGRAM_INDEXES = {
    "members_organization": "org_search_trgm",
    "members_person": "person_search_trgm",
    "events_event": "event_search_trgm",
}


def supported(using=DEFAULT_DB_ALIAS):
    return connections[using].vendor == "postgresql"


def sizes(using=DEFAULT_DB_ALIAS):
    """{index name: size in bytes} of the trigram indexes that exist (PostgreSQL only, {} elsewhere)."""
    if not supported(using):
        return {}
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c WHERE c.relkind = 'i' AND c.relname = ANY(%s)",
            [list(TRIGRAM_INDEXES.values())],
        )
        return dict(cursor.fetchall())


def rebuild(tables=None, *, concurrently=False, using=DEFAULT_DB_ALIAS):
    """Rebuild the trigram indexes of `tables` (all of them by default); returns the names of the indexes rebuilt.

    `concurrently` (REINDEX ... CONCURRENTLY) keeps the table readable and writable meanwhile but cannot run inside a
    transaction; without it the table's writes wait until the rebuild ends (a second or two at 100,000 rows).
    """
    if not supported(using):
        return []
    existing = sizes(using)
    names = [TRIGRAM_INDEXES[table] for table in (tables or TRIGRAM_INDEXES) if TRIGRAM_INDEXES[table] in existing]
    connection = connections[using]
    with connection.cursor() as cursor:
        for name in names:
            keyword = "REINDEX INDEX CONCURRENTLY" if concurrently else "REINDEX INDEX"
            cursor.execute(f"{keyword} {connection.ops.quote_name(name)}")
    return names
