"""manage.py import_members FILE [--dry-run]: the admin's member import, from the command line (all rows or none)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from members.services import import_organizations


def report(command, summary):
    """Write warnings and the summary; raise CommandError listing every error."""
    for warning in summary.warnings:
        command.stderr.write(_("Warning: %(warning)s") % {"warning": warning})
    if summary.errors:
        lines = [_("Nothing was imported; correct the file and try again:")]
        lines += [f"  - {problem}" for problem in summary.errors]
        raise CommandError("\n".join(lines))
    command.stdout.write(str(summary))


class Command(BaseCommand):
    help = "Import member organizations from a CSV (UTF-8) or XLSX file with the template's Vietnamese headers."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a .csv or .xlsx file")
        parser.add_argument("--format", choices=["csv", "xlsx"], help="file type, when the name does not say")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")

    def handle(self, *args, **options):
        summary = import_organizations(options["file"], fmt=options["format"], dry_run=options["dry_run"])
        report(self, summary)
