"""Excel workbooks with openpyxl: the same content as the PDFs, as cells people can sort, filter and copy.

Each sheet starts with the alliance's name, the report's title and the print date, then tables with a bold header
row, wrapped text and sensible column widths. Text that looks like a formula (starting with =) is stored as plain
text, so a spreadsheet program never evaluates a name or a citation.
"""

import io
import unicodedata

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="E6ECF2")
WRAP = Alignment(wrap_text=True, vertical="top")


def cell_value(value):
    """Numbers stay numbers; text is NFC and never starts a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return value
    return unicodedata.normalize("NFC", str(value))


def write(ws, row, column, value):
    cell = ws.cell(row=row, column=column, value=cell_value(value))
    if cell.data_type == "f":
        cell.data_type = "s"  # text, never a formula
    return cell


class Sheet:
    """Write a report sheet top to bottom: title block, headings, tables."""

    def __init__(self, worksheet, widths):
        self.ws = worksheet
        self.row = 1
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width

    def title(self, alliance_name, title, printed_on, subtitles=()):
        self.line(alliance_name, font=BOLD)
        self.line(title, font=TITLE)
        for subtitle in subtitles:
            if subtitle:
                self.line(subtitle)
        self.line(_("Printed on %(date)s") % {"date": printed_on.strftime("%d/%m/%Y")})
        self.row += 1

    def line(self, text, font=None):
        cell = write(self.ws, self.row, 1, text)
        if font:
            cell.font = font
        self.row += 1
        return cell

    def heading(self, text):
        self.line(text, font=BOLD)

    def table(self, headers, rows, freeze=False):
        for column, header in enumerate(headers, start=1):
            cell = write(self.ws, self.row, column, header)
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = WRAP
        if freeze:
            self.ws.freeze_panes = self.ws.cell(row=self.row + 1, column=1)
        self.row += 1
        for values in rows:
            for column, value in enumerate(values, start=1):
                write(self.ws, self.row, column, value).alignment = WRAP
            self.row += 1
        self.row += 1


def workbook():
    book = Workbook()
    return book, book.active


def save(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
