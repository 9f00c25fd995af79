"""What awards keeps about a person, for members.privacy: the honours conferred on them (registered in ready())."""

from members.privacy import PersonRecords


class HonourRecords(PersonRecords):
    """A person's honours: exported, and kept (attached to the anonymised person) when the person is erased."""

    export_key = "honours"
    person_field = "person"
    related = ("form", "authority", "decision", "event")
    kept = True
    text_fields = ("citation", "inscription")

    def export(self, record):
        return {
            "id": record.pk,
            "form": record.form.name,
            "authority": record.authority.name,
            "decision": str(record.decision) if record.decision_id else "",
            "decision_id": record.decision_id,
            "conferred_on": record.conferred_on,
            "achievement_year": record.achievement_year,
            "citation": record.citation,
            "event": record.event.title if record.event_id else "",
            "is_published": record.is_published,
        }
