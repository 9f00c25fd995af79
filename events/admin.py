"""Admin for events (with their programme, participants, speeches and photos) and the alliance's own history.

Apps above events may add inlines to the event page through core.admin_base.extra_inlines; they follow the event's own.
"""

import calendar

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import text
from core.admin_base import (
    CompactTabularMixin,
    FoldedSearchMixin,
    PortalInlineMixin,
    PortalModelAdmin,
    publish,
    unpublish,
)
from core.admin_history import PortalHistoryAdmin
from core.admin_locking import VersionLockingMixin

from .models import Alliance, AllianceName, Congress, Event, Participant, Photo, ProgrammeItem, Speech


def _next_year(value):
    """The same day one year later (28 February for 29 February)."""
    if value is None:
        return None
    year = value.year + 1
    day = min(value.day, calendar.monthrange(year, value.month)[1])
    return value.replace(year=year, day=day)


@transaction.atomic
def copy_event(event, user=None):
    """A copy of `event` one year later, unpublished, with its programme but not its photos, honours, participants
    or speeches: the start of next year's anniversary."""
    starts_local = timezone.localtime(event.starts_at)
    new = Event(
        kind=event.kind,
        title=_("%(title)s (copy)") % {"title": event.title},
        starts_at=_next_year(starts_local),
        ends_at=_next_year(timezone.localtime(event.ends_at)) if event.ends_at else None,
        venue=event.venue,
        organizer=event.organizer,
        celebrates_on=event.celebrates_on,
        summary=event.summary,
        is_published=False,
    )
    new.title = str(new.title)[: Event._meta.get_field("title").max_length]
    new.slug = text.unique_slug(new, new.title)
    if user is not None:
        new._history_user = user
    new.save()
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(
            event=new, starts_at=item.starts_at, title=item.title, speaker_id=item.speaker_id, order=item.order
        )
        for item in event.programme.all()
    )
    return new


@admin.action(description=_("Copy for next year (programme only, unpublished)"), permissions=["add"])
def copy_for_next_year(modeladmin, request, queryset):
    copies = [copy_event(event, request.user) for event in queryset.order_by("starts_at", "pk")]
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d event was copied; the copy is unpublished and has the programme only.",
            "%(count)d events were copied; the copies are unpublished and have the programme only.",
            len(copies),
        )
        % {"count": len(copies)},
        messages.SUCCESS,
    )
    if len(copies) == 1:
        return HttpResponseRedirect(reverse("admin:events_event_change", args=[copies[0].pk]))
    return None


class ProgrammeItemInline(CompactTabularMixin, PortalInlineMixin, admin.TabularInline):
    model = ProgrammeItem
    fields = ["order", "starts_at", "title", "speaker"]
    autocomplete_fields = ["speaker"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


class ParticipantInline(CompactTabularMixin, PortalInlineMixin, admin.TabularInline):
    model = Participant
    fields = ["order", "person", "role", "position"]
    autocomplete_fields = ["person"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class SpeechInline(PortalInlineMixin, admin.StackedInline):
    model = Speech
    fields = ["order", "speaker", "title", "summary"]
    autocomplete_fields = ["speaker"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


class PhotoInline(CompactTabularMixin, PortalInlineMixin, admin.TabularInline):
    model = Photo
    fields = ["order", "image", "caption"]
    extra = 0


@admin.register(Event)
class EventAdmin(VersionLockingMixin, PortalHistoryAdmin):
    list_display = ["title", "kind", "starts_at", "venue", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "venue", "organizer"]
    search_help_text = _("Search by title, venue or organizer; diacritics are optional.")
    date_hierarchy = "starts_at"
    ordering = ["-starts_at", "-pk"]
    list_select_related = []
    show_full_result_count = False
    autocomplete_fields = ["organizations"]
    actions = [publish, unpublish, copy_for_next_year]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ProgrammeItemInline, ParticipantInline, SpeechInline, PhotoInline]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "starts_at", "ends_at", "celebrates_on", "venue", "organizer"]}),
        (
            _("Report and source"),
            {"fields": ["summary", "body", "cover_image", "cover_alt", "source_name", "source_url"]},
        ),
        (_("Members taking part"), {"fields": ["organizations"]}),
        (_("Publication"), {"fields": ["is_published", "created_at", "updated_at"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        return FoldedSearchMixin.get_search_results(self, request, queryset, search_term)


class AllianceNameInline(CompactTabularMixin, PortalInlineMixin, admin.TabularInline):
    model = AllianceName
    fields = ["name", "short_name", "valid_from", "valid_to"]
    extra = 0


class CongressInline(CompactTabularMixin, PortalInlineMixin, admin.TabularInline):
    model = Congress
    fields = ["number", "held_on", "term", "event", "summary"]
    autocomplete_fields = ["event"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")


@admin.register(Alliance)
class AllianceAdmin(PortalModelAdmin):
    list_display = ["name", "short_name", "founded_on"]
    search_fields = ["name", "short_name"]
    inlines = [AllianceNameInline, CongressInline]


@admin.register(AllianceName)
class AllianceNameAdmin(PortalModelAdmin):
    list_display = ["name", "short_name", "valid_from", "valid_to", "alliance"]
    list_select_related = ["alliance"]
    search_fields = ["name", "short_name"]
    ordering = ["valid_from"]


@admin.register(Congress)
class CongressAdmin(PortalModelAdmin):
    list_display = ["__str__", "held_on", "term", "event", "alliance"]
    list_select_related = ["alliance", "event"]
    autocomplete_fields = ["event"]
    ordering = ["number"]


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(PortalModelAdmin):
    list_display = ["title", "starts_at", "event", "speaker", "order"]
    list_select_related = ["event", "speaker"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event", "speaker"]
    ordering = ["-event__starts_at", "order", "pk"]
    show_full_result_count = False


@admin.register(Participant)
class ParticipantAdmin(PortalModelAdmin):
    list_display = ["person", "role", "event", "order"]
    list_filter = ["role"]
    list_select_related = ["event", "person"]
    search_fields = ["person__full_name", "event__title"]
    autocomplete_fields = ["event", "person"]
    ordering = ["-event__starts_at", "order", "pk"]
    show_full_result_count = False


@admin.register(Speech)
class SpeechAdmin(PortalModelAdmin):
    list_display = ["__str__", "speaker", "event", "order"]
    list_select_related = ["event", "speaker"]
    search_fields = ["title", "speaker__full_name", "event__title"]
    autocomplete_fields = ["event", "speaker"]
    ordering = ["-event__starts_at", "order", "pk"]
    show_full_result_count = False


@admin.register(Photo)
class PhotoAdmin(PortalModelAdmin):
    list_display = ["caption", "event", "order"]
    list_select_related = ["event"]
    search_fields = ["caption", "event__title"]
    autocomplete_fields = ["event"]
    ordering = ["-event__starts_at", "order", "pk"]
    show_full_result_count = False
