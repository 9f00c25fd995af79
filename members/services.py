"""Writes that span several models: importing member organizations from a spreadsheet.

The admin, `manage.py import_members` and `make bench` all go through `import_organizations`, which uses the same
resource (members.resources.OrganizationResource) as the admin's import: the same checks, the same messages, all rows
or none.
"""

from core.importexport.services import run_import

from .resources import OrganizationResource


def import_organizations(file_obj_or_path, fmt=None, dry_run=False, user=None):
    """Import member organizations from a CSV or XLSX file (all rows or none); return an ImportSummary.

    `fmt` is "csv" or "xlsx", taken from the file name when None. With `dry_run` nothing is written.
    """
    return run_import(OrganizationResource(user=user, html_diff=False), file_obj_or_path, fmt, dry_run, user)
