"""Vietnamese text: folding for search, alphabetical sort keys and ASCII slugs.

Shared by every app (members is the ground floor), so search, ordering and slugs behave the same everywhere.
"""

import re
import unicodedata

from django.utils.text import slugify

# Letters of the Vietnamese alphabet in order, with the foreign letters F J W Z where Latin order puts them.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
# Combining marks that are tones (not letters): none < huyền < hỏi < ngã < sắc < nặng, as in Vietnamese dictionaries.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Digits sort before letters; each primary unit is two digits 10..99, "00" ends the primary part, "01" is a space.
_PRIMARY = {str(d): f"{10 + d:02d}" for d in range(10)}
_PRIMARY.update({letter: f"{20 + i:02d}" for i, letter in enumerate(_ALPHABET)})
_SPACE = "01"
SORT_KEY_LENGTH = 255


def nfc(value):
    return unicodedata.normalize("NFC", value or "")


def fold(value):
    """Lower-case `value` and strip every diacritic, đ included: "Thắng THỦY Đức" -> "thang thuy duc".

    Accepts any Unicode normalization form. Runs of white space become one space.
    """
    text = unicodedata.normalize("NFD", value or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def exact(value):
    """Lower-case NFC text, diacritics kept: used to rank matches that have the diacritics the user typed."""
    return " ".join(nfc(value).lower().split())


def _split_letter(ch):
    """Return (base letter with its vowel marks, tone rank) for one NFC character, lower-cased."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    tone = 0
    kept = []
    for part in decomposed:
        if part in _TONES:
            tone = _TONES[part]
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def sort_key(value):
    """A key that orders strings in Vietnamese alphabetical order on any database.

    Letters compare first (A Ă Â B C D Đ E Ê ...), tones only break ties (tones after the bare letter). The key is
    made of ASCII digits only, so SQLite and PostgreSQL, whatever their collation, sort it the same way.
    """
    primary, tones = [], []
    for ch in nfc(value):
        if ch.isspace():
            if primary and primary[-1] != _SPACE:
                primary.append(_SPACE)
            continue
        base, tone = _split_letter(ch)
        code = _PRIMARY.get(base)
        if code is None:
            folded = fold(base)
            code = _PRIMARY.get(folded[:1]) if folded else None
        if code is None:
            continue  # punctuation and symbols do not take part in the order
        primary.append(code)
        tones.append(str(tone))
    key = "".join(primary)
    return (key + "00" + "".join(tones))[:SORT_KEY_LENGTH]


def given_name_sort_key(full_name):
    """Vietnamese lists of people are ordered by given name (the last word), then by the full name."""
    words = nfc(full_name).split()
    given = words[-1] if words else ""
    return sort_key(f"{given} {full_name}")


def vi_slugify(value):
    """ASCII slug from a Vietnamese name: "HTX Nông nghiệp Thắng Thủy" -> "htx-nong-nghiep-thang-thuy"."""
    return slugify(nfc(value).replace("đ", "d").replace("Đ", "D"))


def unique_slug(instance, value, field="slug", max_length=None):
    """A slug for `instance` from `value` that no other row of its model has, adding -2, -3 ... when needed."""
    model = type(instance)
    max_length = max_length or model._meta.get_field(field).max_length
    base = (vi_slugify(value) or "muc")[: max_length - 8].strip("-")
    candidate, n = base, 1
    others = model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager.all()
    while others.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# Spreadsheet cells: a text that starts like a formula would be run by Excel or LibreOffice (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CELL_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def neutralise(value):
    """A text cell that no spreadsheet runs as a formula: control characters dropped, and a leading apostrophe
    before = + - @ tab CR. Other values are returned as they are."""
    if not isinstance(value, str):
        return value
    value = _CELL_CONTROL.sub("", value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
