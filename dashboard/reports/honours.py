"""The honours list of an event or a decision: the list read out at the ceremony and filed with the decision.

Grouped by conferring authority and form of honour (in their official order), collectives before individuals,
numbered within each group, with the recipient, their position or organization, and the citation. A summary table
of how many collectives and individuals each authority honoured with each form comes first; it is one aggregate
query, and the groups below it list exactly those honours. Recipients made up for the demonstration are marked.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.translation import gettext as _

from . import common, pdf, xlsx


@dataclass
class Line:
    number: int
    recipient: str
    position: str
    citation: str
    is_individual: bool
    is_sample: bool


@dataclass
class Group:
    authority: str
    form: str
    lines: list = field(default_factory=list)

    @property
    def heading(self):
        return f"{self.authority} – {self.form}"


@dataclass
class HonoursList:
    title: str
    subtitles: list
    summary: list  # [authority, form, collectives, individuals, total]
    groups: list
    has_samples: bool
    filename: str


def _ordered(honours):
    """Honours in the order they are read out: authority, form, collectives before individuals, as entered."""
    return (
        honours.annotate(
            individual=Case(When(person__isnull=False, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
        .select_related("form", "authority", "organization", "person", "person__organization")
        .order_by("authority__order", "authority__name", "form__order", "form__name", "individual", "order", "pk")
    )


def summary(honours):
    """Per authority and form: how many collectives, how many individuals (one aggregate query)."""
    rows = (
        honours.values("authority__name", "authority__order", "form__name", "form__order")
        .annotate(
            collectives=Count("pk", filter=Q(person__isnull=True)),
            individuals=Count("pk", filter=Q(person__isnull=False)),
            total=Count("pk"),
        )
        .order_by("authority__order", "authority__name", "form__order", "form__name")
    )
    return [
        [row["authority__name"], row["form__name"], row["collectives"], row["individuals"], row["total"]]
        for row in rows
    ]


def already_marked(name):
    """Demo data may carry its mark in the name itself, e.g. "HTX mẫu ... (dữ liệu mẫu)": do not mark it twice."""
    folded = name.lower()
    return "mẫu)" in folded or "sample)" in folded


def _line(number, honour):
    if honour.person_id:
        person = honour.person
        position = person.position
        affiliation = person.affiliation_name
        if affiliation and affiliation not in position:
            position = ", ".join(filter(None, [position, affiliation]))
        recipient = person.full_name
        sample = person.is_sample
    elif honour.organization_id:
        recipient, position, sample = honour.organization.name, "", honour.organization.is_sample
    else:
        recipient, position, sample = honour.recipient_name, "", False
    sample = sample or honour.is_sample
    if sample and not already_marked(recipient):
        recipient = _("%(name)s (sample)") % {"name": recipient}
    citation = honour.citation
    if honour.inscription:
        inscription = _("Inscription: “%(text)s”") % {"text": honour.inscription}
        citation = f"{citation}\n{inscription}" if citation else inscription
    return Line(number, recipient, position, citation, bool(honour.person_id), sample)


def build_list(honours, *, title, subtitles, filename):
    groups = []
    for honour in _ordered(honours):
        key = (honour.authority.name, honour.form.name)
        if not groups or (groups[-1].authority, groups[-1].form) != key:
            groups.append(Group(*key))
        group = groups[-1]
        group.lines.append(_line(len(group.lines) + 1, honour))
    return HonoursList(
        title=title,
        subtitles=subtitles,
        summary=summary(honours),
        groups=groups,
        has_samples=any(line.is_sample for group in groups for line in group.lines),
        filename=filename,
    )


def for_event(event):
    when = event.start_date.strftime("%d/%m/%Y")
    return build_list(
        event.honours.all(),
        title=_("Honours presented at %(event)s") % {"event": event.title},
        subtitles=[", ".join(filter(None, [when, event.venue]))],
        filename=f"khen-thuong-{event.slug}",
    )


def for_decision(decision):
    return build_list(
        decision.honours.all(),
        title=_("Honours conferred by decision %(number)s of %(date)s")
        % {"number": decision.number, "date": decision.signed_on.strftime("%d/%m/%Y")},
        subtitles=[decision.authority.name, decision.title],
        filename=f"khen-thuong-quyet-dinh-{decision.pk}",
    )


def _summary_headers():
    return [_("Conferring authority"), _("Form of honour"), _("Collectives"), _("Individuals"), _("Total")]


def _line_headers():
    return [_("No."), _("Recipient"), _("Position or organization"), _("Citation")]


def _group_caption(group):
    collectives = sum(1 for line in group.lines if not line.is_individual)
    individuals = len(group.lines) - collectives
    return _("%(heading)s: %(collectives)d collectives, %(individuals)d individuals") % {
        "heading": group.heading,
        "collectives": collectives,
        "individuals": individuals,
    }


def _sample_note():
    return _("Recipients marked “(sample)” are made up for the demonstration: the source does not name them.")


def to_pdf(report):
    width = pdf.text_width()
    story = pdf.title_block(report.title, report.subtitles)
    story.append(pdf.heading(_("Summary")))
    totals = [_("Total"), "", *(sum(row[i] for row in report.summary) for i in (2, 3, 4))]
    story.append(
        pdf.table(
            _summary_headers(),
            [*report.summary, totals],
            [width * f for f in (0.36, 0.34, 0.1, 0.1, 0.1)],
            numeric=(2, 3, 4),
        )
    )
    for index, group in enumerate(report.groups, start=1):
        heading = pdf.heading(f"{index}. {_group_caption(group)}")
        rows = [[line.number, line.recipient, line.position, line.citation] for line in group.lines]
        story.append(heading)
        story.append(pdf.table(_line_headers(), rows, [width * f for f in (0.07, 0.3, 0.28, 0.35)], numeric=(0,)))
    if not report.groups:
        story.append(pdf.note(_("No honours are recorded here yet.")))
    if report.has_samples:
        story.append(pdf.note(_sample_note()))
    return pdf.build(story, alliance_name=common.alliance_name(), title=report.title, printed_on=common.printed_on())


def to_xlsx(report):
    book = xlsx.Book()
    sheet = book.sheet(_("Honours list"), widths=[8, 38, 34, 50, 10])
    sheet.title(common.alliance_name(), report.title, common.printed_on(), report.subtitles)
    for index, group in enumerate(report.groups, start=1):
        sheet.heading(f"{index}. {_group_caption(group)}")
        sheet.table(
            _line_headers(), [[line.number, line.recipient, line.position, line.citation] for line in group.lines]
        )
    if report.has_samples:
        sheet.line(_sample_note())
    summary_sheet = book.sheet(_("Summary"), widths=[40, 40, 14, 14, 14])
    summary_sheet.title(common.alliance_name(), report.title, common.printed_on(), report.subtitles)
    summary_sheet.table(_summary_headers(), report.summary)
    return book.save()
