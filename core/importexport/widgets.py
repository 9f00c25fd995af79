"""Widgets that know no model: one spreadsheet cell <-> one value, with messages that say what is wrong."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext
from import_export import widgets

from core import text

YES_WORDS = {"co", "x", "yes", "y", "true", "1", "dung"}  # folded: có, đúng
NO_WORDS = {"khong", "no", "n", "false", "0", "sai"}  # folded: không

_DATE_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_GROUPED_NUMBER = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")


def cell_text(value):
    """A cell as trimmed text: "" for an empty cell, 12 for 12.0, a date as dd/mm/yyyy."""
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
    """Text as the cell shows it, trimmed."""

    def clean(self, value, row=None, **kwargs):
        return cell_text(value)

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
        """Folded word -> value; built on first use, when translations (or the database) can be read."""
        if self._lookup is None:
            self._lookup = self.build_lookup()
        return self._lookup

    def build_lookup(self):
        """Folded word -> code, from the file words, the aliases, and the labels in Vietnamese and English."""
        lookup = {text.fold(word): code for code, word in self.words.items()}
        for alias, code in self.aliases.items():
            lookup.setdefault(text.fold(alias), code)
        for language in ("vi", "en"):
            with translation.override(language):
                for code, label in self.choices:
                    lookup.setdefault(text.fold(str(label)), code)
                    lookup.setdefault(text.fold(code), code)
        return lookup

    def clean(self, value, row=None, **kwargs):
        value = cell_text(value)
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


class YesNoWidget(widgets.Widget):
    """Có or Không (and the usual yes/no words); an empty cell is None."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        value = cell_text(value)
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


class VietnameseDateWidget(widgets.Widget):
    """dd/mm/yyyy (a date cell of an XLSX file is taken as it is)."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        value = cell_text(value)
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
            value = cell_text(value)
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
