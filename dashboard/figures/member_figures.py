"""The dashboard's Members section: members by kind, status, sector and administrative unit; joins and withdrawals."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from members.models import Area, Organization, Sector

from .base import (
    PUBLIC_ORGANIZATION,
    UNPUBLISHED,
    Chart,
    Figure,
    Year,
    organizations,
    total_and_public,
    unpublished_count,
)


def _by_choice(qs, field_name, choices, title, key):
    found = {
        row[field_name]: row
        for row in qs.values(field_name).annotate(**total_and_public(PUBLIC_ORGANIZATION)).order_by()
    }
    rows = []
    for value, label in choices:
        row = found.get(value, {"total": 0, "public": 0})
        rows.append([label, row["total"], unpublished_count(row)])
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
        [sector.name, found[sector.pk]["total"], unpublished_count(found[sector.pk])]
        for sector in Sector.objects.filter(pk__in=list(found)).order_by("order", "name")
    ]
    none = organizations(period).filter(sectors__isnull=True).aggregate(**total_and_public(PUBLIC_ORGANIZATION))
    if none["total"]:
        rows.append([_("No sector recorded"), none["total"], unpublished_count(none)])
    return Figure(
        key="members-by-sector",
        title=_("Members by sector"),
        headers=[_("Sector"), _("Members"), UNPUBLISHED],
        rows=rows,
        chart=Chart(labels=[r[0] for r in rows], series=[(_("Members"), [r[1] for r in rows])]),
        note=_("A member working in several sectors counts once in each."),
    )


def members_by_area(period):
    found = list(organizations(period).values("area_id").annotate(**total_and_public(PUBLIC_ORGANIZATION)).order_by())
    areas = {
        area["pk"]: area
        for area in Area.objects.filter(pk__in=[row["area_id"] for row in found if row["area_id"]]).values(
            "pk", "name", "sort_key"
        )
    }
    nowhere = {"name": _("No administrative unit recorded"), "sort_key": ""}
    found.sort(key=lambda row: (-row["total"], areas.get(row["area_id"], nowhere)["sort_key"], row["area_id"] or 0))
    rows = [[areas.get(row["area_id"], nowhere)["name"], row["total"], unpublished_count(row)] for row in found]
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
        .annotate(**total_and_public(PUBLIC_ORGANIZATION))
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
                unpublished_count(joins[year]) if year in joins else 0,
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
            by_year=True,
        ),
        note=_(
            "Members at the end of a year: members who had joined by then, less those who had withdrawn; "
            "members without a join date are not counted."
        ),
    )
