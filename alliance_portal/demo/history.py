"""load_history(): a visibly marked sample history beside the report's facts, so that every page has something to show.

About 300 member organizations that joined from 1990 to 2026 across the city's units (some since withdrawn or
suspended), their directors and chairs, some 60 events from 1996 to 2027 with programmes, guests, speeches and
generated pictures, and about 140 decisions with 500 honours spread over the years, some presented at those events.
Every record is a sample: `is_sample=True` where the model has the flag (members, people, decisions, honours, so the
"Sample data" badge shows), "(dữ liệu mẫu)" in the title of every event and in the name of every invented office
holder. A few of each are unpublished, to show the difference in the admin.

The history is drawn in memory from a fixed seed (demo/history_members.py, history_events.py, history_awards.py),
then each row is looked up by its natural key (a slug, a decision's number, an event and an order ...) and only the
missing ones are created, in bulk: loading twice creates nothing, and a history that lost a few rows gets them back.
Pictures are drawn (demo/pictures.py) only for the events and photos created, stored through the models' ImageFields
after the same validators as an upload in the admin.
"""

import random
import time
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from awards.models import Decision, Honour
from core import text
from core.cache import bump_version
from events.models import Event, Participant, Photo, ProgrammeItem, Speech
from members.models import Organization, Person

from . import history_texts, pictures, report
from .history_awards import draw_rounds
from .history_events import draw_events, draw_officials
from .history_members import draw_members
from .honours import SAMPLE_COLLECTIVES, SAMPLE_MARK

HISTORY_SEED = 1990
HISTORY_MEMBERS = 300
BATCH_SIZE = 500


@dataclass
class HistoryResult:
    """How many rows load_history() created (none when the history is already there), and how long it took."""

    organizations: int = 0
    people: int = 0
    events: int = 0
    photos: int = 0
    decisions: int = 0
    honours: int = 0
    seconds: float = 0.0
    files: list = field(default_factory=list)  # the pictures stored, by their names in the media storage

    @property
    def created(self):
        return any((self.organizations, self.people, self.events, self.photos, self.decisions, self.honours))

    def delete_files(self):
        """Delete the pictures stored: a rolled-back transaction (load_demo --dry-run) takes back rows, not files."""
        for name in self.files:
            default_storage.delete(name)


@transaction.atomic
def load_history(seed=HISTORY_SEED, members=HISTORY_MEMBERS):
    """Add what is missing of the sample history drawn from `seed`; returns what was created. Idempotent."""
    started = time.perf_counter()
    rng = random.Random(seed)  # nosec B311 - reproducible sample data, nothing secret
    drawn = draw_members(rng, members, reserved_slugs())
    hosts, guests = draw_officials()
    occasions = draw_events(rng, drawn, hosts, guests)
    rounds = draw_rounds(rng, drawn, occasions)
    result = HistoryResult()
    result.organizations = store_members(drawn)
    result.people = len(store_people([p for m in drawn for p in m.people] + hosts + guests))
    result.events, result.photos = store_events(occasions, result.files)
    result.decisions, result.honours = store_rounds(rounds)
    if result.created:
        bump_version()  # bulk inserts send no signals: cached pages and figures are worked out again
    result.seconds = time.perf_counter() - started
    return result


def reserved_slugs():
    """The slugs of the report's members and of the ceremony's sample recipients, which the history must not take."""
    names = [m.name for m in report.MEMBERS] + [f"{c[0]} {SAMPLE_MARK}" for c in SAMPLE_COLLECTIVES]
    return {text.vi_slugify(name) for name in names}


def store(model, objs, key, stored_rows):
    """Create, in bulk, the objs not stored yet; the others take the primary key of the stored row with their key.

    `key(obj)` is an obj's natural key, `stored_rows` the (*key, pk) rows of the candidates already in the table.
    Returns the objs created.
    """
    stored = {tuple(row[:-1]): row[-1] for row in stored_rows}
    new = []
    for obj in objs:
        pk = stored.get(key(obj))
        if pk is None:
            new.append(obj)
        else:
            obj.pk = pk
    model.objects.bulk_create(new, batch_size=BATCH_SIZE)
    return new


def store_members(drawn):
    """The organizations (by slug) and, for those created, their sectors. Returns how many were created."""
    organizations = [m.organization for m in drawn]
    stored = Organization.objects.filter(slug__in=[o.slug for o in organizations]).values_list("slug", "pk")
    new = {id(o) for o in store(Organization, organizations, lambda o: (o.slug,), stored)}
    through = Organization.sectors.through
    links = [
        through(organization_id=m.organization.pk, sector_id=sector_id)
        for m in drawn
        if id(m.organization) in new
        for sector_id in m.sector_ids
    ]
    through.objects.bulk_create(links, batch_size=BATCH_SIZE)
    return len(new)


def store_people(people):
    """People, found by name and position among the sample people."""
    stored = Person.objects.filter(is_sample=True, full_name__in={p.full_name for p in people})
    return store(Person, people, lambda p: (p.full_name, p.position), stored.values_list("full_name", "position", "pk"))


def store_events(occasions, files):
    """The events (by slug) with their cover, then what hangs from them. Returns (events created, photos created);
    the names of the pictures stored are added to `files`."""
    events = [o.event for o in occasions]
    stored = Event.objects.filter(slug__in=[e.slug for e in events]).values_list("slug", "pk")
    by_slug = {slug: pk for slug, pk in stored}
    for occasion in occasions:
        if occasion.event.slug not in by_slug and occasion.has_pictures:
            add_cover(occasion.event)
    created = store(Event, events, lambda e: (e.slug,), stored)
    files += [event.cover_image.name for event in created if event.cover_image]
    event_ids = [e.pk for e in events]
    rows = {
        ProgrammeItem: ((lambda i: (i.event.pk, i.order)), ("event_id", "order")),
        Participant: ((lambda p: (p.event.pk, p.person.pk, p.role)), ("event_id", "person_id", "role")),
        Speech: ((lambda s: (s.event.pk, s.order)), ("event_id", "order")),
    }
    for model, (key, columns) in rows.items():
        objs = [obj for o in occasions for obj in getattr(o, related_name(model))]
        store(model, objs, key, model.objects.filter(event_id__in=event_ids).values_list(*columns, "pk"))
    through = Event.organizations.through
    links = [through(event_id=o.event.pk, organization_id=org.pk) for o in occasions for org in o.organizations]
    stored_links = through.objects.filter(event_id__in=event_ids).values_list("event_id", "organization_id", "pk")
    store(through, links, lambda link: (link.event_id, link.organization_id), stored_links)
    photos = store_photos(occasions, event_ids)
    files += [photo.image.name for photo in photos]
    return len(created), len(photos)


def related_name(model):
    return {ProgrammeItem: "programme", Participant: "participants", Speech: "speeches"}[model]


def store_photos(occasions, event_ids):
    """The photos missing from each event (by event and order), each drawn and validated. Returns those created."""
    stored = set(Photo.objects.filter(event_id__in=event_ids).values_list("event_id", "order"))
    photos = []
    for occasion in occasions:
        event = occasion.event
        for order, scene, caption in occasion.photos:
            if (event.pk, order) in stored:
                continue
            image = ContentFile(pictures.picture(event.title, scene, event.slug), name=f"mau-{event.pk}-{order}.jpg")
            photo = Photo(event=event, caption=caption, order=order, image=image)
            photo.full_clean(exclude=["event"])  # the ImageField's validators, as for an upload in the admin
            photos.append(photo)
    Photo.objects.bulk_create(photos, batch_size=BATCH_SIZE)  # each file is saved to MEDIA_ROOT on the way
    return photos


def add_cover(event):
    """The event's cover (the stage with its banner), validated as an upload; stored when the event is created."""
    data = pictures.picture(event.title, "stage", event.slug)
    event.cover_image = ContentFile(data, name=f"mau-{event.starts_at:%Y%m%d}.jpg")
    event.cover_alt = history_texts.COVER_ALT
    event.full_clean(validate_unique=False, validate_constraints=False)


def store_rounds(rounds):
    """The decisions (by authority, number and day) and their honours (by decision, form and recipient)."""
    decisions = [r.decision for r in rounds]
    stored = Decision.objects.filter(is_sample=True, number__in={d.number for d in decisions})
    created = store(
        Decision,
        decisions,
        lambda d: (d.authority.pk, d.number, d.signed_on),
        stored.values_list("authority_id", "number", "signed_on", "pk"),
    )
    honours = [h for r in rounds for h in r.honours]
    stored_honours = Honour.objects.filter(decision_id__in=[d.pk for d in decisions]).values_list(
        "decision_id", "form_id", "organization_id", "person_id", "pk"
    )
    new_honours = store(Honour, honours, honour_key, stored_honours)
    return len(created), len(new_honours)


def honour_key(honour):
    organization, person = honour.organization, honour.person  # None, without a query, when not set
    return honour.decision.pk, honour.form.pk, getattr(organization, "pk", None), getattr(person, "pk", None)
