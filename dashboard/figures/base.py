"""What every figure shares: the period chosen, the records it counts, the Figure and Chart it returns."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import Honour
from events.models import Event
from members.models import Area, Organization

FIRST_YEAR = 1990  # the alliance was founded on 31/7/1990

# The public honours roll shows what HonourQuerySet.published() returns; this is the same rule as a condition, so a
# single query can count all honours and the public ones side by side. tests/dashboard checks the two agree.
PUBLIC_HONOUR = (
    Q(is_published=True)
    & (Q(decision__isnull=True) | Q(decision__is_published=True))
    & (
        Q(organization__is_published=True)
        | Q(person__is_published=True, person__public_consent=True)
        | (Q(organization__isnull=True) & Q(person__isnull=True))
    )
)
PUBLIC_ORGANIZATION = Q(is_published=True)
PUBLIC_EVENT = Q(is_published=True)


@dataclass
class Period:
    """What the leader chose: a span of years, and optionally one administrative unit and one kind of member."""

    year_from: int
    year_to: int
    area: Area | None = None
    kind: str = ""

    @property
    def start(self):
        return datetime.date(self.year_from, 1, 1)

    @property
    def end(self):
        return datetime.date(self.year_to, 12, 31)

    @property
    def kind_label(self):
        return Organization.Kind(self.kind).label if self.kind else ""

    @property
    def years(self):
        return list(range(self.year_from, self.year_to + 1))

    def as_query(self):
        """The GET parameters that reproduce this period (for CSV links and report links)."""
        query = {"year_from": self.year_from, "year_to": self.year_to}
        if self.area:
            query["area"] = self.area.pk
        if self.kind:
            query["kind"] = self.kind
        return query


@dataclass
class Chart:
    """What a chart draws: one bar (or group of bars) per label, one value per series."""

    labels: list
    series: list  # [(series label, [value per label])]
    stacked: bool = False
    limit: int | None = None  # draw only the first `limit` labels (the table has them all)
    by_year: bool = False  # the labels are the period's years, one per row of the figure (see dashboard.timeline)
    gaps: frozenset = frozenset()  # indexes of labels that stand for a run of years with nothing recorded


@dataclass
class Figure:
    key: str
    title: str
    headers: list
    rows: list
    chart: Chart | None = None
    note: str = ""
    links: list = field(default_factory=list)  # per row: {"page": URL or None, "pdf": URL, "xlsx": URL}
    extra: dict = field(default_factory=dict)


# --- the records each figure counts ----------------------------------------------------------------------------


class Year(ExtractYear):
    """The year of a date column. On SQLite, the built-in strftime() instead of Django's per-row Python function,
    which is several times faster over 100,000 rows; elsewhere exactly ExtractYear. Dates only (no time zone)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS INTEGER)", params


def organizations(period):
    """Member organizations in the chosen area and of the chosen kind (all statuses, published or not)."""
    qs = Organization.objects.all()
    if period.area:
        qs = qs.filter(area=period.area)
    if period.kind:
        qs = qs.filter(kind=period.kind)
    return qs


def honour_date():
    """The date an honour counts for: the day it was conferred, else the day its decision was signed."""
    return Coalesce("conferred_on", "decision__signed_on")


def dated_within(start, end):
    """The condition "the honour's date (see honour_date) falls from `start` to `end`", for filters and counts."""
    return Q(conferred_on__range=(start, end)) | Q(conferred_on__isnull=True, decision__signed_on__range=(start, end))


def honours(period):
    """Honours dated within the period; with an area or kind, only those to such a member or to its people."""
    qs = Honour.objects.filter(dated_within(period.start, period.end))
    if period.area:
        qs = qs.filter(Q(organization__area=period.area) | Q(person__organization__area=period.area))
    if period.kind:
        qs = qs.filter(Q(organization__kind=period.kind) | Q(person__organization__kind=period.kind))
    return qs


def events(period):
    """Events that started within the period (local time); events belong to the whole alliance, not to an area."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime(period.year_from, 1, 1, tzinfo=tz)
    end = datetime.datetime(period.year_to + 1, 1, 1, tzinfo=tz)
    return Event.objects.filter(starts_at__gte=start, starts_at__lt=end)


def total_and_public(public_q, **extra):
    """total and public counts (and any extra conditional counts) for values().annotate()."""
    return {"total": Count("pk"), "public": Count("pk", filter=public_q), **extra}


def public_page(obj):
    """The public page of a published record; None while that page does not exist (yet) or the record is hidden."""
    if not obj.is_published:
        return None
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return None


def unpublished_count(row):
    return row["total"] - row["public"]


def shown_name(name, is_published):
    """A record's name in a figure's table, marked when the public pages do not show the record."""
    return name if is_published else _("%(name)s (unpublished)") % {"name": name}


UNPUBLISHED = _("of which unpublished")
