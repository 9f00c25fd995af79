"""Spreadsheet import and export (django-import-export) of member organizations, shared by the admin and the commands.

The file format is a contract with the staff's spreadsheets, so its column headers and its words for choices
("Hợp tác xã", "Đang hoạt động", "Có"/"Không") are fixed Vietnamese, whatever the language of the admin; every
message about a file is translatable. Reading a file (`read_dataset`) refuses what it cannot read honestly: a file
that is not UTF-8, a garbled one, an oversized one, a broken XLSX. Exported cells that a spreadsheet would run as a
formula are neutralised with a leading apostrophe, and that apostrophe is taken off again on import, so an exported
file imports back unchanged.

`PortalResource` is the base for every import here: it checks the columns, refuses formulas, numbers every problem
by the row as the spreadsheet numbers it, collects warnings, and writes all rows or none.
"""

import csv
import datetime
import io
import re
import zipfile
from collections import defaultdict
from copy import copy
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import tablib
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import connections, router
from django.db.models import Prefetch
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats import base_formats
from import_export.forms import ExportForm, ImportForm

from core import text
from core.cache import bump_version
from core.text import neutralise

from .models import Area, Organization, Sector
from .validators import tax_code_checksum_ok

# Cells a spreadsheet would run as a formula (CSV injection) when they start with one of these.
# Two or more of these pairs mean UTF-8 text that was decoded as Windows-125x and saved again ("Há»£p tÃ¡c xÃ£").
_MOJIBAKE = re.compile(r"[\u00c2-\u00c6\u00e1][\u0080-\u00bf]")


def max_bytes():
    return getattr(settings, "PORTAL_IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def max_rows():
    return getattr(settings, "PORTAL_IMPORT_MAX_ROWS", 50_000)


# Above this many rows the admin's preview shows what happens to each row without a field-by-field diff.
PREVIEW_DIFF_ROWS = 500
# Unpacked size of an XLSX file, to refuse a decompression bomb before openpyxl opens it.
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return str(self.message)


def neutralised(dataset):
    """A copy of `dataset` with every cell neutralised."""
    safe = tablib.Dataset(headers=[neutralise(h) for h in (dataset.headers or [])], title=dataset.title)
    for row in dataset:
        safe.append([neutralise(cell) for cell in row])
    return safe


# ---------------------------------------------------------------------------------------------------------------
# Reading files


def decode_text(data):
    """Text of a CSV file: UTF-8 with or without BOM (or UTF-16 with BOM); anything else is refused with a message."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "The file is not in UTF-8 (the first character that cannot be read is on line %(line)s): it was "
                "probably saved as Windows-1258 or another old code page, and its Vietnamese letters would come out "
                "garbled. In Excel choose “Save As” → “CSV UTF-8 (Comma delimited)” (or save it as .xlsx) and "
                "import it again."
            )
            % {"line": line}
        ) from None
    if len(_MOJIBAKE.findall(decoded)) >= 2:
        raise ImportFileError(
            _(
                "The Vietnamese letters in this file are already garbled (for example “Há»£p tÃ¡c xÃ£” instead of "
                "“Hợp tác xã”): it was opened in the wrong encoding and saved again. Export it again from the "
                "original spreadsheet as “CSV UTF-8” or .xlsx."
            )
        )
    return decoded


def _check_size(data):
    if len(data) > max_bytes():
        raise ImportFileError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB. Split it into several files.")
            % {"size": f"{len(data) / 1048576:.1f}", "limit": f"{max_bytes() / 1048576:.0f}"}
        )


def _too_many_rows():
    return ImportFileError(
        _("The file has more than %(limit)s rows. Split it into several files.") % {"limit": max_rows()}
    )


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _build_dataset(records):
    """A Dataset from (spreadsheet row number, cells) records: the first is the header row, blank rows are dropped.

    The dataset remembers each row's number in the spreadsheet as `row_numbers`, for messages.
    """
    records = iter(records)
    for _number, header in records:
        if not all(_blank(c) for c in header):
            break
    else:
        raise ImportFileError(_("The file is empty: the first row must hold the column headers."))
    headers = ["" if h is None else str(h) for h in header]
    width = len(headers)
    rows, numbers = [], []
    for number, cells in records:
        cells = list(cells)
        if all(_blank(c) for c in cells):
            continue
        if len(cells) > width:
            if any(not _blank(c) for c in cells[width:]):
                raise ImportFileError(
                    _("Row %(row)s has more cells than the header row has columns: give every column a header.")
                    % {"row": number}
                )
            cells = cells[:width]
        rows.append(cells + [""] * (width - len(cells)))
        numbers.append(number)
        if len(rows) > max_rows():
            raise _too_many_rows()
    if not rows:
        raise ImportFileError(_("The file has no rows to import under its header row."))
    dataset = tablib.Dataset(*rows, headers=headers)
    dataset.row_numbers = numbers
    return dataset


def parse_csv(content):
    """Dataset from CSV text; the delimiter (comma, semicolon as Excel writes in Vietnamese, or tab) is detected."""
    first_line = content.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        return _build_dataset(enumerate(reader, start=1))
    except csv.Error as exc:
        raise ImportFileError(
            _("The file cannot be read as CSV (line %(line)s: %(error)s).") % {"line": reader.line_num, "error": exc}
        ) from None


def parse_xlsx(data):
    """Dataset from the first sheet of an XLSX file. Formula cells come out as their formula text, never evaluated."""
    import openpyxl  # noqa: PLC0415 (only needed for XLSX)

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportFileError(_("The file is not a valid Excel workbook (.xlsx).")) from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ImportFileError(_("The workbook unpacks to more than %(limit)s MB; it is refused.") % {"limit": 200})
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds of error on a broken file)
        raise ImportFileError(_("The file is not a valid Excel workbook (.xlsx).")) from None
    try:
        sheet = book.worksheets[0]

        def records():
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > max_rows() + 1:
                    raise _too_many_rows()
                yield number, [getattr(v, "text", v) for v in values]

        return _build_dataset(records())
    finally:
        book.close()


def read_dataset(source, fmt=None):
    """A Dataset from a path, an open binary file or bytes; `fmt` is "csv" or "xlsx" (from the file name if None)."""
    name = ""
    if isinstance(source, bytes):
        data = source
    elif hasattr(source, "read"):
        name = getattr(source, "name", "") or ""
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        name = str(source)
        with open(source, "rb") as handle:
            data = handle.read(max_bytes() + 1)
    if not fmt and "." in name:
        fmt = name.rsplit(".", 1)[-1]
    return format_for((fmt or "").lower())().create_dataset(data)


def format_for(fmt):
    formats = {"csv": CSVFormat, "xlsx": XLSXFormat}
    if fmt not in formats:
        raise ImportFileError(_("Unsupported file type “%(type)s”: use .csv or .xlsx.") % {"type": fmt})
    return formats[fmt]


class CSVFormat(base_formats.CSV):
    """CSV read as bytes (so a wrong encoding is caught, not mangled), written as UTF-8 with BOM for Excel."""

    CONTENT_TYPE = "text/csv; charset=utf-8"

    def get_title(self):
        return "csv"

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        _check_size(in_stream)
        return parse_csv(decode_text(in_stream))

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + neutralised(dataset).export("csv", **kwargs)


class XLSXFormat(base_formats.XLSX):
    """XLSX read with formulas as text (never evaluated), written with every cell as neutralised text."""

    def get_title(self):
        return "xlsx"

    def create_dataset(self, in_stream, **kwargs):
        _check_size(in_stream)
        return parse_xlsx(in_stream)

    def export_data(self, dataset, **kwargs):
        return neutralised(dataset).export("xlsx", **kwargs)


FORMATS = [CSVFormat, XLSXFormat]


# ---------------------------------------------------------------------------------------------------------------
# Widgets: one cell <-> one value, with messages that say what is wrong


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return _cell_text(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class ChoiceWidget(widgets.Widget):
    """A choice by its file word (fixed Vietnamese), its label in either language, its code, or an alias."""

    def __init__(self, words, choices, aliases=None, required=False):
        super().__init__()
        self.words = words
        self.choices = choices
        self.aliases = aliases or {}
        self.required = required
        self._lookup = None

    @property
    def lookup(self):
        """Folded word -> code; built on first use, when translations can be read."""
        if self._lookup is None:
            from django.utils import translation  # noqa: PLC0415

            lookup = {text.fold(word): code for code, word in self.words.items()}
            for alias, code in self.aliases.items():
                lookup.setdefault(text.fold(alias), code)
            for language in ("vi", "en"):
                with translation.override(language):
                    for code, label in self.choices:
                        lookup.setdefault(text.fold(str(label)), code)
                        lookup.setdefault(text.fold(code), code)
            self._lookup = lookup
        return self._lookup

    def clean(self, value, row=None, **kwargs):
        value = _cell_text(value)
        if not value:
            if self.required:
                raise ValueError(gettext("This column is required. Use one of: %(choices)s.") % self._choices())
            return ""
        code = self.lookup.get(text.fold(value))
        if code is None:
            raise ValueError(
                gettext("“%(value)s” is not a known value. Use one of: %(choices)s.")
                % {"value": value, **self._choices()}
            )
        return code

    def _choices(self):
        return {"choices": ", ".join(f"“{w}”" for w in self.words.values())}

    def render(self, value, obj=None, **kwargs):
        return self.words.get(value, value or "")


YES_WORDS = {"co", "x", "yes", "y", "true", "1", "dung"}  # folded: có, đúng
NO_WORDS = {"khong", "no", "n", "false", "0", "sai"}  # folded: không


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        value = _cell_text(value)
        if not value:
            return None
        folded = text.fold(value)
        if folded in YES_WORDS:
            return True
        if folded in NO_WORDS:
            return False
        raise ValueError(gettext("“%(value)s” is neither “Có” nor “Không”.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "Có" if value else "Không"


_DATE_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class VietnameseDateWidget(widgets.Widget):
    """dd/mm/yyyy (a date cell of an XLSX file is taken as it is)."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        value = _cell_text(value)
        if not value:
            return None
        match = _DATE_RE.match(value)
        if not match:
            raise ValueError(
                gettext("“%(value)s” is not a date written as dd/mm/yyyy (for example 31/07/1990).") % {"value": value}
            )
        day, month, year = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValueError(gettext("“%(value)s” is not a real date.") % {"value": value}) from None

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d/%m/%Y") if value else ""


_GROUPED_NUMBER = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")


class WholeNumberWidget(widgets.Widget):
    """A whole number that cannot be negative; thousands may be grouped with dots, commas or spaces."""

    def __init__(self, decimal=False):
        super().__init__()
        self.decimal = decimal

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            number = Decimal(str(value))
        else:
            value = _cell_text(value)
            if not value:
                return None
            raw = value.replace("\u00a0", " ")
            if _GROUPED_NUMBER.match(raw.lstrip("-")):
                raw = re.sub(r"[.,\s]", "", raw)
            try:
                number = Decimal(raw)
            except InvalidOperation:
                raise ValueError(gettext("“%(value)s” is not a whole number.") % {"value": value}) from None
        if number < 0:
            raise ValueError(gettext("%(value)s is negative; this number cannot be negative.") % {"value": value})
        if number != number.to_integral_value():
            raise ValueError(gettext("“%(value)s” is not a whole number.") % {"value": value})
        return number.quantize(Decimal(1)) if self.decimal else int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(int(value))


def normalise_tax_code(value):
    """Tax code as text: spaces removed; a number from a spreadsheet gets back the leading zero it lost."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value).zfill(10)
    return re.sub(r"\s+", "", _cell_text(value))


class TaxCodeWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return normalise_tax_code(value)

    def render(self, value, obj=None, **kwargs):
        return value or ""


_LEVEL_WORDS = re.compile(r"^(phuong|xa|quan|huyen|thanh pho|thi xa|thi tran|dac khu) ")


class AreaLookup:
    """Finds an administrative unit by its code or its name (units in force first), loaded once per import."""

    def __init__(self):
        self._found = {}
        self.by_code = {}
        self.by_name = defaultdict(list)
        self.by_bare_name = defaultdict(list)
        for area in Area.objects.all():
            self.by_code[area.code] = area
            folded = text.fold(area.name)
            self.by_name[folded].append(area)
            self.by_bare_name[_LEVEL_WORDS.sub("", folded)].append(area)

    @staticmethod
    def _pick(candidates):
        if len(candidates) > 1:
            current = [a for a in candidates if a.is_current()]
            candidates = current or candidates
        return candidates

    def find(self, value):
        """The unit for a cell value, or raise ValueError with a message."""
        value = _cell_text(value)
        if not value:
            return None
        if value not in self._found:
            try:
                self._found[value] = self._find(value)
            except ValueError as exc:
                self._found[value] = exc
        found = self._found[value]
        if isinstance(found, ValueError):
            raise found
        return found

    def _find(self, value):
        if value in self.by_code:
            return self.by_code[value]
        folded = text.fold(value)
        candidates = self._pick(self.by_name.get(folded, [])) or self._pick(self.by_bare_name.get(folded, []))
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise ValueError(
                gettext("“%(value)s” names several administrative units (codes %(codes)s): give the code instead.")
                % {"value": value, "codes": ", ".join(a.code for a in candidates)}
            )
        raise ValueError(
            gettext(
                "Unknown administrative unit “%(value)s”: give its name as in the list of units (e.g. “Phường Hồng "
                "Bàng”) or its code."
            )
            % {"value": value}
        )

    def label(self, area):
        """The name when it finds this unit again, else the code."""
        if area is None:
            return ""
        try:
            if self.find(area.name) == area:
                return area.name
        except ValueError:
            pass
        return area.code


class AreaWidget(widgets.Widget):
    def __init__(self):
        super().__init__()
        self._lookup = None

    @property
    def lookup(self):
        if self._lookup is None:
            self._lookup = AreaLookup()
        return self._lookup

    def clean(self, value, row=None, **kwargs):
        return self.lookup.find(value)

    def render(self, value, obj=None, **kwargs):
        return self.lookup.label(value)


class SectorsWidget(widgets.ManyToManyWidget):
    """Sectors by name, separated by ";" (a name may itself hold a comma)."""

    def __init__(self):
        super().__init__(model=Sector, separator=";", field="name")
        self._sectors = None

    @property
    def sectors(self):
        if self._sectors is None:
            self._sectors = {}
            for sector in Sector.objects.all():
                self._sectors.setdefault(text.fold(sector.name), sector)
                self._sectors.setdefault(text.fold(sector.slug.replace("-", " ")), sector)
        return self._sectors

    def clean(self, value, row=None, **kwargs):
        names = [n.strip() for n in _cell_text(value).split(";") if n.strip()]
        found, unknown = [], []
        for name in names:
            sector = self.sectors.get(text.fold(name))
            if sector is None:
                unknown.append(name)
            elif sector not in found:
                found.append(sector)
        if unknown:
            raise ValueError(
                gettext("Unknown sector %(names)s. Known sectors: %(known)s.")
                % {
                    "names": ", ".join(f"“{n}”" for n in unknown),
                    "known": ", ".join(sorted({s.name for s in self.sectors.values()})),
                }
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(s.name for s in value.all())


# ---------------------------------------------------------------------------------------------------------------
# The resource base


class PlainDiff(resources.Diff):
    """The preview's field diff as <ins>/<del> without style attributes (the Content Security Policy forbids them)."""

    def as_html(self):
        from diff_match_patch import diff_match_patch  # noqa: PLC0415
        from django.utils.html import escape  # noqa: PLC0415
        from django.utils.safestring import mark_safe  # noqa: PLC0415

        dmp = diff_match_patch()
        tags = {dmp.DIFF_INSERT: "ins", dmp.DIFF_DELETE: "del", dmp.DIFF_EQUAL: "span"}
        cells = []
        for left, right in zip(self.left, self.right, strict=False):
            if left != right and self.new:
                left = ""
            diff = dmp.diff_main(str(left), str(right))
            dmp.diff_cleanupSemantic(diff)
            html = "".join(f"<{tags[op]}>{escape(part)}</{tags[op]}>" for op, part in diff)
            cells.append(mark_safe(html))  # noqa: S308 (every part is escaped above)  # nosec B308 B703
        return cells


@dataclass
class ImportProblem:
    """One thing wrong (or worth a warning) in a file, where the spreadsheet shows it."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self):
        if self.row and self.column:
            return gettext("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row:
            return gettext("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return str(self.message)


class PortalResource(resources.ModelResource):
    """Checks columns and cells before any row is imported, reports by spreadsheet row and column, all or nothing."""

    #: columns that every file must have (headers)
    required_columns = ()
    #: model field name -> column header, for model validation errors on fields that are not import fields
    extra_error_columns = {}
    #: foreign keys the widgets have already found in the database (not looked up again by full_clean)
    resolved_fields = ()

    def __init__(self, user=None, html_diff=True, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        if not html_diff:
            # Nobody looks at a preview: no copy of each row's record, no HTML diff (unchanged rows are still found
            # by skip_row, from the values noted when the record was matched).
            self._meta = copy(self._meta)
            self._meta.skip_html_diff = True
            self._meta.skip_diff = True
        self.warnings = []
        self.row_errors = defaultdict(lambda: defaultdict(list))
        self.row_numbers = []
        self._stored = {}

    # -- columns and cells

    def columns(self):
        return [f.column_name for f in self.get_import_fields()]

    @classmethod
    def get_diff_class(cls):
        return PlainDiff

    def column_for(self, key):
        for field in self.get_import_fields():
            if key in (field.attribute, field.column_name) or (field.attribute or "").removesuffix("_id") == key:
                return field.column_name
        return self.extra_error_columns.get(key)

    def field_for_column(self, column):
        for field in self.get_import_fields():
            if field.column_name == column:
                return field
        return None

    def spreadsheet_row(self, index):
        """Spreadsheet row number of the library's 1-based row index."""
        if index and 0 < index <= len(self.row_numbers):
            return self.row_numbers[index - 1]
        return index

    def before_import(self, dataset, **kwargs):
        self.warnings = []
        self.row_errors = defaultdict(lambda: defaultdict(list))
        numbers = list(getattr(dataset, "row_numbers", None) or range(2, len(dataset) + 2))
        known = {text.fold(c): c for c in self.columns()}
        headers, keep, unknown, duplicated = [], [], [], []
        for index, header in enumerate(dataset.headers or []):
            header = text.nfc(_cell_text(header))
            key = text.fold(header)
            if not key:
                if any(not _blank(row[index]) for row in dataset):
                    unknown.append(gettext("(column %(number)s, without a header)") % {"number": index + 1})
                continue
            if key not in known:
                unknown.append(header)
            elif known[key] in headers:
                duplicated.append(header)
            else:
                headers.append(known[key])
                keep.append(index)
        missing = [c for c in self.required_columns if c not in headers]
        problems = []
        if missing:
            problems.append(
                gettext("Required columns are missing: %(columns)s.")
                % {"columns": ", ".join(f"“{c}”" for c in missing)}
            )
        if unknown:
            problems.append(
                gettext("Unknown columns: %(columns)s. The columns are: %(known)s.")
                % {"columns": ", ".join(f"“{c}”" for c in unknown), "known": ", ".join(self.columns())}
            )
        if duplicated:
            problems.append(
                gettext("These columns appear twice: %(columns)s.")
                % {"columns": ", ".join(f"“{c}”" for c in duplicated)}
            )
        rows, kept_numbers = [], []
        for position, row in enumerate(dataset):
            raw = [row[i].strip() if isinstance(row[i], str) else row[i] for i in keep]
            cells = [self._clean_cell(c) for c in raw]
            if all(_blank(c) for c in cells):
                continue
            number = numbers[position] if position < len(numbers) else position + 2
            for column, cell in zip(headers, raw, strict=True):
                if isinstance(cell, str) and cell.startswith("="):
                    self.row_errors[len(rows) + 1][self._error_key(column)].append(
                        gettext(
                            "The cell holds a formula (%(formula)s); formulas are not imported. Type the value "
                            "itself, or start the cell with an apostrophe (') to keep it as text."
                        )
                        % {"formula": cell[:40]}
                    )
            rows.append(cells)
            kept_numbers.append(number)
        dataset.wipe()
        dataset.headers = headers
        if problems:
            dataset.row_numbers = self.row_numbers = []
            raise ImportFileError(" ".join(problems))
        for cells in rows:
            dataset.append(cells)
        dataset.row_numbers = self.row_numbers = kept_numbers
        if not rows:
            raise ImportFileError(gettext("The file has no rows to import under its header row."))
        self.prepare(dataset, **kwargs)

    @staticmethod
    def _clean_cell(value):
        if isinstance(value, str):
            value = text.nfc(value).strip()
            if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
                value = value[1:]  # the text marker of a neutralised cell
        return value

    def _error_key(self, column):
        field = self.field_for_column(column)
        return field.attribute if field and field.attribute else column

    def add_row_error(self, index, key, message):
        self.row_errors[index][key].append(message)

    def add_warning(self, index, column, message):
        self.warnings.append(ImportProblem(message, self.spreadsheet_row(index), column))

    def prepare(self, dataset, **kwargs):
        """Look at all rows before the first is imported (duplicates, lookups); override."""

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        if not new:
            # The stored values, to tell an unchanged row without a copy of each record (see skip_row).
            self._stored[id(instance)] = {
                f.attribute: f.get_value(instance)
                for f in self.get_import_fields()
                if f.attribute and not isinstance(f.widget, widgets.ManyToManyWidget)
            }
        return instance, new

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged when every column in the file gives the stored value (many-to-many from the prefetched list)."""
        stored = self._stored.get(id(instance))
        if import_validation_errors or stored is None:
            return False
        for field in self.get_import_fields():
            if not field.attribute or field.column_name not in row:
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                wanted = sorted(s.pk for s in field.clean(row))
                if wanted != sorted(s.pk for s in field.get_value(instance).all()):
                    return False
            elif field.get_value(instance) != stored[field.attribute]:
                return False
        return True

    # -- rows

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as exc:
                    errors.setdefault(field.attribute, []).append(str(exc))
        for key, found in self.row_errors.get(kwargs.get("row_number"), {}).items():
            errors.setdefault(key, []).extend(found)
        self.check_row(instance, row, errors, **kwargs)
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance, row, errors, **kwargs):
        """Add warnings or errors for a row after its cells are read; override."""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Uniqueness is the import's own business (matching, duplicate rows); model rules come from clean().
        errors = dict(import_validation_errors or {})
        exclude = [*errors, *self.resolved_fields, *self._untouched_fields()]
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _untouched_fields(self):
        """Model fields no column sets (their stored or default values were validated when they were saved)."""
        if not hasattr(self, "_untouched"):
            attributes = {(f.attribute or "").removesuffix("_id") for f in self.get_import_fields()}
            self._untouched = [
                f.name for f in self._meta.model._meta.concrete_fields if f.name not in attributes and not f.primary_key
            ]
        return self._untouched

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user") or self.user
        if user is not None and getattr(user, "pk", None):
            instance._history_user = user
        file_name = kwargs.get("file_name")
        instance._change_reason = (
            gettext("Imported from %(file)s") % {"file": file_name} if file_name else gettext("Imported from a file")
        )

    # -- the whole import

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        """All or nothing: always in a transaction, rolled back on any error or invalid row."""
        kwargs.pop("rollback_on_validation_errors", None)
        if len(dataset) > PREVIEW_DIFF_ROWS and not self._meta.skip_diff:
            # Nobody reads a diff of thousands of rows: the preview then shows what happens to each row, quickly.
            self._meta = copy(self._meta)
            self._meta.skip_diff = self._meta.skip_html_diff = True
        result = super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=True,
            rollback_on_validation_errors=True,
            **kwargs,
        )
        self.describe(result)
        written = any(result.totals.get(kind) for kind in ("new", "update", "delete"))
        if not dry_run and written and not result.problems:
            # Rows go in with bulk_create/bulk_update (and the admin logs them in bulk): no signal reaches the page
            # cache, so the data version is bumped here and cached pages, counts and figures are recomputed.
            bump_version()
        return result

    def describe(self, result):
        """Put `problems` and `warnings` (ImportProblem lists) and spreadsheet row numbers on the result."""
        problems = []
        for error in result.base_errors:
            if isinstance(error.error, ImportFileError):
                problems.append(ImportProblem(str(error.error)))
            else:
                problems.append(
                    ImportProblem(gettext("The import failed: %(error)s") % {"error": error.error.__class__.__name__})
                )
        for error_row in result.error_rows:
            error_row.number = self.spreadsheet_row(error_row.number)
            for error in error_row.errors:
                problems.append(ImportProblem(str(error.error), error_row.number))
        for invalid in result.invalid_rows:
            invalid.number = self.spreadsheet_row(invalid.number)
            for key, found in invalid.error_dict.items():
                column = None if key == NON_FIELD_ERRORS else self.column_for(key)
                for message in found:
                    problems.append(ImportProblem(message, invalid.number, column))
        problems.sort(key=lambda p: p.row or 0)
        result.problems = problems
        result.warnings = sorted(self.warnings, key=lambda p: p.row or 0)
        return result

    def export(self, queryset=None, **kwargs):
        from django.utils import translation  # noqa: PLC0415

        with translation.override("vi"):
            return super().export(queryset, **kwargs)

    @classmethod
    def template_dataset(cls):
        """An empty file with the column headers, to fill in."""
        return tablib.Dataset(headers=cls().get_export_headers())


# ---------------------------------------------------------------------------------------------------------------
# Member organizations


KIND_WORDS = {
    Organization.Kind.COOPERATIVE: "Hợp tác xã",
    Organization.Kind.COOPERATIVE_UNION: "Liên hiệp hợp tác xã",
    Organization.Kind.COOPERATIVE_GROUP: "Tổ hợp tác",
    Organization.Kind.ENTERPRISE: "Doanh nghiệp",
    Organization.Kind.OTHER: "Khác",
}
KIND_ALIASES = {"HTX": "cooperative", "Liên hiệp HTX": "cooperative_union", "LH HTX": "cooperative_union",
                "THT": "cooperative_group", "DN": "enterprise", "Công ty": "enterprise"}  # fmt: skip
LEGAL_FORM_WORDS = {
    Organization.LegalForm.LLC: "Công ty TNHH",
    Organization.LegalForm.LLC_ONE_MEMBER: "Công ty TNHH một thành viên",
    Organization.LegalForm.JOINT_STOCK: "Công ty cổ phần",
    Organization.LegalForm.PRIVATE: "Doanh nghiệp tư nhân",
    Organization.LegalForm.PARTNERSHIP: "Công ty hợp danh",
}
LEGAL_FORM_ALIASES = {"TNHH": "llc", "TNHH 1 thành viên": "llc_one_member", "TNHH MTV": "llc_one_member",
                      "Cổ phần": "joint_stock", "CP": "joint_stock", "Tư nhân": "private", "DNTN": "private",
                      "Hợp danh": "partnership"}  # fmt: skip
STATUS_WORDS = {
    Organization.Status.ACTIVE: "Đang hoạt động",
    Organization.Status.SUSPENDED: "Tạm ngừng hoạt động",
    Organization.Status.WITHDRAWN: "Đã ra khỏi Liên minh",
}
STATUS_ALIASES = {"Hoạt động": "active", "Tạm ngừng": "suspended", "Đã rút": "withdrawn",
                  "Ra khỏi Liên minh": "withdrawn", "Đã ra khỏi": "withdrawn"}  # fmt: skip

ORG_COLUMNS = {
    "name": "Tên",
    "short_name": "Tên viết tắt",
    "name_en": "Tên tiếng Anh",
    "kind": "Loại hình",
    "legal_form": "Loại hình doanh nghiệp",
    "tax_code": "Mã số thuế",
    "sectors": "Ngành nghề",
    "area": "Đơn vị hành chính",
    "address": "Địa chỉ",
    "representative_name": "Người đại diện",
    "representative_title": "Chức vụ người đại diện",
    "phone": "Điện thoại",
    "email": "Email",
    "website": "Website",
    "contacts_public": "Công khai liên hệ",
    "founded_on": "Ngày thành lập",
    "joined_on": "Ngày gia nhập",
    "status": "Trạng thái",
    "status_changed_on": "Ngày thay đổi trạng thái",
    "member_count": "Số thành viên",
    "worker_count": "Số lao động",
    "charter_capital": "Vốn điều lệ",
    "description": "Mô tả",
    "is_published": "Công bố",
}


def _update_rows(objs, field_names):
    """UPDATE each row with one prepared statement (Django's bulk_update builds CASE expressions that grow with
    rows x columns and take minutes for 10,000 rows)."""
    model = type(objs[0])
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    model_fields = [model._meta.get_field(name) for name in field_names]
    # Only quoted column names from the model's metadata go into the text; every value is a parameter.
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608  # nosec B608
        quote(model._meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in model_fields),
        quote(model._meta.pk.column),
    )
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in model_fields] + [obj.pk] for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _field(name, widget, **kwargs):
    return fields.Field(attribute=name, column_name=ORG_COLUMNS[name], widget=widget, **kwargs)


class OrganizationResource(PortalResource):
    """Member organizations: matched by tax code when the row has one, else by name and administrative unit."""

    name = _field("name", TextWidget())
    short_name = _field("short_name", TextWidget())
    name_en = _field("name_en", TextWidget())
    kind = _field("kind", ChoiceWidget(KIND_WORDS, Organization.Kind.choices, KIND_ALIASES, required=True))
    legal_form = _field(
        "legal_form", ChoiceWidget(LEGAL_FORM_WORDS, Organization.LegalForm.choices, LEGAL_FORM_ALIASES)
    )
    tax_code = _field("tax_code", TaxCodeWidget())
    sectors = _field("sectors", SectorsWidget())
    area = _field("area", AreaWidget())
    address = _field("address", TextWidget())
    representative_name = _field("representative_name", TextWidget())
    representative_title = _field("representative_title", TextWidget())
    phone = _field("phone", TextWidget())
    email = _field("email", TextWidget())
    website = _field("website", TextWidget())
    contacts_public = _field("contacts_public", YesNoWidget(), default=False)
    founded_on = _field("founded_on", VietnameseDateWidget())
    joined_on = _field("joined_on", VietnameseDateWidget())
    status = _field(
        "status",
        ChoiceWidget(STATUS_WORDS, Organization.Status.choices, STATUS_ALIASES),
        default=Organization.Status.ACTIVE,
    )
    status_changed_on = _field("status_changed_on", VietnameseDateWidget())
    member_count = _field("member_count", WholeNumberWidget())
    worker_count = _field("worker_count", WholeNumberWidget())
    charter_capital = _field("charter_capital", WholeNumberWidget(decimal=True))
    description = _field("description", TextWidget())
    is_published = _field("is_published", YesNoWidget(), default=True)

    required_columns = (ORG_COLUMNS["name"], ORG_COLUMNS["kind"], ORG_COLUMNS["tax_code"], ORG_COLUMNS["area"])
    resolved_fields = ("area",)

    class Meta:
        model = Organization
        name = _("Member organizations")
        fields = tuple(ORG_COLUMNS)
        import_order = export_order = tuple(ORG_COLUMNS)
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True
        # Rows are checked one by one, then written in batches (bulk_create/bulk_update with search and sort columns
        # filled, sectors and history written in bulk too): a 10,000-row file takes seconds, not minutes.
        use_bulk = True
        batch_size = 1000

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._by_tax = {}
        self._by_name_area = {}
        self._instances = {}
        self._row_keys = {}
        self._wanted_sectors = {}
        self._current = None
        self._columns_in_file = set()
        self._slugs = None

    def save_m2m(self, instance, row, **kwargs):
        field = self.fields["sectors"]
        if field.column_name in row:
            self._wanted_sectors[id(instance)] = sorted(s.pk for s in field.clean(row))

    def _assign_slugs(self, objs):
        if self._slugs is None:
            self._slugs = set(Organization.objects.values_list("slug", flat=True))
        max_length = Organization._meta.get_field("slug").max_length
        for obj in objs:
            if obj.slug:
                continue
            base = (text.vi_slugify(obj.name) or "muc")[: max_length - 8].strip("-")
            candidate, n = base, 1
            while candidate in self._slugs:
                n += 1
                candidate = f"{base}-{n}"
            obj.slug = candidate
            self._slugs.add(candidate)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        objs = list(self.create_instances)
        self.create_instances.clear()
        if not objs:
            return
        try:
            self._assign_slugs(objs)
            for obj in objs:
                obj.refresh_derived()
            Organization.objects.bulk_create(objs, batch_size=500)
            self._write_sectors(objs, replace=False)
            self._write_history(objs, update=False)
        except Exception as exc:  # noqa: BLE001 (reported as the import's error, and everything is rolled back)
            self.handle_import_error(result, exc, raise_errors)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        objs = list(self.update_instances)
        self.update_instances.clear()
        if not objs:
            return
        try:
            now = timezone.now()
            for obj in objs:
                obj.refresh_derived()
                obj.updated_at = now
                obj.version += 1
            columns = [
                f.attribute
                for f in self.get_import_fields()
                if f.column_name in self._columns_in_file and not isinstance(f.widget, widgets.ManyToManyWidget)
            ]
            update_fields = [*columns, "search_text", "search_exact", "sort_key", "slug", "updated_at", "version"]
            _update_rows(objs, update_fields)
            changed = [
                o
                for o in objs
                if id(o) in self._wanted_sectors
                and self._wanted_sectors[id(o)] != sorted(s.pk for s in o.sectors.all())
            ]
            self._write_sectors(changed, replace=True)
            self._write_history(objs, update=True)
        except Exception as exc:  # noqa: BLE001 (reported as the import's error, and everything is rolled back)
            self.handle_import_error(result, exc, raise_errors)

    def _write_sectors(self, objs, replace):
        through = Organization.sectors.through
        if replace:
            ids = [o.pk for o in objs]
            for start in range(0, len(ids), 500):
                through.objects.filter(organization_id__in=ids[start : start + 500]).delete()
        rows = [
            through(organization_id=o.pk, sector_id=sector_id)
            for o in objs
            for sector_id in self._wanted_sectors.get(id(o), [])
        ]
        through.objects.bulk_create(rows, batch_size=500)

    def _write_history(self, objs, update):
        """One history row per organization (who, when, why), with its sectors, as a save() would record."""
        default_reason = objs[0]._change_reason if objs and hasattr(objs[0], "_change_reason") else ""
        history = Organization.history.bulk_history_create(
            objs, batch_size=500, update=update, default_user=self.user, default_change_reason=default_reason
        )
        m2m_model = Organization.history.model._meta.get_field("historicalorganization_sectors").related_model
        by_org = defaultdict(list)
        ids = [o.pk for o in objs]
        through = Organization.sectors.through
        for start in range(0, len(ids), 500):
            for row in through.objects.filter(organization_id__in=ids[start : start + 500]).values_list(
                "id", "organization_id", "sector_id"
            ):
                by_org[row[1]].append(row)
        rows = [
            m2m_model(history_id=h.pk, id=row_id, organization_id=org_id, sector_id=sector_id)
            for h in history
            for row_id, org_id, sector_id in by_org.get(h.id, [])
        ]
        m2m_model.objects.bulk_create(rows, batch_size=500)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._columns_in_file = set(dataset.headers or [])

    @property
    def areas(self):
        return self.fields["area"].widget.lookup

    def _row_key(self, row):
        """(tax code, (folded name, area id)) of a row, as used for matching and for duplicates."""
        tax = normalise_tax_code(row.get(ORG_COLUMNS["tax_code"]))
        try:
            area = self.areas.find(row.get(ORG_COLUMNS["area"]))
        except ValueError:
            area = None
        name = text.fold(_cell_text(row.get(ORG_COLUMNS["name"])))
        return tax, (name, area.pk if area else None)

    def prepare(self, dataset, **kwargs):
        """Find duplicate rows, and load the organizations the rows may match, in a few queries."""
        taxes_seen, names_seen = {}, {}
        for index, values in enumerate(dataset, start=1):
            row = dict(zip(dataset.headers, values, strict=True))
            tax, name_key = self._row_key(row)
            self._row_keys[index] = (tax, name_key)
            if tax:
                if tax in taxes_seen:
                    self.add_row_error(
                        index,
                        "tax_code",
                        gettext("Row %(row)s has the same tax code: each organization must appear once.")
                        % {"row": self.spreadsheet_row(taxes_seen[tax])},
                    )
                else:
                    taxes_seen[tax] = index
            if name_key[0]:
                for other_index, other_tax in names_seen.get(name_key, []):
                    if not tax or not other_tax:
                        self.add_row_error(
                            index,
                            "name",
                            gettext(
                                "Row %(row)s has the same name and administrative unit: each organization must "
                                "appear once (give different tax codes if these really are two organizations)."
                            )
                            % {"row": self.spreadsheet_row(other_index)},
                        )
                        break
                names_seen.setdefault(name_key, []).append((index, tax))
        # What the rows may match: every organization's key columns (a few MB for 100,000 members).
        wanted_names = {key[1][0] for key in self._row_keys.values()}
        for pk, tax, name, area_id in Organization.objects.values_list("pk", "tax_code", "name", "area_id"):
            if tax:
                self._by_tax[tax] = pk
            folded = text.fold(name)
            if folded in wanted_names:
                self._by_name_area.setdefault((folded, area_id), []).append((pk, tax))
        wanted = set()
        for tax, name_key in self._row_keys.values():
            pk = self._match(tax, name_key)
            if pk:
                wanted.add(pk)
        wanted = sorted(wanted)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            queryset = Organization.objects.filter(pk__in=chunk).select_related("area")
            queryset = queryset.prefetch_related(Prefetch("sectors", queryset=Sector.objects.all()))
            for organization in queryset:
                self._instances[organization.pk] = organization

    def _match(self, tax, name_key):
        if tax and tax in self._by_tax:
            return self._by_tax[tax]
        candidates = self._by_name_area.get(name_key, []) if name_key[0] else []
        if tax:
            candidates = [c for c in candidates if not c[1]]  # a row with a new tax code may complete one without
        return candidates[0][0] if len(candidates) == 1 else None

    def before_import_row(self, row, **kwargs):
        self._current = kwargs.get("row_number")

    def get_instance(self, instance_loader, row):
        tax, name_key = self._row_keys.get(self._current) or self._row_key(row)
        pk = self._match(tax, name_key)
        return self._instances.get(pk) if pk else None

    def check_row(self, instance, row, errors, **kwargs):
        index = kwargs.get("row_number")
        raw = row.get(ORG_COLUMNS["tax_code"])
        if "tax_code" not in errors and instance.tax_code:
            if isinstance(raw, (int, float)) and not isinstance(raw, bool) and len(str(int(raw))) < 10:
                self.add_warning(
                    index,
                    ORG_COLUMNS["tax_code"],
                    gettext(
                        "The tax code was a number in the spreadsheet and had lost its leading zero; it was read "
                        "as %(code)s. Format the column as text."
                    )
                    % {"code": instance.tax_code},
                )
            from .validators import TAX_CODE_RE  # noqa: PLC0415

            if TAX_CODE_RE.match(instance.tax_code) and not tax_code_checksum_ok(instance.tax_code):
                self.add_warning(
                    index,
                    ORG_COLUMNS["tax_code"],
                    gettext(
                        "The check digit of tax code %(code)s does not match; it is imported as written, but check it."
                    )
                    % {"code": instance.tax_code},
                )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("area").prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.order_by("order", "name"))
        )

    def dehydrate_sectors(self, organization):
        return "; ".join(s.name for s in organization.sectors.all())

    def dehydrate_area(self, organization):
        return self.areas.label(organization.area)


# ---------------------------------------------------------------------------------------------------------------
# The admin: the same resources, CSV and XLSX only, a template file, messages in Vietnamese


class PortalImportForm(ImportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["import_file"].label = _("File to import")
        self.fields["import_file"].help_text = _("A .csv file (UTF-8) or an .xlsx file, at most %(limit)s MB.") % {
            "limit": f"{max_bytes() / 1048576:.0f}"
        }
        self.fields["format"].label = _("File type")

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > max_bytes():
            raise ValidationError(
                _("The file is too large (%(size)s MB); the limit is %(limit)s MB. Split it into several files.")
                % {"size": f"{upload.size / 1048576:.1f}", "limit": f"{max_bytes() / 1048576:.0f}"}
            )
        return upload


class PortalExportForm(ExportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].label = _("File type")


class PortalImportExportMixin(ImportMixin, ExportActionMixin):
    """Import (with preview and confirmation) and export for an admin; mix in before SimpleHistoryAdmin.

    Export takes the changelist's current filter and search ("Export" button) or the selected rows (the "Export
    selected" action), always with every column (no column picking), so an exported file imports back unchanged.
    """

    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    change_form_template = None  # keep the admin's own change form (and its object tools)
    show_change_form_export = False

    import_formats = FORMATS
    export_formats = FORMATS
    import_form_class = PortalImportForm
    export_form_class = PortalExportForm
    import_template_name = "admin/import_export/portal_import.html"
    skip_admin_log = False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "export_admin_action" in actions:
            func, name, _description = actions["export_admin_action"]
            actions["export_admin_action"] = (func, name, _("Export the selected %(verbose_name_plural)s"))
        return actions

    def has_import_permission(self, request):
        """Importing adds and changes records: both permissions are needed (a read-only role cannot import)."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_urls(self):
        info = self.get_model_info()
        return [
            path(
                "import-template.<str:fmt>",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
        ] + super().get_urls()

    def import_template_view(self, request, fmt):
        """The empty file with the column headers (CSV or XLSX)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if fmt not in ("csv", "xlsx"):
            from django.http import Http404  # noqa: PLC0415

            raise Http404
        resource_class = self.get_import_resource_classes(request)[0]
        file_format = format_for(fmt)()
        response = HttpResponse(
            file_format.export_data(resource_class.template_dataset()), content_type=file_format.get_content_type()
        )
        response["Content-Disposition"] = f'attachment; filename="{self.model._meta.model_name}-mau.{fmt}"'
        return response

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                _(
                    "The file cannot be read. Check that it is a .csv (UTF-8) or .xlsx file and that the format matches."
                ),
            )

    def add_success_message(self, result, request):
        messages.success(request, summary_message(result))

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["portal_template_url_name"] = "admin:{}_{}_import_template".format(*self.get_model_info())
        return context


def summary_message(result):
    """“Import finished: N new, N updated, N unchanged.” from an import result."""
    totals = result.totals
    return gettext("Import finished: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.") % {
        "new": totals["new"],
        "updated": totals["update"],
        "unchanged": totals["skip"],
    }
