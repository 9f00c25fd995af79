"""Load the demo: the facts of the 30th-anniversary report, a marked sample history, and optionally N synthetic
member organizations."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from alliance_portal import demo


class Command(BaseCommand):
    help = _(
        "Load the facts of the 30th-anniversary report and a sample history of members, events and honours since 1990 "
        "(idempotent). With --members N, also add N synthetic member organizations; each run with --members adds N more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--members", type=int, default=0, metavar="N", help=_("Also add N synthetic member organizations.")
        )
        parser.add_argument("--seed", type=int, default=None, help=_("Random seed, for reproducible synthetic data."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Do everything in a transaction and roll it back.")
        )

    def handle(self, *args, members, seed, dry_run, **options):
        if members < 0:
            raise CommandError(_("--members must be zero or a positive number."))
        history = None
        try:
            with demo.dry_run_atomic(dry_run):
                event = demo.load_facts()
                self.stdout.write(_("Demo facts loaded: %(event)s") % {"event": event.title})
                history = demo.load_history()
                self.report_history(history)
                if members:
                    self.report_members(demo.add_members(members, seed=seed))
        except demo.DryRunRollback:
            if history is not None:
                history.delete_files()  # the rollback takes back the rows, not the pictures stored
            self.stdout.write(_("Dry run: nothing was saved."))

    def report_history(self, result):
        if not result.created:
            self.stdout.write(_("Sample history: already there, nothing added."))
            return
        self.stdout.write(
            _(
                "Sample history added: %(orgs)d member organizations, %(people)d people, %(events)d events with "
                "%(photos)d photos, %(decisions)d decisions and %(honours)d honours in %(seconds).1f s."
            )
            % {
                "orgs": result.organizations,
                "people": result.people,
                "events": result.events,
                "photos": result.photos,
                "decisions": result.decisions,
                "honours": result.honours,
                "seconds": result.seconds,
            }
        )

    def report_members(self, result):
        self.stdout.write(
            _(
                "Added %(orgs)d synthetic member organizations, %(people)d people and %(honours)d "
                "honours in %(seconds).1f s."
            )
            % {
                "orgs": result.organizations,
                "people": result.people,
                "honours": result.honours,
                "seconds": result.seconds,
            }
        )
