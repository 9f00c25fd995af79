"""Writes that span several models: importing a decision's recipients (honours, and people not yet known), from a file
or from a pasted list."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core import text
from core.importexport.services import run_import
from members.models import Organization, Person

from .models import Honour
from .paste import KEEP_NAME, NEW_ORGANIZATION, NEW_PERSON, SKIP, organization_kind
from .recipients import NAME
from .resources import HonourResource


def import_honours(file_obj_or_path, decision, fmt=None, dry_run=False, user=None):
    """Import the recipients of `decision` from a CSV or XLSX file (all rows or none); return an ImportSummary."""
    return run_import(
        HonourResource(decision=decision, user=user, html_diff=False), file_obj_or_path, fmt, dry_run, user
    )


@dataclass
class PasteChoice:
    """What staff chose for one pasted line: a candidate's value or what to make of the name, and the form."""

    recipient: str
    form: object = None  # HonourForm


@dataclass
class PasteDetails:
    """What every pasted honour shares, when given."""

    citation: str = ""
    achievement_year: int | None = None
    conferred_on: object = None
    event: object = None


class PasteRejected(Exception):
    """Some lines cannot become honours: nothing was created. `errors` is [(PastedLine, message)]."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors

    @property
    def messages(self):
        return [
            _("Line %(line)s (%(name)s): %(error)s") % {"line": line.number, "name": line.name, "error": error}
            for line, error in self.errors
        ]


class _PastedRecipients:
    """Turns each line's choice into a recipient, adding the people and organizations staff asked for once each."""

    def __init__(self, decision, user, can_add_person, can_add_organization):
        self.decision, self.user = decision, user
        self.can_add_person, self.can_add_organization = can_add_person, can_add_organization
        self.new_people, self.new_organizations = {}, {}

    def apply(self, honour, match, choice):
        """Set the honour's recipient from the choice; raise ValidationError with the reason when it cannot be."""
        line = match.line
        if not choice:
            raise ValidationError(_("Choose the recipient among the candidates."))
        if choice == KEEP_NAME:
            named = next((r.name for r in match.candidates if r.kind == NAME), line.name)
            honour.recipient_name = named
        elif choice == NEW_PERSON and self.can_add_person:
            honour.person = self._person(line)
        elif choice == NEW_ORGANIZATION and self.can_add_organization:
            honour.organization = self._organization(line)
        else:
            chosen = next((r for r in match.candidates if r.value == choice), None)
            if chosen is None:
                raise ValidationError(_("This choice is not offered for this line; preview the list again."))
            chosen.apply(honour)

    def _note(self, obj):
        if self.user is not None and getattr(self.user, "pk", None):
            obj._history_user = self.user
        obj._change_reason = _("Added from the list pasted into %(decision)s") % {"decision": self.decision}

    def _person(self, line):
        """A person the list names who is not in the register yet: no consent to public display."""
        key = (text.exact(line.name), text.exact(line.unit))
        if key not in self.new_people:
            person = Person(full_name=line.name, position=line.unit, public_consent=False)
            person.full_clean(exclude=["organization"])
            self._note(person)
            person.save()
            self.new_people[key] = person
        return self.new_people[key]

    def _organization(self, line):
        """A member organization the register lacks: unpublished until staff complete and publish it."""
        key = text.exact(line.name)
        if key not in self.new_organizations:
            organization = Organization(name=line.name, kind=organization_kind(line.name), is_published=False)
            organization.full_clean(exclude=["slug"])
            self._note(organization)
            organization.save()
            self.new_organizations[key] = organization
        return self.new_organizations[key]


def _honour_key(honour):
    return (honour.form_id, honour.organization_id, honour.person_id, text.exact(honour.recipient_name))


@transaction.atomic
def add_pasted_honours(decision, matches, choices, details, user=None, can_add_person=True, can_add_organization=True):
    """Create an honour under `decision` for every pasted line (awards.paste.LineMatch) that staff did not leave
    out, all or none: when any line fails (no recipient chosen, no form, a model rule, the same honour twice),
    nothing is created, not even the new people and organizations, and PasteRejected names every failing line.

    `choices` maps each line's number to a PasteChoice; `details` (PasteDetails) gives what the honours share.
    """
    recipients = _PastedRecipients(decision, user, can_add_person, can_add_organization)
    seen = {_honour_key(h): None for h in decision.honours.all()}
    next_order = (decision.honours.aggregate(n=Max("order"))["n"] or 0) + 1
    honours, errors = [], []
    for match in matches:
        line, choice = match.line, choices.get(match.line.number) or PasteChoice("")
        if choice.recipient == SKIP:
            continue
        honour = Honour(
            decision=decision,
            authority_id=decision.authority_id,
            form=choice.form,
            order=line.order if line.order is not None else next_order + len(honours),
            citation=details.citation,
            achievement_year=details.achievement_year,
            conferred_on=details.conferred_on,
            event=details.event,
        )
        try:
            if choice.form is None:
                raise ValidationError(_("Choose the form of honour."))
            recipients.apply(honour, match, choice.recipient)
            honour.full_clean()
        except ValidationError as exc:
            errors.append((line, " ".join(exc.messages)))
            continue
        key = _honour_key(honour)
        if key in seen:
            earlier = seen[key]
            errors.append((line, _duplicate_message(earlier)))
            continue
        seen[key] = line
        honours.append(honour)
    if errors:
        raise PasteRejected(errors)  # leaving the atomic block: the people and organizations added are undone
    for honour in honours:
        if user is not None and getattr(user, "pk", None):
            honour._history_user = user
        honour.save()
    return honours


def _duplicate_message(earlier):
    if earlier is None:
        return _("The decision already gives this honour to this recipient.")
    return _("Line %(line)s already gives this honour to this recipient.") % {"line": earlier.number}
