"""Public event pages: the list, an event as its ceremony report reads, its calendar file."""

from itertools import groupby

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, ListView

from . import calendar
from .models import Event, Participant


def _english():
    return not (translation.get_language() or settings.LANGUAGE_CODE).startswith("vi")


def _pluralize_en(name):
    """English plural of a form of honour's name: the head noun takes the "s" (Certificates of merit)."""
    head, sep, rest = name, "", ""
    found = [(name.find(marker), marker) for marker in (" of ", " “", ' "', " (") if marker in name]
    if found:
        index, sep = min(found)
        head, rest = name[:index], name[index + len(sep) :]
    if head.endswith(("s", "x", "ch", "sh")):
        head += "es"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        head = head[:-1] + "ies"
    else:
        head += "s"
    return f"{head}{sep}{rest}"


def count_phrase(collectives, individuals, only_name=""):
    """ "03 tập thể và 06 cá nhân" / "03 collectives and 06 individuals": counts written with two digits."""
    if collectives == 1 and not individuals and only_name:
        return only_name
    parts = []
    if collectives:
        parts.append(
            ngettext("%(count)s collective", "%(count)s collectives", collectives) % {"count": f"{collectives:02d}"}
        )
    if individuals:
        parts.append(
            ngettext("%(count)s individual", "%(count)s individuals", individuals) % {"count": f"{individuals:02d}"}
        )
    if len(parts) == 2:
        return _("%(collectives)s and %(individuals)s") % {"collectives": parts[0], "individuals": parts[1]}
    return parts[0] if parts else ""


def summary_sentence(row):
    """One line of the honours summary from a `HonourQuerySet.summary()` row, in the current language.

    "Chủ tịch UBND thành phố Hải Phòng tặng Bằng khen cho 03 tập thể và 06 cá nhân";
    "The Chairman of the Hải Phòng People's Committee awarded Certificates of merit to 03 collectives and 06 individuals".
    """
    total = row["collectives"] + row["individuals"]
    english = _english()
    authority = row["authority__name"]
    form = row["form__name"]
    if english and row["authority__name_en"]:
        authority = f"The {row['authority__name_en']}"
    if english and row["form__name_en"]:
        form = row["form__name_en"]
        if row["form__category"] != "title":
            if total > 1:
                form = _pluralize_en(form)
            else:
                form = f"{'an' if form[:1].lower() in 'aeiou' else 'a'} {form}"
    values = {
        "authority": authority,
        "form": form,
        "recipients": count_phrase(row["collectives"], row["individuals"], row.get("only_name") or ""),
        "inscription": f"“{row['inscription']}”",
    }
    if row["form__category"] == "title":
        return _("%(authority)s conferred the title of %(form)s on %(recipients)s") % values
    if row["inscription"]:
        return _("%(authority)s awarded %(form)s inscribed %(inscription)s to %(recipients)s") % values
    return _("%(authority)s awarded %(form)s to %(recipients)s") % values


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
            upcoming = list(upcoming_events[: self.upcoming_limit + 1])
            upcoming_count = len(upcoming)
            if upcoming_count > self.upcoming_limit:  # only then is the count worth a query
                upcoming = upcoming[: self.upcoming_limit]
                upcoming_count = upcoming_events.count()
        context["upcoming"] = upcoming
        context["upcoming_count"] = upcoming_count
        context["breadcrumbs"] = [(_("Events"), None)]
        context["past_by_year"] = [
            (year, list(events)) for year, events in groupby(context["object_list"], key=lambda e: e.start_date.year)
        ]
        return context


class EventDetailView(DetailView):
    """An event as the ceremony report reads: programme, guests, speeches, photos, the honours summary and list.

    A fixed number of queries however many guests, speeches, photos and honours: the summary is one aggregate query.
    Only people who are published and have consented appear; honours are reached through `event.honours`.
    """

    def get_queryset(self):
        return Event.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        honours = event.honours.published()
        summary = list(honours.summary())
        for row in summary:
            row["sentence"] = summary_sentence(row)
        recipients = list(
            honours.select_related("authority", "form", "organization", "person", "decision").in_ceremony_order()
        )
        groups = []
        for _key, items in groupby(recipients, key=lambda h: (h.authority_id, h.form_id, h.inscription)):
            items = list(items)
            groups.append({"authority": items[0].authority, "form": items[0].form, "honours": items})
        context.update(
            programme=event.programme.select_related("speaker"),
            guests=event.participants.public()
            .filter(role=Participant.Role.GUEST_OF_HONOUR)
            .select_related("person", "person__organization"),
            speeches=event.speeches.public().select_related("speaker"),
            photos=event.photos.all(),
            honour_summary=summary,
            honour_groups=groups,
            honour_count=len(recipients),
            breadcrumbs=[(_("Events"), reverse("events:event-list")), (event.title, None)],
        )
        return context


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
