"""Export everything the portal holds about one person (Personal Data Protection Law: the right to see one's data)."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from members.models import Person
from members.privacy import JSON_ENCODER, export_person_data


def staff_user(username):
    """The staff member a command acts for (--by), or None."""
    if not username:
        return None
    try:
        return get_user_model().objects.get(**{get_user_model().USERNAME_FIELD: username}, is_staff=True)
    except get_user_model().DoesNotExist:
        raise CommandError(f"No staff user named {username!r}.") from None


def get_person(person_id):
    try:
        return Person.objects.get(pk=int(person_id))
    except (ValueError, Person.DoesNotExist):
        raise CommandError(f"No person with id {person_id!r}.") from None


class Command(BaseCommand):
    help = "Export everything held about one person as JSON: fields, honours, participations, speeches, history."

    def add_arguments(self, parser):
        parser.add_argument("person_id", help="The person's id (shown in the admin's address bar).")
        parser.add_argument("--output", "-o", help="Write the JSON to this file instead of the standard output.")
        parser.add_argument("--by", help="Username of the staff member handling the request (recorded).")

    def handle(self, *args, person_id, output=None, by=None, **options):
        user = staff_user(by)
        person = get_person(person_id)
        data = export_person_data(person, user=user)
        text = json.dumps(data, cls=JSON_ENCODER, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as f:
                f.write(text + "\n")
            self.stderr.write(f"Exported person {person.pk} to {output}.")
        else:
            self.stdout.write(text)
