"""The events app: anniversaries, congresses and conferences with programme, guests, speeches and photos."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # members stands below events and never imports it: events tells members what it keeps about a person.
        from members.privacy import person_records

        from . import privacy
        from .models import Event, Participant, ProgrammeItem, Speech

        person_records.register(Event, privacy.EventText)
        person_records.register(Participant, privacy.ParticipantRecords)
        person_records.register(Speech, privacy.SpeechRecords)
        person_records.register(ProgrammeItem, privacy.ProgrammeItemRecords)
