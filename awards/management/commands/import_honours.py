"""manage.py import_honours FILE --decision ID [--dry-run]: a decision's recipients from a spreadsheet."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from awards.models import Decision
from awards.services import import_honours
from core.importexport.services import report


class Command(BaseCommand):
    help = "Import the recipients of a decision from a CSV (UTF-8) or XLSX file with the template's Vietnamese headers."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a .csv or .xlsx file")
        parser.add_argument("--decision", type=int, required=True, help="id of the decision")
        parser.add_argument("--format", choices=["csv", "xlsx"], help="file type, when the name does not say")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")

    def handle(self, *args, **options):
        decision = Decision.objects.select_related("authority").filter(pk=options["decision"]).first()
        if decision is None:
            raise CommandError(_("There is no decision with id %(id)s.") % {"id": options["decision"]})
        summary = import_honours(options["file"], decision, fmt=options["format"], dry_run=options["dry_run"])
        report(self, summary)
