"""The awards app: honours, the decisions that confer them, their forms and authorities."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Honours")

    def ready(self):
        # members and events stand below awards and never import it: awards adds its sections to their pages and
        # tells members what it keeps about a person (core.parts, members.privacy).
        from core.parts import page_parts
        from members.privacy import person_records

        from . import privacy, sections
        from .models import Honour

        page_parts.register("member-detail", sections.member_honours_section)
        page_parts.register("event-detail", sections.event_honours_section)
        person_records.register(Honour, privacy.HonourRecords)
