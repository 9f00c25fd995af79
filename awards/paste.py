"""Paste the list: a decision's recipients copied from Word or Excel, read line by line and matched to the register.

`parse()` reads the pasted text (tab-separated cells from Excel or a Word table, or columns separated by "|" or by
two spaces or more; an optional header row, an optional leading order number) into PastedLine rows. `match()` finds
each line's form of honour and recipient: a person by name (and position or unit when several share the name), a
member organization by name ("HTX" and "Hợp tác xã" read alike), or a collective that honours already name; a line
is matched, ambiguous (several candidates) or unmatched. awards.services.add_pasted_honours creates the honours.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from core import text
from members.models import Organization, Person

from .models import Honour, HonourForm, RecipientKind
from .recipients import NAME, ORGANIZATION, PERSON, Recipient

MAX_LINES = 500
CANDIDATES_LIMIT = 50  # rows read from the register for one pasted name

MATCHED, AMBIGUOUS, UNMATCHED = "matched", "ambiguous", "unmatched"
NEW_PERSON, NEW_ORGANIZATION, KEEP_NAME, SKIP = "new-person", "new-organization", NAME, "skip"


class PasteError(ValueError):
    """The pasted text cannot be read as a list (nothing in it, or too many lines)."""


@dataclass
class PastedLine:
    """One recipient line of the pasted list."""

    number: int  # the line's number in the pasted text, counting from 1 (blank lines and the header included)
    name: str
    unit: str = ""  # position or unit
    form_name: str = ""
    order: int | None = None  # the list's own number (STT), when it has one
    kind: str = ""  # RecipientKind, when a column or a heading ("I. Tập thể", "II. Cá nhân") says so


# --- Reading the text ---------------------------------------------------------------------------------------------

_ORDER = re.compile(r"^\d{1,4}[.)]?$")
_NUMBERED = re.compile(r"^(\d{1,4}[.)])\s+(\S.*)$")  # "1. Nguyễn Văn An" in one cell
_RULE = re.compile(r"^[\s|+:=\-–—_]*$")  # "|---|---|" and "+----+" lines of a text table
_ROMAN_HEADING = re.compile(r"^(?:[IVX]{1,4}|[A-Z])[.)]\s*", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_HEADERS = [  # (folded beginning of a header cell, the column's role); the first that fits wins
    ("stt", "order"),
    ("tt", "order"),
    ("so tt", "order"),
    ("so thu tu", "order"),
    ("thu tu", "order"),
    ("hinh thuc", "form"),
    ("danh hieu", "form"),
    ("muc khen", "form"),
    ("ho ten", "name"),
    ("ho va ten", "name"),
    ("ten", "name"),
    ("tap the ca nhan", "kind"),
    ("doi tuong", "kind"),
    ("chuc vu", "unit"),
    ("chuc danh", "unit"),
    ("don vi", "unit"),
    ("noi cong tac", "unit"),
    ("co quan", "unit"),
    ("ghi chu", "other"),
]
_KIND_WORDS = {"tap the": RecipientKind.COLLECTIVE, "ca nhan": RecipientKind.INDIVIDUAL}


def _words(value):
    """Folded words of `value` without punctuation: "Tên tập thể/cá nhân" -> "ten tap the ca nhan"."""
    return " ".join(re.sub(r"[^\w&]+", " ", text.fold(value).replace("&", " va ")).split())


def _header_role(cell):
    words = _words(cell)
    for start, role in _HEADERS:
        if words == start or words.startswith(start + " "):
            return role
    return None


def _kind_heading(cells):
    """The kind a heading row announces ("I. Tập thể", "Cá nhân:", "B. CÁC CÁ NHÂN"), or None."""
    filled = [c for c in cells if c]
    if len(filled) != 1:
        return None
    words = _words(_ROMAN_HEADING.sub("", filled[0]))
    words = words.removeprefix("khen thuong ").removeprefix("cac ")
    return _KIND_WORDS.get(words)


def _rows(pasted):
    """(line number, cells) for each line of the text, cells split the way the text is laid out."""
    pasted = text.nfc(pasted).translate(_INVISIBLE).replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")
    lines = pasted.split("\n")
    if any("\t" in line for line in lines):
        reader = csv.reader(io.StringIO(pasted), delimiter="\t")  # Excel quotes cells that hold a line break
        last = 0
        for cells in reader:
            yield last + 1, [" ".join(c.split()) for c in cells]
            last = reader.line_num
        return
    bars = any("|" in line for line in lines)
    for number, line in enumerate(lines, start=1):
        if bars:
            if _RULE.match(line):
                continue
            cells = line.strip().split("|")
            if cells and not cells[0].strip():
                cells = cells[1:]
            if cells and not cells[-1].strip():
                cells = cells[:-1]
        else:
            cells = re.split(r"\s{2,}", line.strip())
        yield number, [" ".join(c.split()) for c in cells]


def _columns(header):
    """Which cell holds what, from a header row: {"name": 1, "unit": 2, ...}."""
    columns, roles = {}, [_header_role(cell) for cell in header]
    for index, role in enumerate(roles):
        if role and role != "other":
            columns.setdefault(role, index)
    if "name" not in columns:
        # "STT | Đơn vị | Hình thức": a list of units names them in its "unit" column, else in its first free one.
        free = [index for index, role in enumerate(roles) if role is None]
        columns["name"] = columns.pop("unit") if "unit" in columns else (free[0] if free else 0)
    return columns


def _line(number, cells, columns, kind):
    """A PastedLine from one row's cells: by the header's columns, else order number, name, unit, form."""
    if columns:

        def cell(role):
            index = columns.get(role)
            return cells[index] if index is not None and index < len(cells) else ""

        order_text, name, unit, form_name = cell("order"), cell("name"), cell("unit"), cell("form")
        kind = _KIND_WORDS.get(_words(cell("kind")), kind)
    else:
        cells = list(cells)
        order_text = cells.pop(0) if len(cells) > 1 and _ORDER.match(cells[0]) else ""
        name, unit, form_name = (cells + ["", "", ""])[:3]
        numbered = _NUMBERED.match(name)
        if numbered and not order_text:
            order_text, name = numbered.groups()
    order = int(order_text.rstrip(".)")) if _ORDER.match(order_text) else None
    return PastedLine(number=number, name=name, unit=unit, form_name=form_name, order=order, kind=kind)


def _is_header(cells):
    roles = [role for role in map(_header_role, cells) if role]
    return len(roles) >= 2 or (len([c for c in cells if c]) == 1 and roles == ["name"])


def parse(pasted):
    """The recipient lines of a pasted list, in order; raises PasteError when there are none or too many.

    The first row is a header when its cells read like one ("STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức");
    the header decides which column holds what, and a header repeated further down (a table over two pages) is
    skipped. Headings such as "I. Tập thể" or "II. Cá nhân" tell the kind of the lines under them.
    """
    lines, columns, header, kind = [], None, None, ""
    for number, cells in _rows(pasted or ""):
        if not any(cells):
            continue
        heading = _kind_heading(cells)
        if heading:
            kind = heading
            continue
        if not lines and columns is None and _is_header(cells):
            columns, header = _columns(cells), [_words(c) for c in cells]
            continue
        if header and [_words(c) for c in cells] == header:
            continue  # the header again, where the table went on to another page
        line = _line(number, cells, columns, kind)
        if not line.name:
            continue
        lines.append(line)
        if len(lines) > MAX_LINES:
            raise PasteError(_("The list is too long: paste at most %(limit)d lines at a time.") % {"limit": MAX_LINES})
    if not lines:
        raise PasteError(_("No recipients were found in the pasted text."))
    return lines


# --- Matching the register ----------------------------------------------------------------------------------------

# Long forms and their short forms, read alike in names: "Hợp tác xã Nông nghiệp" = "HTX Nông nghiệp".
_ABBREVIATIONS = [
    ("lien hiep hop tac xa", "lhhtx"),
    ("lien hiep htx", "lhhtx"),
    ("hop tac xa", "htx"),
    ("quy tin dung nhan dan", "qtdnd"),
    ("to hop tac", "tht"),
    ("trach nhiem huu han", "tnhh"),
    ("mot thanh vien", "mtv"),
    ("co phan", "cp"),
    ("cong ty", "cty"),
    ("doanh nghiep", "dn"),
    ("uy ban nhan dan", "ubnd"),
    ("thanh pho", "tp"),
]
_GENERIC = {short for _long, short in _ABBREVIATIONS} | {"va", "so"}
# A name that starts with one of these is a collective, not a person.
_COLLECTIVE_STARTS = (
    "htx lhhtx qtdnd tht cty dn ubnd tap the lien minh lien doan ban phong van phong trung tam hoi so chi nhanh "
    "truong nha may xi nghiep tong cty tap doan doan chi bo dang bo khoi cum nhom to doi tram benh vien co so "
    "trang trai quy"
).split(" ")


def normalise_name(value):
    """Folded words of a name with the usual long forms shortened: "Hợp tác xã Thắng Thủy" -> "htx thang thuy"."""
    words = f" {_words(value)} "
    for long, short in _ABBREVIATIONS:
        words = words.replace(f" {long} ", f" {short} ")
    return words.strip()


def organization_kind(name):
    """The kind of member organization a name says it is: "Công ty ..." an enterprise, "Liên hiệp HTX ..." a union."""
    first = normalise_name(name).split(" ")[0]
    kinds = {
        "cty": Organization.Kind.ENTERPRISE,
        "dn": Organization.Kind.ENTERPRISE,
        "lhhtx": Organization.Kind.COOPERATIVE_UNION,
        "tht": Organization.Kind.COOPERATIVE_GROUP,
    }
    return kinds.get(first, Organization.Kind.COOPERATIVE)


def looks_collective(name):
    words = normalise_name(name)
    return any(words == start or words.startswith(start + " ") for start in _COLLECTIVE_STARTS)


@dataclass
class LineMatch:
    """What the register holds for one pasted line: its form of honour and its recipient's candidates."""

    line: PastedLine
    form: HonourForm | None
    kind: str  # RecipientKind, or "" when neither the list nor the form says
    candidates: list = field(default_factory=list)  # Recipient, best first
    exact: bool = False  # the one candidate has the name exactly as pasted, diacritics included

    @property
    def status(self):
        if len(self.candidates) == 1:
            return MATCHED
        return AMBIGUOUS if self.candidates else UNMATCHED

    @property
    def suggestion(self):
        """The choice offered first: the one candidate, nothing for an ambiguous line (staff choose), else the name
        kept as another collective's, or a new person for an individual."""
        if self.status == MATCHED:
            return self.candidates[0].value
        if self.status == AMBIGUOUS:
            return ""
        individual = self.kind == RecipientKind.INDIVIDUAL or (not self.kind and not looks_collective(self.line.name))
        return NEW_PERSON if individual else KEEP_NAME

    def options(self, can_add_person=True, can_add_organization=True):
        """(value, label) of every choice for this line: the candidates, then what can be made of the name."""
        options = [(r.value, str(r.label)) for r in self.candidates]
        name = self.line.name
        if not any(r.kind == NAME for r in self.candidates):
            options.append((KEEP_NAME, str(_("Keep as another collective: %(name)s") % {"name": name})))
        if can_add_person and self.kind != RecipientKind.COLLECTIVE:
            options.append((NEW_PERSON, str(_("Add a new person: %(name)s") % {"name": name})))
        if can_add_organization and self.kind != RecipientKind.INDIVIDUAL:
            options.append(
                (NEW_ORGANIZATION, str(_("Add a new member organization (unpublished): %(name)s") % {"name": name}))
            )
        options.append((SKIP, str(_("Leave this line out"))))
        return options


class Register:
    """The forms of honour and the collectives honours already name, read once for a whole list."""

    def __init__(self):
        self.forms = list(HonourForm.objects.order_by("order", "name"))
        self.forms_by_name = {}
        for honour_form in self.forms:
            self.forms_by_name.setdefault(normalise_name(honour_form.name), honour_form)
        names = Honour.objects.exclude(recipient_name="").order_by().values_list("recipient_name", flat=True)
        self.named = {}
        for name in names.distinct():
            self.named.setdefault(normalise_name(name), name)

    def form(self, name):
        """The form of honour `name` stands for: the same words, else the longest form the words start with
        ("Bằng khen của Chủ tịch UBND thành phố" -> Bằng khen), else the only form that starts with them."""
        words = normalise_name(name)
        if not words:
            return None
        if words in self.forms_by_name:
            return self.forms_by_name[words]
        starts = [(len(k), f) for k, f in self.forms_by_name.items() if words.startswith(k + " ")]
        if starts:
            return max(starts, key=lambda pair: pair[0])[1]
        longer = [f for k, f in self.forms_by_name.items() if k.startswith(words + " ")]
        return longer[0] if len(longer) == 1 else None

    def organizations(self, name):
        words = normalise_name(name)
        distinctive = " ".join(w for w in words.split() if w not in _GENERIC)
        if not distinctive:
            return []
        found = Organization.objects.search(distinctive).order_by("search_rank", "sort_key", "pk")
        return [
            o
            for o in found[:CANDIDATES_LIMIT]
            if words in {normalise_name(o.name), normalise_name(o.short_name) if o.short_name else None}
        ]

    def people(self, name):
        folded = text.fold(name)
        found = Person.objects.search(name).select_related("organization").order_by("sort_key", "pk")
        return [p for p in found[:CANDIDATES_LIMIT] if text.fold(p.full_name) == folded]


def _fits_unit(person, unit):
    """Whether a person's position, member organization or outside body holds every distinctive word of `unit`."""
    wanted = {w for w in normalise_name(unit).split() if w not in _GENERIC}
    context = " ".join(
        filter(None, [person.position, person.affiliation, person.organization.name if person.organization else ""])
    )
    return bool(wanted) and wanted <= set(normalise_name(context).split())


def _name_of(recipient):
    if recipient.kind == NAME:
        return recipient.name
    return recipient.obj.name if recipient.kind == ORGANIZATION else recipient.obj.full_name


def _best(line, recipients):
    """The candidates that fit best: the name exactly as pasted first, then by position or unit."""
    exact = [r for r in recipients if text.exact(_name_of(r)) == text.exact(line.name)]
    if len(exact) == 1:
        return exact, True
    pool = exact or recipients
    if line.unit and len(pool) > 1:
        fitting = [r for r in pool if r.kind == PERSON and _fits_unit(r.obj, line.unit)]
        pool = fitting or pool
    return pool, len(pool) == 1 and pool[0] in exact


def _kind(line, honour_form):
    if line.kind:
        return line.kind
    if honour_form is not None and honour_form.recipient_scope != HonourForm.Scope.BOTH:
        return honour_form.recipient_scope
    return RecipientKind.COLLECTIVE if looks_collective(line.name) else ""


def match_line(line, register, default_form=None):
    """The LineMatch of one pasted line."""
    form_name = line.form_name
    honour_form = register.form(form_name) if form_name else None
    if honour_form is None and not form_name and line.unit and register.form(line.unit):
        # Two columns (name, form of honour): the second cell names a form, not a unit.
        honour_form, line.form_name, line.unit = register.form(line.unit), line.unit, ""
    if honour_form is None and not line.form_name:
        honour_form = default_form
    kind = _kind(line, honour_form)
    recipients = []
    if kind != RecipientKind.INDIVIDUAL:
        recipients += [Recipient(ORGANIZATION, o) for o in register.organizations(line.name)]
        named = register.named.get(normalise_name(line.name))
        if named:
            recipients.append(Recipient(NAME, name=named))
    if kind != RecipientKind.COLLECTIVE:
        recipients += [Recipient(PERSON, p) for p in register.people(line.name)]
    candidates, exact = _best(line, recipients)
    return LineMatch(line=line, form=honour_form, kind=kind, candidates=candidates, exact=exact)


def match(lines, default_form=None):
    """A LineMatch for each pasted line; about two queries a line, and two for the whole list."""
    register = Register()
    return [match_line(line, register, default_form) for line in lines], register
