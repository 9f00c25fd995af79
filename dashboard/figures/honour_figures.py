"""The dashboard's Honours section: per year by form, by authority, to collectives and individuals; top members."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from members.models import Organization

from .base import (
    PUBLIC_HONOUR,
    UNPUBLISHED,
    Chart,
    Figure,
    Year,
    honour_date,
    honours,
    public_page,
    shown_name,
    total_and_public,
    unpublished_count,
)


def honours_per_year_by_form(period):
    found = list(
        honours(period)
        .annotate(year=Year(honour_date()))
        .values("year", "form_id", "form__name", "form__order")
        .annotate(**total_and_public(PUBLIC_HONOUR))
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
        unpublished = sum(
            unpublished_count(cell[(year, form_id)]) for form_id, _name in forms if (year, form_id) in cell
        )
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
            by_year=True,
        ),
        note=_("An honour counts in the year it was conferred, or else in the year its decision was signed."),
    )


def honours_by_authority(period):
    found = (
        honours(period)
        .values("authority_id", "authority__name", "authority__order")
        .annotate(
            **total_and_public(
                PUBLIC_HONOUR,
                collectives=Count("pk", filter=Q(person__isnull=True)),
                individuals=Count("pk", filter=Q(person__isnull=False)),
            )
        )
        .order_by("authority__order", "authority__name")
    )
    rows = [
        [row["authority__name"], row["collectives"], row["individuals"], row["total"], unpublished_count(row)]
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
            **total_and_public(
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
        rows.append([year, row["collectives"], row["individuals"], row["total"], unpublished_count(row)])
    return Figure(
        key="honours-collectives-individuals",
        title=_("Collectives and individuals honoured per year"),
        headers=[_("Year"), _("Collectives"), _("Individuals"), _("Total"), UNPUBLISHED],
        rows=rows,
        chart=Chart(
            labels=[r[0] for r in rows],
            series=[(_("Collectives"), [r[1] for r in rows]), (_("Individuals"), [r[2] for r in rows])],
            by_year=True,
        ),
    )


TOP_MEMBERS = 10


def most_honoured_members(period):
    found = (
        honours(period)
        .filter(organization__isnull=False)
        .values("organization_id", "organization__name", "organization__slug", "organization__is_published")
        .annotate(**total_and_public(PUBLIC_HONOUR))
        .order_by("-total", "organization__sort_key", "organization_id")[:TOP_MEMBERS]
    )
    rows, links = [], []
    for row in found:
        name = shown_name(row["organization__name"], row["organization__is_published"])
        rows.append([name, row["total"], unpublished_count(row)])
        organization = Organization(slug=row["organization__slug"], is_published=row["organization__is_published"])
        links.append({"page": public_page(organization)})
    return Figure(
        key="most-honoured-members",
        title=_("Most honoured members"),
        headers=[_("Member"), _("Honours"), UNPUBLISHED],
        rows=rows,
        links=links,
        chart=Chart(labels=[r[0] for r in rows], series=[(_("Honours"), [r[1] for r in rows])]),
        note=_("The %(count)d member organizations that received most honours in the period.") % {"count": TOP_MEMBERS},
    )
