"""The sample history's events from 1996 to 2027, drawn in memory: review conferences, anniversaries, congresses,
trainings and fairs, each with its programme, guests of honour, speeches and the members taking part.

Events are found again by their slugs. Their pictures are only named here (which scene, which caption): load_history()
draws them (demo/pictures.py) for the events and photos it creates, not for those already stored.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from core import text
from events.models import Event, Participant, ProgrammeItem, Speech
from members.models import Person

from . import history_texts as words
from . import report
from .history_members import HISTORY_TODAY
from .synthetic import random_date

K = Event.Kind
R = Participant.Role
START_HOUR = 8
HOURS = {K.TRADE_PROMOTION: 3 * 24 + 9, K.CONGRESS: 8}  # how long an event lasts; 3 hours otherwise
TAKING_PART = (6, 14)  # how many members take part in an event


@dataclass
class Occasion:
    """One sample event (unsaved) with the rows that hang from it, and the pictures it is to get."""

    event: Event
    honours: bool = False
    participants: list = field(default_factory=list)
    programme: list = field(default_factory=list)
    speeches: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    photos: list = field(default_factory=list)  # (order, scene, caption)

    @property
    def day(self):
        return timezone.localtime(self.event.starts_at).date()

    @property
    def is_past(self):
        return self.day <= HISTORY_TODAY

    @property
    def has_pictures(self):
        return self.is_past and self.event.is_published


def draw_officials():
    """The alliance's officials and the guests of honour (unsaved people): invented holders of real offices."""
    return [official(*row) for row in words.HOSTS], [official(*row) for row in words.GUESTS]


def official(full_name, position, affiliation):
    person = Person(
        full_name=words.marked(full_name),
        position=position,
        affiliation=affiliation,
        public_consent=True,
        consent_recorded_on=words.GUESTS_CONSENT_ON,
        is_published=True,
        is_sample=True,
    )
    person.refresh_derived()
    return person


def draw_events(rng, members, hosts, guests):
    """Every sample event in date order, with its programme, guests, speeches, members and pictures."""
    occasions = []
    slugs = {report.EVENT_SLUG}
    for day, kind, title, published, honours in calendar(rng):
        event = new_event(day, kind, title, published, slugs)
        occasion = Occasion(event, honours=honours)
        people_at(rng, occasion, members, hosts, guests)
        if occasion.has_pictures:
            scenes = ["audience", "presentation", "group"] if honours else ["audience", "group"]
            occasion.photos = [(order, scene, words.PHOTO_CAPTIONS[scene]) for order, scene in enumerate(scenes, 1)]
        occasions.append(occasion)
    return occasions


def calendar(rng):
    """(day, kind, title, published, honours presented) of every sample event, in date order."""
    held = []
    for year in words.REVIEW_YEARS:
        if rng.random() < words.REVIEW_SHARE:
            day = weekday(random_date(rng, datetime.date(year, 1, 8), datetime.date(year, 2, 25)))
            held.append((day, K.CONFERENCE, words.review_title(year), True, True))
    for year in words.ANNIVERSARY_YEARS:
        held.append((datetime.date(year, 7, 31), K.ANNIVERSARY, words.anniversary_title(year), True, True))
    for year in words.CONGRESS_YEARS:
        day = weekday(random_date(rng, datetime.date(year, 9, 1), datetime.date(year, 10, 20)))
        held.append((day, K.CONGRESS, words.congress_title(year), True, False))
    for kind, listed in ((K.TRAINING, words.TRAININGS), (K.TRADE_PROMOTION, words.FAIRS), (K.CONFERENCE, words.FORUMS)):
        for year, title in listed:
            day = weekday(random_date(rng, datetime.date(year, 3, 1), min(datetime.date(year, 11, 30), HISTORY_TODAY)))
            held.append((day, kind, title, True, False))
    for year, kind, title in words.DRAFTS:
        day = weekday(random_date(rng, datetime.date(year, 3, 1), datetime.date(year, 11, 30)))
        held.append((day, kind, title, False, False))
    for day, kind, title in words.UPCOMING:
        held.append((day, kind, title, True, False))
    return sorted(held, key=lambda row: (row[0], row[2]))


def weekday(day):
    """The day, or the Monday after when it falls on a weekend."""
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def new_event(day, kind, title, published, slugs):
    """The unsaved event, its slug unique among the history's and the ceremony's."""
    shown = words.marked(title)
    slug = base = text.vi_slugify(shown)[:100].strip("-")
    n = 1
    while slug in slugs:
        n += 1
        slug = f"{base}-{n}"
    slugs.add(slug)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(START_HOUR)))
    summary = f"{words.SUMMARIES[kind]} {words.SAMPLE_NOTE}"
    event = Event(
        kind=kind,
        title=shown,
        slug=slug,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=HOURS.get(kind, 3)),
        venue=words.VENUES[len(slugs) % len(words.VENUES)],
        organizer=report.ALLIANCE_SHORT_NAME,
        celebrates_on=report.FOUNDED_ON if kind == K.ANNIVERSARY else None,
        summary=summary,
        is_published=published,
    )
    if kind == K.TRADE_PROMOTION:
        event.venue = words.FAIR_VENUES[len(slugs) % len(words.FAIR_VENUES)]
    event.refresh_derived()  # the slug is set: no query
    return event


def people_at(rng, occasion, members, hosts, guests):
    """The members taking part, the guests of honour, the programme and (once held) the speeches."""
    event, day = occasion.event, occasion.day
    present = [m for m in members if m.is_member_on(min(day, HISTORY_TODAY))]
    taking_part = rng.sample(present, min(len(present), rng.randint(*TAKING_PART)))
    occasion.organizations = [m.organization for m in taking_part]
    event.body = words.BODY.format(summary=words.SUMMARIES[event.kind], members=len(taking_part))
    invited = rng.sample(guests, rng.randint(2, 3))
    public = [p for m in taking_part for p in m.people if p.is_published and p.public_consent]
    speakers = {"host": rng.choice(hosts), "guest": invited[0], "member": rng.choice(public) if public else None}
    roles = [(person, R.GUEST_OF_HONOUR) for person in invited]
    if occasion.honours:
        roles.append((invited[0], R.PRESENTER))
    occasion.programme = programme(occasion, speakers)
    roles += [(item.speaker, R.SPEAKER) for item in occasion.programme if item.speaker is not None]
    if occasion.is_past:
        for order, who in enumerate(("guest", "member"), start=1):
            if speakers[who] is not None:
                title, summary = rng.choice(words.SPEECHES[who])
                occasion.speeches.append(
                    Speech(event=event, speaker=speakers[who], title=title, summary=summary, order=order)
                )
    unique = {(id(person), role): (person, role) for person, role in roles}  # unsaved people are not hashable
    occasion.participants = [
        Participant(event=event, person=person, role=role, order=order)
        for order, (person, role) in enumerate(unique.values(), start=1)
    ]


def programme(occasion, speakers):
    """The programme's items in time order: opening, the kind's items, the honours when any, the closing."""
    items = words.OPENING + words.PROGRAMMES[occasion.event.kind] + ([words.HONOURS_ITEM] if occasion.honours else [])
    rows = []
    for order, (at, title, who) in enumerate(sorted(items + words.CLOSING), start=1):
        hour, minute = map(int, at.split(":"))
        rows.append(
            ProgrammeItem(
                event=occasion.event,
                starts_at=datetime.time(hour, minute),
                title=title,
                speaker=speakers.get(who),
                order=order,
            )
        )
    return rows
