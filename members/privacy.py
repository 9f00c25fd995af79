"""A person's rights under the Personal Data Protection Law: see everything held about them, and have it erased.

Two service functions, called by the management commands `export_person_data` and `erase_person`:

- `export_person_data(person)` gathers every field, honour, participation, speech, programme item, change history and
  admin log entry about one person into a JSON-ready dict.
- `erase_person(person)` anonymises the person in one transaction: private fields blanked, photo (and every earlier
  photo and thumbnail) deleted, the name replaced by "Cá nhân đã ẩn danh #<id>", consent removed, taken off the public
  pages, and the same done to every historical record and admin log line that held those details. Honours,
  participations and speeches stay, attached to the anonymised person.

Both leave a trace staff can see: a line on the `members.privacy` logger and an entry in the person's change history
(admin → person → History) with who did it, when and what. The trace holds no personal detail. See docs/security.md.

Honours, participations, speeches and programme items belong to apps above members, which members does not import:
those apps register them in `person_records` from their AppConfig.ready() (see PersonRecords).
"""

import getpass
import logging
import posixpath
import re

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.images import THUMBNAIL_DIR, THUMBNAIL_SIZES

from .models import Person

logger = logging.getLogger(__name__)

PRIVATE_FIELDS = ("birth_date", "phone", "email", "id_number")
EXPORT_FORMAT_VERSION = 1
JSON_ENCODER = DjangoJSONEncoder


class PersonRecords:
    """How the records of one model that name people are exported and erased, told by the app that owns the model.

    Participations, speeches and honours stand on higher floors than members, which imports none of them: each app
    whose models name people registers those models in its AppConfig.ready(), as models are registered with the admin
    site, and this module reaches them only through the registry::

        class HonourRecords(PersonRecords):
            export_key = "honours"
            person_field = "person"
            ...

        person_records.register(Honour, HonourRecords)  # in AwardsConfig.ready()

    A model whose free text may name a person without pointing at them (an event's summary) registers only
    `text_fields`.
    """

    export_key = ""  # the export's section for these records ("" when they are not exported)
    person_field = ""  # the foreign key to Person ("" when the records name people only in free text)
    related = ()  # what export() reads through foreign keys, joined in
    # The erasure keeps them: its report counts them ("<export_key>_kept") and their admin log lines, which may repeat
    # the person's name, are written again.
    kept = False
    text_fields = ()  # free text that may still hold an erased person's name (listed for staff, never changed)

    def __init__(self, model):
        self.model = model

    def of(self, person):
        """The records that name `person`."""
        return self.model._default_manager.filter(**{self.person_field: person})

    def export(self, record):
        """One record as a dict ready for JSON."""
        raise NotImplementedError

    def erase(self, records):
        """Blank what these records of an erased person repeat of their details (inside the erasure's transaction)."""


class PersonRecordsRegistry:
    """The models of the apps above members that name people: `person_records.register(Model, PersonRecords class)`."""

    def __init__(self):
        self._records = {}

    def register(self, model, records_class):
        self._records[model] = records_class(model)

    def naming(self):
        """What each model that points at people keeps, in the order registered (the order of INSTALLED_APPS)."""
        return [records for records in self._records.values() if records.person_field]

    def with_text(self):
        return [records for records in self._records.values() if records.text_fields]


person_records = PersonRecordsRegistry()


def anonymous_label(pk):
    """The name an erased person gets, in the portal's language: "Cá nhân đã ẩn danh #12"."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Anonymised person #%(id)s") % {"id": pk}


def _actor_name(user):
    return user.get_username() if user is not None else f"{getpass.getuser()} (command line)"


def _record_trace(person, user, reason):
    """An entry in the person's change history (shown in the admin) without touching the record itself."""
    Person.history.bulk_history_create([person], update=True, default_user=user, default_change_reason=reason)


def _field_values(obj, exclude=()):
    values = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = getattr(obj, field.attname)
        if hasattr(value, "name") and not isinstance(value, str):  # file fields
            value = value.name or ""
        values[field.attname] = value
    return values


def _history(person):
    return [
        {
            "history_id": h.history_id,
            "date": h.history_date,
            "type": h.history_type,
            "user": h.history_user.get_username() if h.history_user_id else "",
            "reason": h.history_change_reason or "",
            "values": _field_values(h.instance, exclude=("search_text", "search_exact", "sort_key")),
        }
        for h in person.history.select_related("history_user").order_by("history_date", "history_id")
    ]


def _admin_log(person):
    content_type = ContentType.objects.get_for_model(Person)
    return [
        {
            "date": entry.action_time,
            "user": entry.user.get_username(),
            "action": entry.get_action_flag_display(),
            "message": entry.get_change_message(),
        }
        for entry in LogEntry.objects.filter(content_type=content_type, object_id=str(person.pk))
        .select_related("user")
        .order_by("action_time", "pk")
    ]


def export_person_data(person, *, user=None, record=True):
    """Everything the portal holds about `person`, as a dict ready for JSON (dates as ISO strings via JSON_ENCODER):
    their fields, the records of the apps above members that name them (person_records), their change history and the
    admin log about them."""
    data = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now(),
        "person": {
            **_field_values(person, exclude=("search_text", "search_exact", "sort_key")),
            "organization_name": person.organization.name if person.organization_id else "",
        },
    }
    for records in person_records.naming():
        if records.export_key:
            found = records.of(person).select_related(*records.related).order_by("pk")
            data[records.export_key] = [records.export(found_record) for found_record in found]
    data["history"] = _history(person)
    data["admin_log"] = _admin_log(person)
    if record:
        _record_trace(person, user, f"Personal data exported (PDPL) by {_actor_name(user)}")
        logger.info("export_person_data person=%s by=%s", person.pk, _actor_name(user))
    return data


def _places_still_naming(name):
    """Free text elsewhere that mentions the person's old name: staff must edit it by hand (reported, not changed)."""
    if len(name.strip()) < 3:
        return []
    found = []
    for records in person_records.with_text():
        for field in records.text_fields:
            matches = records.model._default_manager.filter(**{f"{field}__icontains": name})
            found += [f"{records.model._meta.label} #{pk} ({field})" for pk in matches.values_list("pk", flat=True)]
    return found


def _thumbnails_of(name):
    """Storage names of the thumbnails core.images made from the image stored as `name`."""
    folder, filename = posixpath.split(name)
    stem = posixpath.splitext(filename)[0][:60] or "image"
    pattern = re.compile(rf"^{re.escape(stem)}-[0-9a-f]{{16}}\.[a-z]+$")
    found = []
    for size in THUMBNAIL_SIZES:
        directory = posixpath.join(THUMBNAIL_DIR, size, folder)
        try:
            _dirs, files = default_storage.listdir(directory)
        except (FileNotFoundError, NotImplementedError):
            continue
        found += [posixpath.join(directory, f) for f in files if pattern.match(f)]
    return found


def _files_of(person):
    """The person's photo, every earlier photo of theirs and the thumbnails made from them, as storage names; a file
    still used by another person (a shared picture) is left alone."""
    photos = {person.photo.name} if person.photo else set()
    photos |= {name for name in person.history.exclude(photo="").values_list("photo", flat=True)}
    photos -= set(Person.objects.exclude(pk=person.pk).filter(photo__in=photos).values_list("photo", flat=True))
    return sorted(photos | {t for name in photos for t in _thumbnails_of(name)})


def _erasure_report(person, files, dry_run):
    report = {
        "person_id": person.pk,
        "anonymous_name": anonymous_label(person.pk),
        "blanked_fields": [f for f in ("full_name", "position", "affiliation", *PRIVATE_FIELDS, "photo")],
        "history_records_anonymised": person.history.count(),
    }
    for records in person_records.naming():
        if records.kept:
            report[f"{records.export_key}_kept"] = records.of(person).count()
    report["files_deleted"] = files
    report["free_text_to_review"] = _places_still_naming(person.full_name)
    report["dry_run"] = dry_run
    return report


def _anonymise(person, label, user):
    """Blank the person's details in their record, in every earlier version of it, in the records of the apps above
    members that repeat them, and in the admin log; in one transaction."""
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        for field in ("position", "affiliation", "phone", "email", "id_number"):
            setattr(locked, field, "")
        locked.full_name = label
        locked.birth_date = None
        locked.photo = ""
        locked.organization = None
        locked.public_consent = False
        locked.consent_recorded_on = None
        locked.is_published = False
        # Every earlier version held the details: anonymise them too, keeping the dates and who changed what.
        locked.history.all().update(
            full_name=label,
            position="",
            affiliation="",
            birth_date=None,
            phone="",
            email="",
            id_number="",
            photo="",
            organization=None,
        )
        # A new version: a change form opened before the erasure can no longer be saved over it (optimistic locking).
        locked.version += 1
        locked._change_reason = f"Personal data erased (PDPL) by {_actor_name(user)}"
        if user is not None:
            locked._history_user = user
        locked.save()
        for records in person_records.naming():
            records.erase(records.of(locked))
        # Admin log lines repeat the name of the person and of things named after them.
        person_type = ContentType.objects.get_for_model(Person)
        LogEntry.objects.filter(content_type=person_type, object_id=str(locked.pk)).update(object_repr=label)
        for records in person_records.naming():
            if records.kept:
                model_type = ContentType.objects.get_for_model(records.model)
                for obj in records.of(locked):
                    LogEntry.objects.filter(content_type=model_type, object_id=str(obj.pk)).update(
                        object_repr=str(obj)[:200]
                    )


def erase_person(person, *, user=None, dry_run=False):
    """Anonymise `person` and everything that held their personal details; return a report of what was (or would be)
    done. Honours, participations and speeches stay, attached to the anonymised person."""
    files = _files_of(person)
    report = _erasure_report(person, files, dry_run)
    if dry_run:
        return report
    _anonymise(person, report["anonymous_name"], user)
    for name in files:
        default_storage.delete(name)
    person.refresh_from_db()
    logger.info(
        "erase_person person=%s by=%s history=%s files=%s",
        person.pk,
        _actor_name(user),
        report["history_records_anonymised"],
        len(files),
    )
    return report
