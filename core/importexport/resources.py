"""The base of every import: `PortalResource`, the problems it reports (`ImportProblem`) and its preview diff.

`PortalResource` checks the columns, refuses formulas, numbers every problem by the row as the spreadsheet numbers
it, collects warnings, and writes all rows or none.
"""

from collections import defaultdict
from copy import copy
from dataclasses import dataclass

import tablib
from diff_match_patch import diff_match_patch
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from import_export import resources, widgets

from core import text
from core.cache import bump_version

from .files import ImportFileError, is_blank
from .widgets import cell_text

# Above this many rows the admin's preview shows what happens to each row without a field-by-field diff.
PREVIEW_DIFF_ROWS = 500


class PlainDiff:
    """The preview's field diff as <ins>/<del> without style attributes (the Content Security Policy forbids them).

    The class a resource's `get_diff_class()` names: made from the record before the row is imported, compared with
    it afterwards, shown as one HTML cell per import column.
    """

    def __init__(self, resource, instance, new):
        self.before = self._values(resource, instance)
        self.after = []
        self.new = new

    @staticmethod
    def _values(resource, instance):
        return [field.export(instance) for field in resource.get_import_fields()]

    def compare_with(self, resource, instance):
        self.after = self._values(resource, instance)

    def as_html(self):
        dmp = diff_match_patch()
        tags = {dmp.DIFF_INSERT: "ins", dmp.DIFF_DELETE: "del", dmp.DIFF_EQUAL: "span"}
        cells = []
        for before, after in zip(self.before, self.after, strict=False):
            if before != after and self.new:
                before = ""
            diff = dmp.diff_main(str(before), str(after))
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
            # Nobody looks at a preview (unchanged rows are still found by skip_row, from the values noted when the
            # record was matched).
            self._skip_diffs()
        self.warnings = []
        self.row_errors = defaultdict(lambda: defaultdict(list))
        self.row_numbers = []
        self._stored = {}

    def _skip_diffs(self):
        """No copy of each row's record and no HTML diff, for this resource only.

        import-export reads `skip_diff` and `skip_html_diff` from the resource's options (`_meta`, built from Meta)
        and has no per-import switch, so this resource gets its own copy of the options, changed.
        """
        self._meta = copy(self._meta)
        self._meta.skip_diff = self._meta.skip_html_diff = True

    @classmethod
    def get_diff_class(cls):
        return PlainDiff

    # -- columns and cells

    def columns(self):
        return [f.column_name for f in self.get_import_fields()]

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
        """Keep the known columns and the non-blank rows, refuse a file whose columns are wrong, then prepare."""
        self.warnings = []
        self.row_errors = defaultdict(lambda: defaultdict(list))
        numbers = list(getattr(dataset, "row_numbers", None) or range(2, len(dataset) + 2))
        headers, keep, problems = self._match_headers(dataset)
        rows, kept_numbers = self._read_rows(dataset, headers, keep, numbers)
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

    def _match_headers(self, dataset):
        """The file's headers as the resource spells them, their positions, and the problems with the columns."""
        known = {text.fold(c): c for c in self.columns()}
        headers, keep, unknown, duplicated = [], [], [], []
        for index, header in enumerate(dataset.headers or []):
            header = text.nfc(cell_text(header))
            key = text.fold(header)
            if not key:
                if any(not is_blank(row[index]) for row in dataset):
                    unknown.append(gettext("(column %(number)s, without a header)") % {"number": index + 1})
                continue
            if key not in known:
                unknown.append(header)
            elif known[key] in headers:
                duplicated.append(header)
            else:
                headers.append(known[key])
                keep.append(index)
        return headers, keep, self._column_problems(headers, unknown, duplicated)

    def _column_problems(self, headers, unknown, duplicated):
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
        return problems

    def _read_rows(self, dataset, headers, keep, numbers):
        """The cleaned cells of the kept columns of each non-blank row, and each row's spreadsheet number."""
        rows, kept_numbers = [], []
        for position, row in enumerate(dataset):
            raw = [row[i].strip() if isinstance(row[i], str) else row[i] for i in keep]
            cells = [self._clean_cell(c) for c in raw]
            if all(is_blank(c) for c in cells):
                continue
            self._refuse_formulas(len(rows) + 1, headers, raw)
            rows.append(cells)
            kept_numbers.append(numbers[position] if position < len(numbers) else position + 2)
        return rows, kept_numbers

    def _refuse_formulas(self, index, headers, raw):
        for column, cell in zip(headers, raw, strict=True):
            if isinstance(cell, str) and cell.startswith("="):
                self.add_row_error(
                    index,
                    self._error_key(column),
                    gettext(
                        "The cell holds a formula (%(formula)s); formulas are not imported. Type the value "
                        "itself, or start the cell with an apostrophe (') to keep it as text."
                    )
                    % {"formula": cell[:40]},
                )

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
        exclude = [*errors, *self.resolved_fields, *self.untouched_fields()]
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def untouched_fields(self):
        """Model fields no column sets (their stored or default values were validated when they were saved)."""
        if not hasattr(self, "_untouched"):
            attributes = {(f.attribute or "").removesuffix("_id") for f in self.get_import_fields()}
            model = self.get_queryset().model
            self._untouched = [
                f.name for f in model._meta.concrete_fields if f.name not in attributes and not f.primary_key
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
        if len(dataset) > PREVIEW_DIFF_ROWS:
            # Nobody reads a diff of thousands of rows: the preview then shows what happens to each row, quickly.
            self._skip_diffs()
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
        with translation.override("vi"):
            return super().export(queryset, **kwargs)

    @classmethod
    def template_dataset(cls):
        """An empty file with the column headers, to fill in."""
        return tablib.Dataset(headers=cls().get_export_headers())
