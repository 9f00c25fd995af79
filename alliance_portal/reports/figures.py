"""The leadership's figures: every number is an aggregate computed by the database, never a loop over rows.

Each function takes a `Period` (years, optionally an area and a kind of member) and returns a `Figure`: a title, the
column headers and the rows of its table, and what its chart draws. The dashboard, its CSV downloads and the yearly
summary all read these functions, so the same question always gets the same number.

Unpublished records count here (leadership see everything); each table says how many of its records the public
does not see, so "total minus unpublished" is exactly what the public pages count.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import Decision, Honour
from events.models import Event
from members.models import Area, Organization, Sector

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


def honours(period):
    """Honours dated within the period; with an area or kind, only those to such a member or to its people."""
    start, end = period.start, period.end
    qs = Honour.objects.filter(
        Q(conferred_on__range=(start, end)) | Q(conferred_on__isnull=True, decision__signed_on__range=(start, end))
    )
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


def _counts(public_q, **extra):
    """total and public counts (and any extra conditional counts) for values().annotate()."""
    return {"total": Count("pk"), "public": Count("pk", filter=public_q), **extra}


def _public_page(obj):
    """The public page of a published record; None while that page does not exist (yet) or the record is hidden."""
    if not obj.is_published:
        return None
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return None


def _unpublished(row):
    return row["total"] - row["public"]


UNPUBLISHED = _("of which unpublished")


# --- members -------------------------------------------------------------------------------------------------------


def _by_choice(qs, field_name, choices, title, key):
    found = {row[field_name]: row for row in qs.values(field_name).annotate(**_counts(PUBLIC_ORGANIZATION)).order_by()}
    rows = []
    for value, label in choices:
        row = found.get(value, {"total": 0, "public": 0})
        rows.append([label, row["total"], _unpublished(row)])
    return Figure(
        key=key,
        title=title,
        headers=[_("Kind") if field_name == "kind" else _("Status"), _("Members"), UNPUBLISHED],
        rows=rows,
        chart=Chart(labels=[r[0] for r in rows], series=[(_("Members"), [r[1] for r in rows])]),
        note=_("The register today, whatever the period."),
    )


def members_by_kind(period):
    return _by_choice(organizations(period), "kind", Organization.Kind.choices, _("Members by kind"), "members-by-kind")


def members_by_status(period):
    return _by_choice(
        organizations(period), "status", Organization.Status.choices, _("Members by status"), "members-by-status"
    )


def members_by_sector(period):
    through = Organization.sectors.through
    links = through.objects.all()
    if period.area:
        links = links.filter(organization__area=period.area)
    if period.kind:
        links = links.filter(organization__kind=period.kind)
    # Grouped by the indexed sector_id alone (the database streams the index instead of sorting 100,000 rows);
    # the few sectors' names come from their own small table.
    found = {
        row["sector_id"]: row
        for row in links.values("sector_id")
        .annotate(total=Count("pk"), public=Count("pk", filter=Q(organization__is_published=True)))
        .order_by()
    }
    rows = [
        [sector.name, found[sector.pk]["total"], _unpublished(found[sector.pk])]
        for sector in Sector.objects.filter(pk__in=list(found)).order_by("order", "name")
    ]
    none = organizations(period).filter(sectors__isnull=True).aggregate(**_counts(PUBLIC_ORGANIZATION))
    if none["total"]:
        rows.append([_("No sector recorded"), none["total"], _unpublished(none)])
    return Figure(
        key="members-by-sector",
        title=_("Members by sector"),
        headers=[_("Sector"), _("Members"), UNPUBLISHED],
        rows=rows,
        chart=Chart(labels=[r[0] for r in rows], series=[(_("Members"), [r[1] for r in rows])]),
        note=_("A member working in several sectors counts once in each."),
    )


def members_by_area(period):
    found = list(organizations(period).values("area_id").annotate(**_counts(PUBLIC_ORGANIZATION)).order_by())
    areas = {
        area["pk"]: area
        for area in Area.objects.filter(pk__in=[row["area_id"] for row in found if row["area_id"]]).values(
            "pk", "name", "sort_key"
        )
    }
    nowhere = {"name": _("No administrative unit recorded"), "sort_key": ""}
    found.sort(key=lambda row: (-row["total"], areas.get(row["area_id"], nowhere)["sort_key"], row["area_id"] or 0))
    rows = [[areas.get(row["area_id"], nowhere)["name"], row["total"], _unpublished(row)] for row in found]
    return Figure(
        key="members-by-area",
        title=_("Members by administrative unit"),
        headers=[_("Administrative unit"), _("Members"), UNPUBLISHED],
        rows=rows,
        chart=Chart(labels=[r[0] for r in rows], series=[(_("Members"), [r[1] for r in rows])], limit=20),
        note=_("The chart shows the 20 units with most members; the table lists them all."),
    )


def membership_per_year(period):
    """Joins and withdrawals per year, and the number of members at the end of each year."""
    orgs = organizations(period)
    joins = {
        row["year"]: row
        for row in orgs.filter(joined_on__isnull=False)
        .annotate(year=Year("joined_on"))
        .values("year")
        .annotate(**_counts(PUBLIC_ORGANIZATION))
        .order_by()
    }
    withdrawals = {
        row["year"]: row
        for row in orgs.filter(status=Organization.Status.WITHDRAWN, status_changed_on__isnull=False)
        .annotate(year=Year("status_changed_on"))
        .values("year")
        .annotate(total=Count("pk"), joined=Count("pk", filter=Q(joined_on__isnull=False)))
        .order_by()
    }
    rows = []
    for year in period.years:
        joined_by_then = sum(row["total"] for y, row in joins.items() if y <= year)
        left_by_then = sum(row["joined"] for y, row in withdrawals.items() if y <= year)
        rows.append(
            [
                year,
                joins[year]["total"] if year in joins else 0,
                withdrawals[year]["total"] if year in withdrawals else 0,
                joined_by_then - left_by_then,
                _unpublished(joins[year]) if year in joins else 0,
            ]
        )
    return Figure(
        key="membership-per-year",
        title=_("Joins and withdrawals per year"),
        headers=[
            _("Year"),
            _("Joined"),
            _("Withdrew"),
            _("Members at the end of the year"),
            _("of which unpublished (joined)"),
        ],
        rows=rows,
        chart=Chart(
            labels=[r[0] for r in rows],
            series=[(_("Joined"), [r[1] for r in rows]), (_("Withdrew"), [r[2] for r in rows])],
        ),
        note=_(
            "Members at the end of a year: members who had joined by then, less those who had withdrawn; "
            "members without a join date are not counted."
        ),
    )


# --- honours -------------------------------------------------------------------------------------------------------


def honours_per_year_by_form(period):
    found = list(
        honours(period)
        .annotate(year=Year(honour_date()))
        .values("year", "form_id", "form__name", "form__order")
        .annotate(**_counts(PUBLIC_HONOUR))
        .order_by("form__order", "form__name", "year")
    )
    forms = []
    for row in found:
        if (row["form_id"], row["form__name"]) not in forms:
            forms.append((row["form_id"], row["form__name"]))
    cell = {(row["year"], row["form_id"]): row for row in found}
    rows = []
    for year in period.years:
        values = [cell.get((year, form_id), {}).get("total", 0) for form_id, _name in forms]
        unpublished = sum(_unpublished(cell[(year, form_id)]) for form_id, _name in forms if (year, form_id) in cell)
        rows.append([year, *values, sum(values), unpublished])
    return Figure(
        key="honours-per-year-by-form",
        title=_("Honours per year by form"),
        headers=[_("Year"), *[name for _id, name in forms], _("Total"), UNPUBLISHED],
        rows=rows,
        chart=Chart(
            labels=[r[0] for r in rows],
            series=[(name, [r[1 + i] for r in rows]) for i, (_id, name) in enumerate(forms)],
            stacked=True,
        ),
        note=_("An honour counts in the year it was conferred, or else in the year its decision was signed."),
    )


def honours_by_authority(period):
    found = (
        honours(period)
        .values("authority_id", "authority__name", "authority__order")
        .annotate(
            **_counts(
                PUBLIC_HONOUR,
                collectives=Count("pk", filter=Q(person__isnull=True)),
                individuals=Count("pk", filter=Q(person__isnull=False)),
            )
        )
        .order_by("authority__order", "authority__name")
    )
    rows = [
        [row["authority__name"], row["collectives"], row["individuals"], row["total"], _unpublished(row)]
        for row in found
    ]
    return Figure(
        key="honours-by-authority",
        title=_("Honours by conferring authority"),
        headers=[_("Conferring authority"), _("Collectives"), _("Individuals"), _("Total"), UNPUBLISHED],
        rows=rows,
        chart=Chart(
            labels=[r[0] for r in rows],
            series=[(_("Collectives"), [r[1] for r in rows]), (_("Individuals"), [r[2] for r in rows])],
            stacked=True,
        ),
    )


def honours_collectives_individuals(period):
    found = {
        row["year"]: row
        for row in honours(period)
        .annotate(year=Year(honour_date()))
        .values("year")
        .annotate(
            **_counts(
                PUBLIC_HONOUR,
                collectives=Count("pk", filter=Q(person__isnull=True)),
                individuals=Count("pk", filter=Q(person__isnull=False)),
            )
        )
        .order_by()
    }
    rows = []
    for year in period.years:
        row = found.get(year, {"collectives": 0, "individuals": 0, "total": 0, "public": 0})
        rows.append([year, row["collectives"], row["individuals"], row["total"], _unpublished(row)])
    return Figure(
        key="honours-collectives-individuals",
        title=_("Collectives and individuals honoured per year"),
        headers=[_("Year"), _("Collectives"), _("Individuals"), _("Total"), UNPUBLISHED],
        rows=rows,
        chart=Chart(
            labels=[r[0] for r in rows],
            series=[(_("Collectives"), [r[1] for r in rows]), (_("Individuals"), [r[2] for r in rows])],
        ),
    )


TOP_MEMBERS = 10


def most_honoured_members(period):
    found = (
        honours(period)
        .filter(organization__isnull=False)
        .values("organization_id", "organization__name", "organization__slug", "organization__is_published")
        .annotate(**_counts(PUBLIC_HONOUR))
        .order_by("-total", "organization__sort_key", "organization_id")[:TOP_MEMBERS]
    )
    rows, links = [], []
    for row in found:
        name = row["organization__name"]
        if not row["organization__is_published"]:
            name = _("%(name)s (unpublished)") % {"name": name}
        rows.append([name, row["total"], _unpublished(row)])
        organization = Organization(slug=row["organization__slug"], is_published=row["organization__is_published"])
        links.append({"page": _public_page(organization)})
    return Figure(
        key="most-honoured-members",
        title=_("Most honoured members"),
        headers=[_("Member"), _("Honours"), UNPUBLISHED],
        rows=rows,
        links=links,
        chart=Chart(labels=[r[0] for r in rows], series=[(_("Honours"), [r[1] for r in rows])]),
        note=_("The %(count)d member organizations that received most honours in the period.") % {"count": TOP_MEMBERS},
    )


# --- events --------------------------------------------------------------------------------------------------------


def events_per_year_and_kind(period):
    found = list(
        events(period)
        .annotate(year=ExtractYear("starts_at"))
        .values("year", "kind")
        .annotate(
            total=Count("pk", distinct=True),
            public=Count("pk", distinct=True, filter=PUBLIC_EVENT),
            honours_presented=Count("honours"),
        )
        .order_by()
    )
    kinds = [(value, label) for value, label in Event.Kind.choices if any(r["kind"] == value for r in found)]
    cell = {(row["year"], row["kind"]): row for row in found}
    honours_per_year = defaultdict(int)
    unpublished_per_year = defaultdict(int)
    for row in found:
        honours_per_year[row["year"]] += row["honours_presented"]
        unpublished_per_year[row["year"]] += _unpublished(row)
    rows = []
    for year in period.years:
        values = [cell.get((year, kind), {}).get("total", 0) for kind, _label in kinds]
        rows.append([year, *values, sum(values), unpublished_per_year[year], honours_per_year[year]])
    return Figure(
        key="events-per-year-and-kind",
        title=_("Events per year and kind"),
        headers=[_("Year"), *[label for _kind, label in kinds], _("Total"), UNPUBLISHED, _("Honours presented")],
        rows=rows,
        chart=Chart(
            labels=[r[0] for r in rows],
            series=[(label, [r[1 + i] for r in rows]) for i, (_kind, label) in enumerate(kinds)],
            stacked=True,
        ),
        note=_("Events belong to the whole alliance: the area and kind chosen above do not apply to them."),
    )


CEREMONY_LIMIT = 50


def ceremonies(period):
    """Events of the period at which honours were presented, with how many (the latest first)."""
    found = (
        events(period)
        .annotate(presented=Count("honours"))
        .filter(presented__gt=0)
        .order_by("-starts_at", "-pk")[:CEREMONY_LIMIT]
    )
    rows, links = [], []
    for event in found:
        title = event.title if event.is_published else _("%(name)s (unpublished)") % {"name": event.title}
        rows.append([title, event.start_date.strftime("%d/%m/%Y"), event.get_kind_display(), event.presented])
        links.append(
            {
                "page": _public_page(event),
                "pdf": reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "pdf"}),
                "xlsx": reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "xlsx"}),
            }
        )
    return Figure(
        key="ceremonies",
        title=_("Honours presented at each event"),
        headers=[_("Event"), _("Date"), _("Kind"), _("Honours presented")],
        rows=rows,
        links=links,
        note=_("The latest %(count)d events of the period at which honours were presented.")
        % {"count": CEREMONY_LIMIT},
    )


DECISION_LIMIT = 50


def decisions(period):
    found = (
        Decision.objects.filter(signed_on__range=(period.start, period.end))
        .select_related("authority")
        .annotate(listed=Count("honours"))
        .order_by("-signed_on", "-pk")[:DECISION_LIMIT]
    )
    rows, links = [], []
    for decision in found:
        number = decision.number if decision.is_published else _("%(name)s (unpublished)") % {"name": decision.number}
        rows.append([number, decision.signed_on.strftime("%d/%m/%Y"), decision.authority.name, decision.listed])
        links.append(
            {
                "page": _public_page(decision),
                "pdf": reverse("report-decision-honours", kwargs={"pk": decision.pk, "fmt": "pdf"}),
                "xlsx": reverse("report-decision-honours", kwargs={"pk": decision.pk, "fmt": "xlsx"}),
            }
        )
    return Figure(
        key="decisions",
        title=_("Decisions on honours"),
        headers=[_("Decision"), _("Signed on"), _("Conferring authority"), _("Recipients")],
        rows=rows,
        links=links,
        note=_("The latest %(count)d decisions signed in the period.") % {"count": DECISION_LIMIT},
    )


# Every figure with a CSV download, by key.
FIGURES = {
    "members-by-kind": members_by_kind,
    "members-by-status": members_by_status,
    "members-by-sector": members_by_sector,
    "members-by-area": members_by_area,
    "membership-per-year": membership_per_year,
    "honours-per-year-by-form": honours_per_year_by_form,
    "honours-by-authority": honours_by_authority,
    "honours-collectives-individuals": honours_collectives_individuals,
    "most-honoured-members": most_honoured_members,
    "events-per-year-and-kind": events_per_year_and_kind,
    "ceremonies": ceremonies,
    "decisions": decisions,
}

SECTIONS = [
    (
        _("Members"),
        ["members-by-kind", "members-by-status", "members-by-sector", "members-by-area", "membership-per-year"],
    ),
    (
        _("Honours"),
        [
            "honours-per-year-by-form",
            "honours-by-authority",
            "honours-collectives-individuals",
            "most-honoured-members",
        ],
    ),
    (_("Events"), ["events-per-year-and-kind", "ceremonies", "decisions"]),
]
