"""Import widgets that know the members' tables: tax codes, administrative units and sectors in a spreadsheet cell."""

import re
from collections import defaultdict

from django.utils.translation import gettext
from import_export import widgets

from core import text
from core.importexport.widgets import cell_text

from .models import Area, Sector


def normalise_tax_code(value):
    """Tax code as text: spaces removed; a number from a spreadsheet gets back the leading zero it lost."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value).zfill(10)
    return re.sub(r"\s+", "", cell_text(value))


class TaxCodeWidget(widgets.Widget):
    """A tax code cell, normalised (see normalise_tax_code)."""

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
        value = cell_text(value)
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
    """An administrative unit by its code or name, written back as the name when that finds it again."""

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
        names = [n.strip() for n in cell_text(value).split(";") if n.strip()]
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
