"""Erase (anonymise) one person's data (Personal Data Protection Law: the right to have one's data deleted)."""

import json

from django.core.management.base import BaseCommand

from members.management.commands.export_person_data import get_person, staff_user
from members.privacy import JSON_ENCODER, erase_person


class Command(BaseCommand):
    help = (
        "Anonymise one person: private fields blanked, photo deleted, name replaced by an anonymous label, consent "
        "removed, history anonymised. Honours stay, attached to the anonymised person."
    )

    def add_arguments(self, parser):
        parser.add_argument("person_id", help="The person's id (shown in the admin's address bar).")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be erased; change nothing.")
        parser.add_argument("--by", help="Username of the staff member handling the request (recorded).")

    def handle(self, *args, person_id, dry_run=False, by=None, **options):
        user = staff_user(by)
        person = get_person(person_id)
        report = erase_person(person, user=user, dry_run=dry_run)
        self.stdout.write(json.dumps(report, cls=JSON_ENCODER, ensure_ascii=False, indent=2))
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Person {person.pk} is now {report['anonymous_name']!r}."))
        if report["free_text_to_review"]:
            self.stdout.write(
                self.style.WARNING("The old name still appears in free text; edit these by hand in the admin:")
            )
            for place in report["free_text_to_review"]:
                self.stdout.write(f"  {place}")
