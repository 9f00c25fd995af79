"""The dashboard at a glance: the key figures of today, what needs the staff's attention, the years that have records.

One aggregate query per table (members, honours, events, decisions): four queries whatever the size of the
register, computed once per data version and day (see DashboardView). Unpublished records count here as
everywhere on the dashboard: a total includes them, and `*_public` says how many of them the public pages show.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from awards.models import Decision, Honour
from events.models import Event
from members.models import Organization

from .figures import PUBLIC_HONOUR, PUBLIC_ORGANIZATION
from .figures.base import dated_within

# The kinds of event at which honours are usually presented: one of these in the past with none recorded is worth a
# look (the honours may not have been entered yet). Trainings and trade fairs rarely present any.
CEREMONY_KINDS = (Event.Kind.ANNIVERSARY, Event.Kind.CONGRESS, Event.Kind.CONFERENCE)

# The default period: the last DEFAULT_SPAN years that have records.
DEFAULT_SPAN = 10


@dataclass
class Glance:
    """What the top of the dashboard shows, as plain numbers (the template words them, in the user's language)."""

    today: datetime.date
    members: int  # active members, published or not
    members_public: int
    joined: int  # joined this year
    joined_public: int
    honours: int  # dated this year (conferred, or else its decision signed, this year)
    honours_public: int
    upcoming: int  # events starting today or later
    upcoming_public: int
    unpublished_members: int
    unpublished_honours: int
    unpublished_decisions: int
    unpublished_events: int
    members_without_area: int
    members_without_sector: int
    ceremonies_without_honours: int  # past anniversaries, congresses and conferences with no honour recorded
    first_year: int | None  # the earliest and latest years with any record (joins, withdrawals, honours, events,
    last_year: int | None  # decisions), None when the register is empty

    @property
    def year(self):
        return self.today.year


def start_of(day):
    """Midnight at the start of `day`, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def compute(today):
    """Every number of the Glance, in four queries."""
    values = {"today": today}
    years = []
    for part in (_members, _honours, _events, _decisions):
        found, part_years = part(today)
        values.update(found)
        years += [year for year in part_years if year is not None]
    return Glance(**values, first_year=min(years, default=None), last_year=max(years, default=None))


def _year(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).year
    return value.year


def _members(today):
    active = Q(status=Organization.Status.ACTIVE)
    joined = Q(joined_on__range=(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)))
    withdrawn = Q(status=Organization.Status.WITHDRAWN)
    sector = Organization.sectors.through.objects.filter(organization=OuterRef("pk"))
    row = Organization.objects.aggregate(
        members=Count("pk", filter=active),
        members_public=Count("pk", filter=active & PUBLIC_ORGANIZATION),
        joined=Count("pk", filter=joined),
        joined_public=Count("pk", filter=joined & PUBLIC_ORGANIZATION),
        unpublished_members=Count("pk", filter=~PUBLIC_ORGANIZATION),
        members_without_area=Count("pk", filter=Q(area__isnull=True)),
        members_without_sector=Count("pk", filter=~Exists(sector)),
        first_join=Min("joined_on"),
        last_join=Max("joined_on"),
        first_withdrawal=Min("status_changed_on", filter=withdrawn),
        last_withdrawal=Max("status_changed_on", filter=withdrawn),
    )
    dates = [row.pop(key) for key in ("first_join", "last_join", "first_withdrawal", "last_withdrawal")]
    return row, [_year(day) for day in dates]


def _honours(today):
    """This year's honours by the dashboard's own rule (figures.honours: conferred this year, or else signed this
    year), how many of them the public sees, the unpublished, and the first and last dates conferred."""
    this_year = dated_within(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31))
    row = Honour.objects.aggregate(
        honours=Count("pk", filter=this_year),
        honours_public=Count("pk", filter=this_year & PUBLIC_HONOUR),
        unpublished_honours=Count("pk", filter=Q(is_published=False)),
        first=Min("conferred_on"),
        last=Max("conferred_on"),
    )
    # An honour without a date of its own counts in its decision's year: the decisions' dates are in _decisions.
    first, last = row.pop("first"), row.pop("last")
    return row, [_year(first), _year(last)]


def _events(today):
    since = start_of(today)
    upcoming = Q(starts_at__gte=since)
    published = Q(is_published=True)
    no_honours = ~Exists(Honour.objects.filter(event=OuterRef("pk")))
    row = Event.objects.aggregate(
        upcoming=Count("pk", filter=upcoming),
        upcoming_public=Count("pk", filter=upcoming & published),
        unpublished_events=Count("pk", filter=~published),
        ceremonies_without_honours=Count("pk", filter=Q(kind__in=CEREMONY_KINDS, starts_at__lt=since) & no_honours),
        first=Min("starts_at"),
        last=Max("starts_at"),
    )
    first, last = row.pop("first"), row.pop("last")
    return row, [_year(first), _year(last)]


def _decisions(today):
    row = Decision.objects.aggregate(
        unpublished_decisions=Count("pk", filter=Q(is_published=False)),
        first=Min("signed_on"),
        last=Max("signed_on"),
    )
    first, last = row.pop("first"), row.pop("last")
    return row, [_year(first), _year(last)]


def default_years(first_year, last_year, this_year, earliest, latest, span=DEFAULT_SPAN):
    """The period the dashboard opens on: the last `span` years that have records, or all of them when fewer.

    `first_year` and `last_year` are the earliest and latest years with a record (None when there is none); the
    result stays within the years the period form accepts (`earliest` to `latest`). With no record at all: the last
    `span` years up to this year.
    """
    if first_year is None or last_year is None:
        first_year, last_year = this_year - span + 1, this_year
    last_year = min(max(last_year, earliest), latest)
    first_year = min(max(first_year, last_year - span + 1, earliest), last_year)
    return first_year, last_year


# --- what the template shows: each number with its words and the list that shows its records ------------------------


def _admin_list(model, **params):
    """The admin list of `model` filtered by `params` (Django admin's own lookups, so its count is ours)."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def key_figures(glance):
    """The four numbers at the top: members now, joined this year, honours this year, upcoming events."""
    year = glance.year
    this_year = urlencode({"year_from": year, "year_to": year})
    return [
        {
            "key": "members",
            "label": _("Members now"),
            "value": glance.members,
            "hidden": glance.members - glance.members_public,
            "detail": _("active members"),
            "url": _admin_list(Organization, status__exact=Organization.Status.ACTIVE),
        },
        {
            "key": "joined",
            "label": _("Joined in %(year)s") % {"year": year},
            "value": glance.joined,
            "hidden": glance.joined - glance.joined_public,
            "detail": _("new members this year"),
            "url": _admin_list(Organization, joined_on_period=year),
        },
        {
            "key": "honours",
            "label": _("Honours in %(year)s") % {"year": year},
            "value": glance.honours,
            "hidden": glance.honours - glance.honours_public,
            "detail": _("conferred this year"),
            "url": f"{reverse('dashboard')}?{this_year}#section-honours",
        },
        {
            "key": "upcoming",
            "label": _("Upcoming events"),
            "value": glance.upcoming,
            "hidden": glance.upcoming - glance.upcoming_public,
            "detail": _("from today on"),
            "url": _admin_list(Event, starts_at__gte=start_of(glance.today).isoformat()),
        },
    ]


def attention(glance):
    """What staff may want to act on, each with the admin list that shows exactly those records."""
    before_today = start_of(glance.today).isoformat()
    unpublished = {"is_published__exact": 0}
    items = [
        ("unpublished-members", glance.unpublished_members, _("Members not published"), Organization, unpublished),
        ("unpublished-honours", glance.unpublished_honours, _("Honours not published"), Honour, unpublished),
        ("unpublished-decisions", glance.unpublished_decisions, _("Decisions not published"), Decision, unpublished),
        ("unpublished-events", glance.unpublished_events, _("Events not published"), Event, unpublished),
    ]
    items += [
        (
            "members-without-area",
            glance.members_without_area,
            _("Members without an administrative unit"),
            Organization,
            {"area__isnull": "True"},
        ),
        (
            "members-without-sector",
            glance.members_without_sector,
            _("Members without a sector"),
            Organization,
            {"sectors__isnull": "True"},
        ),
        (
            "ceremonies-without-honours",
            glance.ceremonies_without_honours,
            _("Past anniversaries, congresses and conferences with no honours recorded"),
            Event,
            {"kind__in": ",".join(CEREMONY_KINDS), "starts_at__lt": before_today, "honours__isnull": "True"},
        ),
    ]
    found = [
        {"key": key, "value": count, "label": label, "url": _admin_list(model, **params)}
        for key, count, label, model, params in items
    ]
    return sorted(found, key=lambda item: not item["value"])  # what is waiting first, in this order
