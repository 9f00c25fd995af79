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


def export_person_data(person, *, user=None, record=True):
    """Everything the portal holds about `person`, as a dict ready for JSON (dates as ISO strings via JSON_ENCODER)."""
    honours = person.honours.select_related("form", "authority", "decision", "event").order_by("pk")
    participations = person.participations.select_related("event").order_by("pk")
    speeches = person.speeches.select_related("event").order_by("pk")
    programme_items = person.programme_items.select_related("event").order_by("pk")
    content_type = ContentType.objects.get_for_model(Person)
    data = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now(),
        "person": {
            **_field_values(person, exclude=("search_text", "search_exact", "sort_key")),
            "organization_name": person.organization.name if person.organization_id else "",
        },
        "honours": [
            {
                "id": h.pk,
                "form": h.form.name,
                "authority": h.authority.name,
                "decision": str(h.decision) if h.decision_id else "",
                "decision_id": h.decision_id,
                "conferred_on": h.conferred_on,
                "achievement_year": h.achievement_year,
                "citation": h.citation,
                "event": h.event.title if h.event_id else "",
                "is_published": h.is_published,
            }
            for h in honours
        ],
        "participations": [
            {
                "id": p.pk,
                "event": p.event.title,
                "event_id": p.event_id,
                "starts_at": p.event.starts_at,
                "role": p.role,
                "position": p.position,
            }
            for p in participations
        ],
        "speeches": [
            {"id": s.pk, "event": s.event.title, "event_id": s.event_id, "title": s.title, "summary": s.summary}
            for s in speeches
        ],
        "programme_items": [
            {"id": i.pk, "event": i.event.title, "event_id": i.event_id, "title": i.title, "starts_at": i.starts_at}
            for i in programme_items
        ],
        "history": [
            {
                "history_id": h.history_id,
                "date": h.history_date,
                "type": h.history_type,
                "user": h.history_user.get_username() if h.history_user_id else "",
                "reason": h.history_change_reason or "",
                "values": _field_values(h.instance, exclude=("search_text", "search_exact", "sort_key")),
            }
            for h in person.history.select_related("history_user").order_by("history_date", "history_id")
        ],
        "admin_log": [
            {
                "date": entry.action_time,
                "user": entry.user.get_username(),
                "action": entry.get_action_flag_display(),
                "message": entry.get_change_message(),
            }
            for entry in LogEntry.objects.filter(content_type=content_type, object_id=str(person.pk))
            .select_related("user")
            .order_by("action_time", "pk")
        ],
    }
    if record:
        _record_trace(person, user, f"Personal data exported (PDPL) by {_actor_name(user)}")
        logger.info("export_person_data person=%s by=%s", person.pk, _actor_name(user))
    return data


def _places_still_naming(person, name):
    """Free text elsewhere that mentions the person's old name: staff must edit it by hand (reported, not changed)."""
    from django.apps import apps  # the upper floors (events, awards) are looked up, not imported

    if len(name.strip()) < 3:
        return []
    found = []
    for label, model_name, fields in (
        ("events", "Event", ("title", "summary", "body")),
        ("events", "Speech", ("title", "summary")),
        ("events", "ProgrammeItem", ("title",)),
        ("awards", "Honour", ("citation", "inscription")),
    ):
        model = apps.get_model(label, model_name)
        for field in fields:
            for pk in model.objects.filter(**{f"{field}__icontains": name}).values_list("pk", flat=True):
                found.append(f"{label}.{model_name} #{pk} ({field})")
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


def erase_person(person, *, user=None, dry_run=False):
    """Anonymise `person` and everything that held their personal details; return a report of what was (or would be)
    done. Honours, participations and speeches stay, attached to the anonymised person."""
    label = anonymous_label(person.pk)
    history = person.history.all()
    photos = {person.photo.name} if person.photo else set()
    photos |= {name for name in history.exclude(photo="").values_list("photo", flat=True)}
    # A file still used by another person (a shared picture) is left alone.
    photos -= set(Person.objects.exclude(pk=person.pk).filter(photo__in=photos).values_list("photo", flat=True))
    files = sorted(photos | {t for name in photos for t in _thumbnails_of(name)})
    report = {
        "person_id": person.pk,
        "anonymous_name": label,
        "blanked_fields": [f for f in ("full_name", "position", "affiliation", *PRIVATE_FIELDS, "photo")],
        "history_records_anonymised": history.count(),
        "participations_kept": person.participations.count(),
        "speeches_kept": person.speeches.count(),
        "honours_kept": person.honours.count(),
        "files_deleted": files,
        "free_text_to_review": _places_still_naming(person, person.full_name),
        "dry_run": dry_run,
    }
    if dry_run:
        return report

    person_type = ContentType.objects.get_for_model(Person)
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
        locked.participations.exclude(position="").update(position="")
        # Admin log lines repeat the name of the person and of things named after them.
        LogEntry.objects.filter(content_type=person_type, object_id=str(locked.pk)).update(object_repr=label)
        for related in (locked.honours.all(), locked.participations.all(), locked.speeches.all()):
            model_type = ContentType.objects.get_for_model(related.model)
            for obj in related:
                LogEntry.objects.filter(content_type=model_type, object_id=str(obj.pk)).update(
                    object_repr=str(obj)[:200]
                )
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
