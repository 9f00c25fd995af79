"""Open data: the (filtered) member directory as CSV or XLSX, public fields only.

Phone, email and website are exported only for organizations whose contacts are public. Cells that a spreadsheet
would run as a formula (starting with = + - @, or a tab or carriage return) are neutralised with a leading apostrophe.
"""

import csv
import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.text import neutralise

PAGE_URL = object()  # placeholder: the page's address is built by rows(), which knows the host
CHUNK_SIZE = 2000


def columns():
    """(header, function of an organization) for every exported column, headers in the active language."""
    return [
        (_("Name"), lambda o: o.name),
        (_("Short name"), lambda o: o.short_name),
        (_("English name"), lambda o: o.name_en),
        (_("Kind"), lambda o: str(o.get_kind_display())),
        (_("Legal form"), lambda o: str(o.get_legal_form_display()) if o.legal_form else ""),
        (_("Tax code"), lambda o: o.tax_code),
        (_("Sectors"), lambda o: "; ".join(s.name for s in o.sectors.all())),
        (_("Administrative unit"), lambda o: o.area.name if o.area_id else ""),
        (_("Address"), lambda o: o.address),
        (_("Representative"), lambda o: o.representative_name),
        (_("Representative's title"), lambda o: o.representative_title),
        (_("Founded on"), lambda o: o.founded_on),
        (_("Joined on"), lambda o: o.joined_on),
        (_("Membership status"), lambda o: str(o.get_status_display())),
        (_("Number of members"), lambda o: o.member_count),
        (_("Number of workers"), lambda o: o.worker_count),
        (_("Phone"), lambda o: o.public_contacts.get("phone", "")),
        (_("Email"), lambda o: o.public_contacts.get("email", "")),
        (_("Website"), lambda o: o.public_contacts.get("website", "")),
        (_("Page"), lambda o: PAGE_URL),
        (_("Sample data"), lambda o: _("yes") if o.is_sample else ""),
    ]


def export_queryset(queryset):
    """Only what the export reads, and the sectors in one query per chunk."""
    return queryset.select_related("area").prefetch_related("sectors")


def rows(queryset, absolute_url=None):
    """The header row, then one row per organization (read in chunks, so a large directory never sits in memory)."""
    cols = columns()
    yield [header for header, _getter in cols]
    for organization in export_queryset(queryset).iterator(chunk_size=CHUNK_SIZE):
        row = []
        for _header, getter in cols:
            value = getter(organization)
            if value is PAGE_URL:
                path = organization.get_absolute_url()
                value = absolute_url(path) if absolute_url else path
            row.append(value)
        yield row


class _Echo:
    def write(self, value):
        return value


def csv_lines(queryset, absolute_url=None):
    """CSV text in UTF-8 with a byte order mark (so Excel reads Vietnamese), one chunk per row."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows(queryset, absolute_url):
        yield writer.writerow([_csv_value(value) for value in row])


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(value) if isinstance(value, str) else value


def xlsx_bytes(queryset, absolute_url=None):
    """The export as an .xlsx workbook (write-only mode: rows are not kept in memory as cell objects)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Members")[:31])
    for index, row in enumerate(rows(queryset, absolute_url)):
        if index == 0:
            sheet.append(row)
            continue
        sheet.append([_xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", neutralise(value))
    return value


def filename(extension):
    return f"members-{timezone.localdate():%Y-%m-%d}.{extension}"
