"""manage.py import_members FILE [--dry-run]: the admin's member import, from the command line (all rows or none)."""

from django.core.management.base import BaseCommand

from core.importexport.services import report
from members.services import import_organizations


class Command(BaseCommand):
    help = "Import member organizations from a CSV (UTF-8) or XLSX file with the template's Vietnamese headers."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a .csv or .xlsx file")
        parser.add_argument("--format", choices=["csv", "xlsx"], help="file type, when the name does not say")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")

    def handle(self, *args, **options):
        summary = import_organizations(options["file"], fmt=options["format"], dry_run=options["dry_run"])
        report(self, summary)
