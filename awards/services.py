"""Writes that span several models: importing a decision's recipients (honours, and people not yet known)."""

from core.importexport.services import run_import

from .resources import HonourResource


def import_honours(file_obj_or_path, decision, fmt=None, dry_run=False, user=None):
    """Import the recipients of `decision` from a CSV or XLSX file (all rows or none); return an ImportSummary."""
    return run_import(
        HonourResource(decision=decision, user=user, html_diff=False), file_obj_or_path, fmt, dry_run, user
    )
