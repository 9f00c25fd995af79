"""Public event pages: the list, an event as its ceremony report reads, its calendar file."""

from itertools import groupby

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from core.cache import versioned
from core.images import thumbnail_url
from core.parts import page_parts

from . import calendar
from .models import Event, Participant


class EventListView(ListView):
    """Upcoming events first (on the first page, the next `upcoming_limit` of them with the total when there are
    more), then past events grouped by year, 25 a page."""

    paginate_by = settings.PORTAL_PAGE_SIZE
    upcoming_limit = settings.PORTAL_PAGE_SIZE

    def get_queryset(self):
        return Event.objects.published().past()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        upcoming, upcoming_count = [], 0
        if page.number == 1:
            upcoming_events = Event.objects.published().upcoming()
            upcoming = list(upcoming_events[: self.upcoming_limit])
            # Counted on every first page, however few there are, so the page runs the same queries at every size.
            upcoming_count = upcoming_events.count()
        context["upcoming"] = upcoming
        context["upcoming_count"] = upcoming_count
        context["breadcrumbs"] = [(_("Events"), None)]
        context["past_by_year"] = [
            (year, list(events)) for year, events in groupby(context["object_list"], key=lambda e: e.start_date.year)
        ]
        return context


class EventDetailView(DetailView):
    """An event as the ceremony report reads: programme, guests, speeches, photos, and the parts the apps above
    events add to the page (core.parts: awards adds the honours presented, summary and list).

    A fixed number of queries however many guests, speeches and photos. Only people who are published and have
    consented appear.
    """

    def get_queryset(self):
        return Event.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        # Everything on the page but the event itself is read, worded and (for the parts) rendered once per data
        # version and language: the same for every visitor, and any edit in the portal makes a new version.
        context.update(
            versioned(f"event-page:{event.pk}:{translation.get_language()}", lambda: event_parts(event)),
            breadcrumbs=[(_("Events"), reverse("events:event-list")), (event.title, None)],
        )
        return context


def event_parts(event):
    """What an event's page shows besides the event's own fields, as plain values that can be cached.

    Only published people who have consented appear (the programme's speaker is left out otherwise); photos whose
    file cannot be read are left out; thumbnails' URLs are worked out here, once, not on every request (each costs
    the storage a look-up, a network round trip on object storage).
    """
    programme = [
        {
            "starts_at": item.starts_at,
            "title": item.title,
            "speaker": item.speaker.full_name if item.speaker and item.speaker.is_public else "",
        }
        for item in event.programme.order_by("order", "starts_at", "pk")
        .select_related("speaker")
        .only("event", "starts_at", "title", "speaker__full_name", "speaker__is_published", "speaker__public_consent")
    ]
    guests = [
        {"name": guest.person.full_name, "position": guest.position_shown}
        for guest in event.participants.public()
        .filter(role=Participant.Role.GUEST_OF_HONOUR)
        .order_by("order", "pk")
        .select_related("person")
        .only("event", "position", "person__full_name", "person__position")
    ]
    speeches = [
        {
            "speaker": speech.speaker.full_name,
            "position": speech.speaker.position,
            "title": speech.title,
            "summary": speech.summary,
        }
        for speech in event.speeches.public()
        .order_by("order", "pk")
        .select_related("speaker")
        .only("event", "title", "summary", "speaker__full_name", "speaker__position")
    ]
    photos = []
    for photo in event.photos.order_by("order", "pk").only("event", "image", "caption"):
        thumb = thumbnail_url(photo.image, "md")
        if thumb:
            photos.append(
                {"thumb": thumb, "large": thumbnail_url(photo.image, "lg") or thumb, "caption": photo.caption}
            )
    cover_url = thumbnail_url(event.cover_image, "lg")
    return {
        "programme": programme,
        "guests": guests,
        "speeches": speeches,
        "photos": photos,
        "cover_url": cover_url,
        # What a link shared on social media shows: the cover, else the first photo.
        "share_image_url": cover_url or (photos[0]["large"] if photos else ""),
        "page_parts": page_parts.render("event-detail", event),
    }


class EventCalendarView(View):
    """The event as an iCalendar file (RFC 5545) to add to a calendar app."""

    def get(self, request, slug):
        event = get_object_or_404(Event.objects.published(), slug=slug)
        url = request.build_absolute_uri(event.get_absolute_url())
        description = "\n\n".join(filter(None, [event.summary, url]))
        body = calendar.event_calendar(event, url, request.get_host().split(":")[0], description=description)
        response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
        return response
