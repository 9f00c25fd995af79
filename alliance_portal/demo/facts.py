"""load_facts(): the alliance, its names and congresses, and the ceremony of 31/7/2020 as the press report tells them.

Every row is found by a natural key (get_or_create) before it is created, so loading twice changes nothing. The
report names none of the honoured units and people, nor any decision: demo/honours.py adds those as marked samples.
"""

from django.db import transaction

from events.models import Alliance, AllianceName, Congress, Event, Participant, ProgrammeItem, Speech
from members.models import Organization, Person, Sector

from . import report
from .honours import load_honours


@transaction.atomic
def load_facts():
    """Load the report's facts (and the marked sample recipients). Idempotent. Returns the ceremony Event."""
    load_alliance()
    organizations = load_members()
    people = load_people(organizations)
    event = load_ceremony(organizations.values())
    load_programme(event, people)
    load_honours(event)
    return event


def load_alliance():
    """The alliance, its founding and present names, and its five congresses (the report gives no dates)."""
    alliance, _created = Alliance.objects.get_or_create(
        founded_on=report.FOUNDED_ON,
        defaults={
            "name": report.ALLIANCE_NAME,
            "short_name": report.ALLIANCE_SHORT_NAME,
            "name_en": report.ALLIANCE_NAME_EN,
            "founding_authority": report.FOUNDING_AUTHORITY,
            "founding_decision": report.FOUNDING_DECISION,
            "founding_name": report.FOUNDING_NAME,
            "mandate": report.MANDATE,
            "description": report.ALLIANCE_DESCRIPTION,
        },
    )
    AllianceName.objects.get_or_create(
        alliance=alliance,
        name=report.FOUNDING_NAME,
        defaults={"valid_from": report.FOUNDED_ON, "order": 1, "note": report.FOUNDING_NAME_NOTE},
    )
    AllianceName.objects.get_or_create(
        alliance=alliance,
        name=report.ALLIANCE_NAME,
        defaults={"short_name": report.ALLIANCE_SHORT_NAME, "order": 9, "note": report.CURRENT_NAME_NOTE},
    )
    for number in range(1, report.CONGRESSES + 1):
        Congress.objects.get_or_create(alliance=alliance, number=number, defaults={"summary": report.CONGRESS_SUMMARY})
    return alliance


def load_members():
    """The two member organizations the report names, by name."""
    organizations = {}
    for member in report.MEMBERS:
        organization, _created = Organization.objects.get_or_create(
            name=member.name,
            is_sample=False,
            defaults={
                "kind": member.kind,
                "legal_form": member.legal_form,
                "representative_name": member.representative_name,
                "representative_title": member.representative_title,
                "description": member.description,
            },
        )
        if member.sector and not organization.sectors.exists():
            organization.sectors.add(Sector.objects.get(name=member.sector))
        organizations[member.name] = organization
    return organizations


def load_people(organizations):
    """The five people the report names, with their positions as reported; returns them by name."""
    people = {}
    for figure in report.PEOPLE:
        people[figure.full_name], _created = Person.objects.get_or_create(
            full_name=figure.full_name,
            is_sample=False,
            defaults={
                "position": figure.position,
                "affiliation": figure.affiliation,
                "organization": organizations.get(figure.organization),
                # Public figures named in a published press report; the date is that of the report.
                "public_consent": True,
                "consent_recorded_on": report.CEREMONY_DAY,
                "is_published": True,
            },
        )
    return people


def load_ceremony(organizations):
    """The anniversary ceremony, with the member organizations that spoke there."""
    event, _created = Event.objects.get_or_create(
        slug=report.EVENT_SLUG,
        defaults={
            "kind": Event.Kind.ANNIVERSARY,
            "title": report.EVENT_TITLE,
            "starts_at": report.CEREMONY_STARTS_AT,
            "celebrates_on": report.FOUNDED_ON,
            "organizer": report.ALLIANCE_SHORT_NAME,
            "summary": report.EVENT_SUMMARY,
            "body": report.EVENT_BODY,
            "source_name": report.SOURCE_NAME,
            "source_url": report.SOURCE_URL,
            "is_published": True,
        },
    )
    if not event.organizations.exists():
        event.organizations.add(*organizations)
    return event


def load_programme(event, people):
    """Who took part in what role, the four speeches and the programme, in the report's order."""
    order = 0
    for figure in report.PEOPLE:
        for role in figure.roles:
            order += 1
            Participant.objects.get_or_create(
                event=event,
                person=people[figure.full_name],
                role=role,
                defaults={"position": figure.position, "order": order},
            )
    for order, (speaker, title, summary) in enumerate(report.SPEECHES, start=1):
        Speech.objects.get_or_create(
            event=event, speaker=people[speaker], defaults={"title": title, "summary": summary, "order": order}
        )
    for order, (title, speaker) in enumerate(report.PROGRAMME, start=1):
        ProgrammeItem.objects.get_or_create(
            event=event, title=title, defaults={"speaker": people.get(speaker), "order": order, "starts_at": None}
        )
