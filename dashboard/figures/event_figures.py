"""The dashboard's Events section: events per year and kind, the ceremonies with honours, the decisions signed."""

from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.models import Decision
from events.models import Event

from .base import PUBLIC_EVENT, UNPUBLISHED, Chart, Figure, events, public_page, shown_name, unpublished_count


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
        unpublished_per_year[row["year"]] += unpublished_count(row)
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
            by_year=True,
        ),
        note=_("Events belong to the whole alliance: the area and kind chosen above do not apply to them."),
    )


CEREMONY_LIMIT = 50


def report_links(obj, report, **kwargs):
    """The record's public page and its printable honours list as PDF and XLSX."""
    return {
        "page": public_page(obj),
        "pdf": reverse(report, kwargs={**kwargs, "fmt": "pdf"}),
        "xlsx": reverse(report, kwargs={**kwargs, "fmt": "xlsx"}),
    }


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
        rows.append(
            [
                shown_name(event.title, event.is_published),
                event.start_date.strftime("%d/%m/%Y"),
                event.get_kind_display(),
                event.presented,
            ]
        )
        links.append(report_links(event, "report-event-honours", slug=event.slug))
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
        rows.append(
            [
                shown_name(decision.number, decision.is_published),
                decision.signed_on.strftime("%d/%m/%Y"),
                decision.authority.name,
                decision.listed,
            ]
        )
        links.append(report_links(decision, "report-decision-honours", pk=decision.pk))
    return Figure(
        key="decisions",
        title=_("Decisions on honours"),
        headers=[_("Decision"), _("Signed on"), _("Conferring authority"), _("Recipients")],
        rows=rows,
        links=links,
        note=_("The latest %(count)d decisions signed in the period.") % {"count": DECISION_LIMIT},
    )
