"""Reading and writing spreadsheet files: CSV and XLSX to a Dataset, refusing what cannot be read honestly.

Reading a file (`read_dataset`) refuses a file that is not UTF-8, a garbled one, an oversized one, a broken XLSX.
Exported cells that a spreadsheet would run as a formula are neutralised with a leading apostrophe (the resource
takes it off again on import), so an exported file imports back unchanged.
"""

import csv
import io
import re
import zipfile

import tablib
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from import_export.formats import base_formats

from core.text import neutralise

# Two or more of these pairs mean UTF-8 text that was decoded as Windows-125x and saved again ("Há»£p tÃ¡c xÃ£").
_MOJIBAKE = re.compile(r"[\u00c2-\u00c6\u00e1][\u0080-\u00bf]")

# Unpacked size of an XLSX file, to refuse a decompression bomb before openpyxl opens it.
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024


def max_bytes():
    """The largest file an import accepts (settings.PORTAL_IMPORT_MAX_BYTES)."""
    return getattr(settings, "PORTAL_IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def max_rows():
    """The most rows a file may hold (settings.PORTAL_IMPORT_MAX_ROWS)."""
    return getattr(settings, "PORTAL_IMPORT_MAX_ROWS", 50_000)


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return str(self.message)


def is_blank(value):
    """True for an empty cell: None, or text of nothing but spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def neutralised(dataset):
    """A copy of `dataset` with every cell neutralised."""
    safe = tablib.Dataset(headers=[neutralise(h) for h in (dataset.headers or [])], title=dataset.title)
    for row in dataset:
        safe.append([neutralise(cell) for cell in row])
    return safe


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


def _build_dataset(records):
    """A Dataset from (spreadsheet row number, cells) records: the first is the header row, blank rows are dropped.

    The dataset remembers each row's number in the spreadsheet as `row_numbers`, for messages.
    """
    records = iter(records)
    for _number, header in records:
        if not all(is_blank(c) for c in header):
            break
    else:
        raise ImportFileError(_("The file is empty: the first row must hold the column headers."))
    headers = ["" if h is None else str(h) for h in header]
    width = len(headers)
    rows, numbers = [], []
    for number, cells in records:
        cells = list(cells)
        if all(is_blank(c) for c in cells):
            continue
        if len(cells) > width:
            if any(not is_blank(c) for c in cells[width:]):
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
    """The format class for "csv" or "xlsx"; any other file type is refused with a message."""
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
