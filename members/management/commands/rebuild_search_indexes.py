"""Rebuild the trigram indexes behind search (PostgreSQL), e.g. after a large import: see members/search_indexes.py."""

import time

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from members import search_indexes


def _megabytes(size):
    return f"{size / 1_048_576:.1f} MB"


class Command(BaseCommand):
    help = (
        "Rebuild the trigram indexes that search uses on PostgreSQL (REINDEX CONCURRENTLY: pages and the admin keep "
        "working meanwhile). Worth running after an import of thousands of rows. Nothing to do on SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show the indexes and their sizes; change nothing.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, dry_run=False, database=DEFAULT_DB_ALIAS, **options):
        if not search_indexes.supported(database):
            self.stdout.write("This database is not PostgreSQL: it has no trigram indexes, nothing to rebuild.")
            return
        before = search_indexes.sizes(database)
        for name, size in sorted(before.items()):
            self.stdout.write(f"{name}: {_megabytes(size)}")
        if dry_run:
            self.stdout.write("Dry run: nothing was rebuilt.")
            return
        started = time.perf_counter()
        rebuilt = search_indexes.rebuild(concurrently=True, using=database)
        after = search_indexes.sizes(database)
        for name in rebuilt:
            self.stdout.write(f"{name}: {_megabytes(before[name])} -> {_megabytes(after[name])}")
        self.stdout.write(
            self.style.SUCCESS(f"Rebuilt {len(rebuilt)} index(es) in {time.perf_counter() - started:.1f} s.")
        )
