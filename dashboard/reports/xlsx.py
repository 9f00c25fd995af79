"""Excel workbooks with openpyxl: the same content as the PDFs, as cells people can sort, filter and copy.

Each sheet starts with the alliance's name, the report's title and the print date, then tables with a bold header
row, wrapped text and sensible column widths. Text that looks like a formula (starting with =) is stored as plain
text, so a spreadsheet program never evaluates a name or a citation. Workbooks are written in openpyxl's write-only
mode, row after row, so a directory of 100,000 members does not hold a million cell objects in memory.
"""

import io
import unicodedata

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="E6ECF2")
WRAP = Alignment(wrap_text=True, vertical="top")


def cell_value(value):
    """Numbers stay numbers; text is NFC."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return value
    return unicodedata.normalize("NFC", str(value))


def cell(ws, value, font=None, fill=None, alignment=None):
    result = WriteOnlyCell(ws, value=cell_value(value))
    if result.data_type == "f":
        result.data_type = "s"  # text, never a formula
    if font:
        result.font = font
    if fill:
        result.fill = fill
    if alignment:
        result.alignment = alignment
    return result


class Sheet:
    """Write a report sheet top to bottom: title block, headings, tables."""

    def __init__(self, worksheet, widths):
        self.ws = worksheet
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width

    def title(self, alliance_name, title, printed_on, subtitles=()):
        self.line(alliance_name, font=BOLD)
        self.line(title, font=TITLE)
        for subtitle in subtitles:
            if subtitle:
                self.line(subtitle)
        self.line(_("Printed on %(date)s") % {"date": printed_on.strftime("%d/%m/%Y")})
        self.ws.append([])

    def line(self, text, font=None):
        self.ws.append([cell(self.ws, text, font=font)])

    def heading(self, text):
        self.line(text, font=BOLD)

    def table(self, headers, rows):
        self.ws.append([cell(self.ws, header, font=BOLD, fill=HEADER_FILL, alignment=WRAP) for header in headers])
        for values in rows:
            self.ws.append([self._plain(value) for value in values])
        self.ws.append([])

    def _plain(self, value):
        """A data cell: a bare value (fast), or a text cell when the text would otherwise read as a formula."""
        value = cell_value(value)
        if isinstance(value, str) and value.startswith("="):
            return cell(self.ws, value)
        return value


class Book:
    """A write-only workbook whose sheets are added in order."""

    def __init__(self):
        self.workbook = Workbook(write_only=True)

    def sheet(self, title, widths):
        return Sheet(self.workbook.create_sheet(title[:31]), widths)

    def save(self):
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()
