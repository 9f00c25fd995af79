"""dry_run_atomic(): a transaction that a command's --dry-run rolls back at the end."""

import contextlib

from django.db import transaction


class DryRunRollback(Exception):
    """Raised at the end of a dry run to roll its transaction back."""


@contextlib.contextmanager
def dry_run_atomic(dry_run):
    """A transaction that is rolled back (by raising DryRunRollback at the end) when dry_run is true."""
    with transaction.atomic():
        yield
        if dry_run:
            raise DryRunRollback
