"""Running an import outside the admin (commands, services, benchmarks): `run_import`, its `ImportSummary`, `report`.

Every app's import service calls `run_import` with its own resource, so the commands and the admin apply the same
checks, give the same messages, and write all rows or none.
"""

from dataclasses import dataclass, field

from django.core.management.base import CommandError
from django.utils.translation import gettext

from .files import ImportFileError, read_dataset
from .resources import ImportProblem


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


def report(command, summary):
    """Write an import command's warnings and summary; raise CommandError listing every error."""
    for warning in summary.warnings:
        command.stderr.write(gettext("Warning: %(warning)s") % {"warning": warning})
    if summary.errors:
        lines = [gettext("Nothing was imported; correct the file and try again:")]
        lines += [f"  - {problem}" for problem in summary.errors]
        raise CommandError("\n".join(lines))
    command.stdout.write(str(summary))
