"""Column values of synthetic organizations worked out in memory: search and sort fields, unique slugs and tax codes."""

import functools

from core import text
from members.models import Organization
from members.validators import make_tax_code

_SORT_KEY_SPACE = "01"  # what core.text.sort_key puts between words


@functools.lru_cache(maxsize=65536)
def _fold_exact(word):
    if word.isascii():
        return word.lower(), word.lower()
    return text.fold(word), text.exact(word)


@functools.lru_cache(maxsize=65536)
def _sort_parts(word):
    """The (primary, tones) halves of text.sort_key(word); a key is two-digit units, "00" ends the primary part."""
    key = text.sort_key(word)
    pairs = [key[i : i + 2] for i in range(0, len(key), 2)]
    cut = pairs.index("00") if "00" in pairs else len(pairs)
    return "".join(pairs[:cut]), key[2 * cut + 2 :]


def fill_derived(org):
    """Organization.refresh_derived() for rows whose slug is already set, computed word by word from caches.

    The same values as refresh_derived (a test compares them row by row) at a fraction of the cost, since 100,000
    synthetic names are built from a few hundred words.
    """
    searchable = " ".join(filter(None, [org.name, org.short_name, org.name_en, org.tax_code, org.representative_name]))
    parts = [_fold_exact(word) for word in searchable.split()]
    org.search_text = " ".join(p[0] for p in parts if p[0])
    org.search_exact = " ".join(p[1] for p in parts)
    name_parts = [_sort_parts(word) for word in org.name.split()]
    primary = _SORT_KEY_SPACE.join(p[0] for p in name_parts if p[0])
    org.sort_key = (primary + "00" + "".join(p[1] for p in name_parts))[: text.SORT_KEY_LENGTH]


class Slugs:
    """Unique slugs computed in memory against the slugs already in the table (loaded once), or against `taken`."""

    def __init__(self, taken=None):
        self.taken = set(Organization.objects.values_list("slug", flat=True)) if taken is None else set(taken)
        self.next_suffix = {}
        self.max_length = Organization._meta.get_field("slug").max_length

    def make(self, name):
        base = (text.vi_slugify(name) or "muc")[: self.max_length - 8].strip("-")
        candidate = base
        n = self.next_suffix.get(base, 1)
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.next_suffix[base] = n
        self.taken.add(candidate)
        return candidate


class TaxCodes:
    """Unique, valid Hải Phòng-style tax codes (02...), checked in memory against the codes already in the table (or
    against `taken`)."""

    def __init__(self, rng, taken=None):
        self.rng = rng
        if taken is None:
            taken = Organization.objects.exclude(tax_code="").values_list("tax_code", flat=True)
        self.taken = set(taken)

    def make(self):
        while True:
            code = make_tax_code(f"02{self.rng.randint(0, 9_999_999):07d}")
            if code is None:
                continue
            if self.rng.random() < 0.04:
                code = f"{code}-{self.rng.randint(1, 20):03d}"
            if code not in self.taken:
                self.taken.add(code)
                return code
