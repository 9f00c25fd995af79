"""The yearly summary (tổng kết năm): one year against the year before.

New and withdrawn members, honours by form and by authority, collectives and individuals honoured, events held by
kind, and the list of the year's events with the honours presented at each. Every number comes from the dashboard's
figure functions (dashboard.figures) over the two years, so the summary and the dashboard agree.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from dashboard import figures
from members.models import Organization

from . import common, pdf, xlsx


@dataclass
class Table:
    title: str
    rows: list  # [label, previous, current, change]


@dataclass
class Summary:
    year: int
    title: str
    tables: list = field(default_factory=list)
    events: list = field(default_factory=list)  # [title, date, kind, honours presented]

    @property
    def headers(self):
        return [_("Item"), str(self.year - 1), str(self.year), _("Change")]


def _compare(label, previous, current):
    return [label, previous, current, common.change(previous, current)]


def _transpose(figure, columns):
    """Rows of a per-year figure (two years) turned into [label, previous year, this year, change] per column."""
    previous, current = figure.rows
    return [_compare(figure.headers[i], previous[i], current[i]) for i in columns]


def build(year):
    period = figures.Period(year - 1, year)
    tables = [
        _members_table(period),
        _honours_by_form_table(period),
        _authorities_table(period),
        _collectives_individuals_table(period),
        _events_held_table(period),
    ]
    return Summary(
        year=year,
        title=_("Yearly summary %(year)d") % {"year": year},
        tables=tables,
        events=_events_of(year),
    )


def _members_table(period):
    """New, withdrawn and present members, then new members by kind (the kinds with any in either year)."""
    previous, current = figures.membership_per_year(period).rows
    rows = [
        _compare(_("New members"), previous[1], current[1]),
        _compare(_("Members who withdrew"), previous[2], current[2]),
        _compare(_("Members at the end of the year"), previous[3], current[3]),
    ]
    return Table(_("Members"), rows + _new_members_by_kind(period.year_to))


def _new_members_by_kind(year):
    joined = {
        (row["year"], row["kind"]): row["n"]
        for row in Organization.objects.filter(joined_on__year__in=[year - 1, year])
        .annotate(year=figures.Year("joined_on"))
        .values("year", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = []
    for kind, label in Organization.Kind.choices:
        before, now = joined.get((year - 1, kind), 0), joined.get((year, kind), 0)
        if before or now:
            rows.append(_compare(_("New members: %(kind)s") % {"kind": label}, before, now))
    return rows


def _honours_by_form_table(period):
    by_form = figures.honours_per_year_by_form(period)
    form_columns = range(1, len(by_form.headers) - 1)  # every form, then the total
    return Table(_("Honours by form"), _transpose(by_form, form_columns))


def _authorities_table(period):
    year = period.year_to
    by_authority = {
        (row["year"], row["authority__name"]): row["n"]
        for row in figures.honours(period)
        .annotate(year=figures.Year(figures.honour_date()))
        .values("year", "authority__name", "authority__order")
        .annotate(n=Count("pk"))
        .order_by("authority__order", "authority__name")
    }
    authorities = list(dict.fromkeys(name for _year, name in by_authority))
    rows = [
        _compare(name, by_authority.get((year - 1, name), 0), by_authority.get((year, name), 0)) for name in authorities
    ]
    return Table(_("Honours by conferring authority"), rows)


def _collectives_individuals_table(period):
    kinds = figures.honours_collectives_individuals(period)
    return Table(_("Collectives and individuals honoured"), _transpose(kinds, [1, 2, 3]))


def _events_held_table(period):
    """Events held by kind, their total and the honours presented (the figure's columns but the unpublished count)."""
    held = figures.events_per_year_and_kind(period)
    return Table(_("Events held"), _transpose(held, [*range(1, len(held.headers) - 2), len(held.headers) - 1]))


def _events_of(year):
    """[title, date, kind, honours presented] for each event of the year, in the order they were held."""
    rows = []
    for event in (
        figures.events(figures.Period(year, year)).annotate(presented=Count("honours")).order_by("starts_at", "pk")
    ):
        rows.append(
            [
                figures.shown_name(event.title, event.is_published),
                event.start_date.strftime("%d/%m/%Y"),
                event.get_kind_display(),
                event.presented,
            ]
        )
    return rows


def _event_headers():
    return [_("Event"), _("Date"), _("Kind"), _("Honours presented")]


def to_pdf(summary):
    width = pdf.text_width()
    story = pdf.title_block(summary.title, [_("Compared with %(year)d") % {"year": summary.year - 1}])
    for table in summary.tables:
        story.append(pdf.heading(table.title))
        if table.rows:
            story.append(
                pdf.table(summary.headers, table.rows, [width * f for f in (0.52, 0.16, 0.16, 0.16)], numeric=(1, 2, 3))
            )
        else:
            story.append(pdf.note(_("Nothing recorded in these two years.")))
    story.append(pdf.heading(_("Events of %(year)d") % {"year": summary.year}))
    if summary.events:
        story.append(
            pdf.table(_event_headers(), summary.events, [width * f for f in (0.5, 0.14, 0.2, 0.16)], numeric=(3,))
        )
    else:
        story.append(pdf.note(_("No events recorded in this year.")))
    return pdf.build(story, alliance_name=common.alliance_name(), title=summary.title, printed_on=common.printed_on())


def to_xlsx(summary):
    book = xlsx.Book()
    sheet = book.sheet(str(summary.year), widths=[50, 14, 14, 14])
    sheet.title(
        common.alliance_name(),
        summary.title,
        common.printed_on(),
        [_("Compared with %(year)d") % {"year": summary.year - 1}],
    )
    for table in summary.tables:
        sheet.heading(table.title)
        sheet.table(summary.headers, table.rows)
    events = book.sheet(_("Events"), widths=[60, 14, 22, 16])
    events.title(common.alliance_name(), _("Events of %(year)d") % {"year": summary.year}, common.printed_on())
    events.table(_event_headers(), summary.events)
    return book.save()
