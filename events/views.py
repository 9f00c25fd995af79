"""Public event pages: the list, an event as its ceremony report reads, its calendar file."""

from itertools import groupby

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, ListView

from core.cache import versioned
from core.images import thumbnail_url
from core.links import url_maker

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


# What the honours summary groups by and reads (the keys of HonourQuerySet.summary() rows that summary_sentence uses).
SUMMARY_COLUMNS = (
    "authority_id",
    "authority__name",
    "authority__name_en",
    "form_id",
    "form__name",
    "form__name_en",
    "form__category",
    "inscription",
)
# The columns of an honour the event page shows (HonourQuerySet.in_ceremony_order() rows, read as dicts).
HONOUR_COLUMNS = SUMMARY_COLUMNS + (
    "person_id",
    "person__full_name",
    "person__position",
    "organization_id",
    "organization__name",
    "organization__slug",
    "recipient_name",
    "citation",
    "is_sample",
    "decision_id",
    "decision__number",
    "decision__signed_on",
)


# What a URL converter for slugs or numbers takes as it is: such a value goes into the URL unchanged, unquoted.
def honour_groups(honours):
    """The honours of a ceremony as the report reads them, from one query: `(summary, groups, count)`.

    `summary`: one row per authority, form and inscription, in the authorities' order, then the forms' order, with
    the keys `summary_sentence` reads (the same as `HonourQuerySet.summary()` rows) and the sentence itself.
    `groups`: the same groups, each with the heading's names in the current language and its recipients, in the
    order announced, as plain rows: name, link, position, sample flag, inscription, citation and decision.
    """
    english = _english()
    organization_url = url_maker("members:organization-detail", "slug", "organization-slug")
    decision_url = url_maker("awards:decision-detail", "pk", 2147483647)
    # Decision through the relation: events stands below awards and does not import it (docs/data-model.md).
    decision_model = honours.model.decision.field.related_model
    decisions = {}  # a decision's label (its __str__) and link, made once for its dozens of recipients
    groups = {}
    count = 0
    for honour in honours.in_ceremony_order().values(*HONOUR_COLUMNS):
        count += 1
        key = (honour["authority_id"], honour["form_id"], honour["inscription"])
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                "row": {name: honour[name] for name in SUMMARY_COLUMNS}
                | {"collectives": 0, "individuals": 0, "only_name": honour["recipient_name"]},
                "authority_shown": english and honour["authority__name_en"] or honour["authority__name"],
                "form_shown": english and honour["form__name_en"] or honour["form__name"],
                "honours": [],
            }
        row = {
            "is_sample": honour["is_sample"],
            "inscription": honour["inscription"],
            "citation": honour["citation"],
            "position": "",
            "url": "",
            "decision": None,
        }
        if honour["person_id"]:
            group["row"]["individuals"] += 1
            row["name"] = honour["person__full_name"]
            row["position"] = honour["person__position"]
        else:
            group["row"]["collectives"] += 1
            if honour["organization_id"]:
                row["name"] = honour["organization__name"]
                row["url"] = organization_url(honour["organization__slug"])
            else:
                row["name"] = honour["recipient_name"]
        if honour["decision_id"]:
            decision = decisions.get(honour["decision_id"])
            if decision is None:
                decision = decisions[honour["decision_id"]] = {
                    "label": str(
                        decision_model(
                            pk=honour["decision_id"],
                            number=honour["decision__number"],
                            signed_on=honour["decision__signed_on"],
                        )
                    ),
                    "url": decision_url(honour["decision_id"]),
                }
            row["decision"] = decision
        group["honours"].append(row)
    summary = []
    for group in groups.values():
        row = group.pop("row")
        if len(group["honours"]) > 1:
            row["only_name"] = ""  # summary_sentence names the recipient only when it is the only one
        row["sentence"] = summary_sentence(row)
        summary.append(row)
    return summary, list(groups.values()), count


def _honours_section(honours):
    """The event page's "Honours presented" section as HTML, and how many honours it lists."""
    summary, groups, count = honour_groups(honours)
    html = render_to_string(  # a SafeString: the template engine escaped every value
        "events/includes/event_honours.html",
        {"honour_summary": summary, "honour_groups": groups, "honour_count": count},
    )
    return html, count


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
    """An event as the ceremony report reads: programme, guests, speeches, photos, the honours summary and list.

    A fixed number of queries however many guests, speeches, photos and honours: the honours are read once, as plain
    rows with only the columns the page shows, and both the summary and the list of recipients are made from them.
    Only people who are published and have consented appear; honours are reached through `event.honours`.
    """

    def get_queryset(self):
        return Event.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        # Everything on the page but the event itself is read, worded and (for the honours) rendered once per data
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
    honours_html, honour_count = _honours_section(event.honours.published())
    return {
        "programme": programme,
        "guests": guests,
        "speeches": speeches,
        "photos": photos,
        "cover_url": cover_url,
        # What a link shared on social media shows: the cover, else the first photo.
        "share_image_url": cover_url or (photos[0]["large"] if photos else ""),
        "honours_html": honours_html,
        "honour_count": honour_count,
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
