"""What events keeps about a person, for members.privacy: participations, speeches, programme items, and the free text
of events that may name them (registered in EventsConfig.ready())."""

from members.privacy import PersonRecords


def at_event(record, **fields):
    """An exported record of something at an event: its id, the event's title and id, then `fields`."""
    return {"id": record.pk, "event": record.event.title, "event_id": record.event_id, **fields}


class ParticipantRecords(PersonRecords):
    """The events a person took part in; erasure keeps them and blanks the position they held there."""

    export_key = "participations"
    person_field = "person"
    related = ("event",)
    kept = True

    def export(self, record):
        return at_event(record, starts_at=record.event.starts_at, role=record.role, position=record.position)

    def erase(self, records):
        records.exclude(position="").update(position="")


class SpeechRecords(PersonRecords):
    export_key = "speeches"
    person_field = "speaker"
    related = ("event",)
    kept = True
    text_fields = ("title", "summary")

    def export(self, record):
        return at_event(record, title=record.title, summary=record.summary)


class ProgrammeItemRecords(PersonRecords):
    export_key = "programme_items"
    person_field = "speaker"
    related = ("event",)
    text_fields = ("title",)

    def export(self, record):
        return at_event(record, title=record.title, starts_at=record.starts_at)


class EventText(PersonRecords):
    """An event names people only in its free text."""

    text_fields = ("title", "summary", "body")
