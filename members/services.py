"""Writes that span several models: importing member organizations from a spreadsheet.

The admin, `manage.py import_members` and `make bench` all go through `import_organizations`, which uses the same
resource (members.resources.OrganizationResource) as the admin's import: the same checks, the same messages, all rows
or none.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from .resources import ImportFileError, ImportProblem, OrganizationResource, read_dataset


@dataclass
class ImportSummary:
    """What an import did (or, with errors or a dry run, would have done: then nothing is written)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self):
        return not self.errors

    @property
    def total(self):
        return self.new + self.updated + self.unchanged

    def __str__(self):
        if self.dry_run:
            return gettext("Checked (nothing written): %(new)s new, %(updated)s updated, %(unchanged)s unchanged.") % {
                "new": self.new,
                "updated": self.updated,
                "unchanged": self.unchanged,
            }
        return gettext("Import finished: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.") % {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def run_import(resource, source, fmt=None, dry_run=False, user=None, file_name=None):
    """Read `source` (a path, a binary file or bytes) and import it with `resource`; return an ImportSummary."""
    summary = ImportSummary(dry_run=dry_run)
    if file_name is None:
        file_name = str(getattr(source, "name", "") or (source if isinstance(source, str) else ""))
    try:
        dataset = read_dataset(source, fmt)
    except ImportFileError as exc:
        summary.errors.append(ImportProblem(str(exc)))
        return summary
    except OSError as exc:
        summary.errors.append(ImportProblem(gettext("The file cannot be opened: %(error)s") % {"error": exc.strerror}))
        return summary
    result = resource.import_data(dataset, dry_run=dry_run, user=user, file_name=file_name.rsplit("/", 1)[-1])
    summary.errors = list(result.problems)
    summary.warnings = list(result.warnings)
    summary.new = result.totals["new"]
    summary.updated = result.totals["update"]
    summary.unchanged = result.totals["skip"]
    return summary


def import_organizations(file_obj_or_path, fmt=None, dry_run=False, user=None):
    """Import member organizations from a CSV or XLSX file (all rows or none); return an ImportSummary.

    `fmt` is "csv" or "xlsx", taken from the file name when None. With `dry_run` nothing is written.
    """
    return run_import(OrganizationResource(user=user, html_diff=False), file_obj_or_path, fmt, dry_run, user)
