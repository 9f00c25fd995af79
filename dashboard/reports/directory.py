"""The member directory, by administrative unit and kind, with the columns leadership choose.

Contacts (phone, email, website) appear only where the member made them public, or when the reader is staff. The
members are read in chunks with their sectors prefetched per chunk, so a directory of 100,000 members costs a fixed
handful of queries per 2,000 rows and never holds the whole table in memory at once. A report is made while the
reader waits, so above PDF_LIMIT rows (PDF) or XLSX_LIMIT rows (Excel) the leader is asked to narrow the choice; the
whole register, at any size, is the admin's export.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Organization

from . import common, honours, pdf, xlsx

PDF_LIMIT = 2000
XLSX_LIMIT = 20000
CHUNK = 2000

FIELDS = [
    ("kind", gettext_lazy("Kind")),
    ("legal_form", gettext_lazy("Legal form")),
    ("tax_code", gettext_lazy("Tax code")),
    ("sectors", gettext_lazy("Sectors")),
    ("area", gettext_lazy("Administrative unit")),
    ("address", gettext_lazy("Address")),
    ("representative", gettext_lazy("Representative")),
    ("phone", gettext_lazy("Phone")),
    ("email", gettext_lazy("Email")),
    ("website", gettext_lazy("Website")),
    ("founded_on", gettext_lazy("Founded on")),
    ("joined_on", gettext_lazy("Joined on")),
    ("status", gettext_lazy("Membership status")),
    ("member_count", gettext_lazy("Number of members")),
    ("worker_count", gettext_lazy("Number of workers")),
    ("charter_capital", gettext_lazy("Charter capital (VND)")),
    ("is_published", gettext_lazy("Published")),
]
FIELD_LABELS = dict(FIELDS)
DEFAULT_FIELDS = ["kind", "representative", "address", "phone", "joined_on", "status"]
CONTACT_FIELDS = {"phone", "email", "website"}
NUMBER_FIELDS = {"member_count", "worker_count", "charter_capital"}
SHORT_FIELDS = {"tax_code", "founded_on", "joined_on", "phone", "is_published"}
WIDE_FIELDS = {"address": 2.2, "sectors": 1.6, "representative": 1.6, "email": 1.6, "website": 1.6}


@dataclass
class Directory:
    title: str
    subtitles: list
    fields: list
    groups: list = field(default_factory=list)  # [(heading, [organization, ...])]
    count: int = 0
    show_contacts: bool = False
    rows: object = None  # an iterator over the organizations, in group order
    group_sizes: dict = field(default_factory=dict)

    @property
    def headers(self):
        return [_("No."), _("Name"), *[str(FIELD_LABELS[key]) for key in self.fields]]


def members(area=None, kind="", status=""):
    qs = Organization.objects.all()
    if area:
        qs = qs.filter(area=area)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    return qs


def describe(area=None, kind="", status=""):
    parts = [
        _("Administrative unit: %(value)s") % {"value": area} if area else _("All administrative units"),
        _("Kind: %(value)s") % {"value": Organization.Kind(kind).label} if kind else _("All kinds"),
    ]
    if status:
        parts.append(_("Status: %(value)s") % {"value": Organization.Status(status).label})
    return "; ".join(str(p) for p in parts)


def count(area=None, kind="", status=""):
    return members(area, kind, status).count()


def build(*, fields, show_contacts, area=None, kind="", status=""):
    """The directory as groups of organizations; rows are read lazily in chunks."""
    qs = members(area, kind, status)
    group_sizes = {
        (row["area_id"], row["kind"]): row["n"]
        for row in qs.values("area_id", "kind").annotate(n=Count("pk")).order_by()
    }
    rows = qs.select_related("area").order_by("area__sort_key", "area_id", "kind", "sort_key", "pk")
    if "sectors" in fields:
        rows = rows.prefetch_related("sectors")
    directory = Directory(
        title=_("Member directory"),
        subtitles=[
            describe(area, kind, status),
            _("%(count)s members") % {"count": number_format(sum(group_sizes.values()))},
        ],
        fields=fields,
        count=sum(group_sizes.values()),
        show_contacts=show_contacts,
        rows=rows.iterator(chunk_size=CHUNK),
        group_sizes=group_sizes,
    )
    return directory


def grouped(directory):
    """Yield (heading, [organization, ...]) per administrative unit and kind, in order."""
    current, bucket = None, []
    for organization in directory.rows:
        key = (organization.area_id, organization.kind)
        if key != current and bucket:
            yield _heading(bucket[0], directory), bucket
            bucket = []
        current = key
        bucket.append(organization)
    if bucket:
        yield _heading(bucket[0], directory), bucket


def _heading(organization, directory):
    area = organization.area.name if organization.area_id else _("No administrative unit recorded")
    size = directory.group_sizes.get((organization.area_id, organization.kind), 0)
    return _("%(area)s – %(kind)s (%(count)d)") % {
        "area": area,
        "kind": organization.get_kind_display(),
        "count": size,
    }


def value(organization, key, show_contacts, for_excel=False):
    if key in CONTACT_FIELDS and not (organization.contacts_public or show_contacts):
        return ""
    if key == "kind":
        return organization.get_kind_display()
    if key == "legal_form":
        return organization.get_legal_form_display() if organization.legal_form else ""
    if key == "sectors":
        return ", ".join(sector.name for sector in organization.sectors.all())
    if key == "area":
        return organization.area.name if organization.area_id else ""
    if key == "representative":
        return ", ".join(filter(None, [organization.representative_name, organization.representative_title]))
    if key in ("founded_on", "joined_on"):
        day = getattr(organization, key)
        return day.strftime("%d/%m/%Y") if day else ""
    if key == "status":
        label = organization.get_status_display()
        if organization.status_changed_on and organization.status != Organization.Status.ACTIVE:
            label = f"{label} ({organization.status_changed_on:%d/%m/%Y})"
        return label
    if key == "is_published":
        return _("yes") if organization.is_published else _("no")
    if key in NUMBER_FIELDS:
        number = getattr(organization, key)
        if number is None:
            return ""
        return int(number) if for_excel else number_format(int(number), force_grouping=True)
    return getattr(organization, key) or ""


def _row(number, organization, directory, for_excel=False):
    name = organization.name
    if organization.is_sample and not honours.already_marked(name):
        name = _("%(name)s (sample)") % {"name": name}
    return [number, name, *[value(organization, key, directory.show_contacts, for_excel) for key in directory.fields]]


def to_pdf(directory):
    wide = len(directory.fields) > 4
    width = pdf.text_width(wide)
    weights = [0.45, 2.4, *[WIDE_FIELDS.get(key, 1.0) for key in directory.fields]]
    widths = [width * w / sum(weights) for w in weights]
    numeric = [0, *[i + 2 for i, key in enumerate(directory.fields) if key in NUMBER_FIELDS]]
    plain = [i + 2 for i, key in enumerate(directory.fields) if key in SHORT_FIELDS]
    story = pdf.title_block(directory.title, directory.subtitles)
    number = 0
    for heading, organizations in grouped(directory):
        rows = []
        for organization in organizations:
            number += 1
            rows.append(_row(number, organization, directory))
        story.append(pdf.heading(heading))
        story.append(pdf.table(directory.headers, rows, widths, numeric=numeric, plain=plain))
    if not number:
        story.append(pdf.note(_("No member matches this choice.")))
    return pdf.build(
        story, alliance_name=common.alliance_name(), title=directory.title, printed_on=common.printed_on(), wide=wide
    )


def to_xlsx(directory):
    book = xlsx.Book()
    widths = [7, 45, *[18 * WIDE_FIELDS.get(key, 1.0) for key in directory.fields]]
    sheet = book.sheet(_("Member directory"), widths=widths)
    sheet.title(common.alliance_name(), directory.title, common.printed_on(), directory.subtitles)
    number = 0
    for heading, organizations in grouped(directory):
        rows = []
        for organization in organizations:
            number += 1
            rows.append(_row(number, organization, directory, for_excel=True))
        sheet.heading(heading)
        sheet.table(directory.headers, rows)
    return book.save()
