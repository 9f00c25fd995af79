"""One recipient field for an honour: a member organization, a person or another collective, found by typing.

The field's value is a short text: "organization:12", "person:34" or "name:Văn phòng Liên minh". Its widget is Django
admin's own autocomplete (select2, loaded from the admin's static files), asking the decision admin's recipient view
(`find_recipients`) for matches; the form puts the choice back into the honour's organization, person and recipient_name, so
Honour.clean and the model's constraints check it as before.
"""

import json
from dataclasses import dataclass

from django import forms
from django.contrib.admin.widgets import AutocompleteMixin, get_select2_language
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import text
from core.admin_base import PortalAdminForm
from members.models import Organization, Person

from .models import Honour

ORGANIZATION, PERSON, NAME = "organization", "person", "name"
RECIPIENT_FIELDS = ["organization", "person", "recipient_name"]
SEARCH_LIMIT = 10  # matches of each kind shown while typing
NAME_MAX_LENGTH = Honour._meta.get_field("recipient_name").max_length


def label_for(kind, value):
    """How a recipient reads in the field and in the list of matches: its kind, then its name."""
    if kind == ORGANIZATION:
        return _("Member: %(name)s") % {"name": value}
    if kind == PERSON:
        return _("Person: %(name)s") % {"name": value}
    return _("Other collective: %(name)s") % {"name": value}


@dataclass(frozen=True)
class Recipient:
    """A chosen recipient: a member organization, a person, or the name of another collective."""

    kind: str
    obj: object = None
    name: str = ""

    @property
    def value(self):
        return f"{self.kind}:{self.obj.pk}" if self.obj is not None else f"{NAME}:{self.name}"

    @property
    def label(self):
        if self.kind == ORGANIZATION:
            return label_for(ORGANIZATION, self.obj.name)
        if self.kind == PERSON:
            return label_for(PERSON, str(self.obj))
        return label_for(NAME, self.name)

    @classmethod
    def of(cls, honour):
        """The recipient an honour already has (its organization and person are loaded with it), or None."""
        if honour.person_id:
            return cls(PERSON, honour.person)
        if honour.organization_id:
            return cls(ORGANIZATION, honour.organization)
        if honour.recipient_name.strip():
            return cls(NAME, name=honour.recipient_name)
        return None

    def apply(self, honour):
        """Set the honour's three recipient fields to this recipient (the other two emptied)."""
        honour.organization = self.obj if self.kind == ORGANIZATION else None
        honour.person = self.obj if self.kind == PERSON else None
        honour.recipient_name = self.name if self.kind == NAME else ""


class RecipientSelect(forms.Select):
    """Django admin's autocomplete box (select2 with its admin theme), asking `url_name` for recipients.

    `labels` maps the value of the chosen recipient to the words shown for it, so rendering costs no query.
    """

    def __init__(self, url_name, attrs=None):
        super().__init__(attrs)
        self.url_name = url_name
        self.labels = {}
        self.i18n_name = get_select2_language()

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.labels = dict(self.labels)
        return copy

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        classes = f"{attrs.get('class', '')} admin-autocomplete recipient-select".strip()
        attrs.update(
            {
                "class": classes,
                "data-ajax--cache": "true",
                "data-ajax--delay": 250,
                "data-ajax--type": "GET",
                "data-ajax--url": reverse(self.url_name),
                "data-app-label": "awards",
                "data-model-name": "honour",
                "data-field-name": "recipient",
                "data-theme": "admin-autocomplete",
                "data-allow-clear": json.dumps(not self.is_required),
                "data-placeholder": str(_("Type a name…")),
                "data-search-label": str(_("Name of the member organization, person or collective")),
                "data-minimum-input-length": 1,
                "data-width": "100%",
                "lang": self.i18n_name,
            }
        )
        return attrs

    def optgroups(self, name, value, attrs=None):
        options = [self.create_option(name, "", "", False, 0)]
        for chosen in value:
            if chosen and chosen in self.labels:
                options.append(self.create_option(name, chosen, self.labels[chosen], True, len(options)))
        return [(None, options, 0)]

    @property
    def media(self):
        after = ["admin/js/jquery.init.js", "admin/js/autocomplete.js", "js/admin-recipient.js"]  # in this order
        return AutocompleteMixin.media.fget(self) + forms.Media(js=after, css={"screen": ["css/admin-entry.css"]})


class RecipientField(forms.Field):
    """The recipient of an honour, as a Recipient; the widget shows it by name."""

    default_error_messages = {
        "required": _("Choose exactly one recipient: a member organization, a person, or another collective."),
        "invalid": _("Choose the recipient from the list."),
        "gone": _("This recipient is no longer in the register; choose it again."),
        "too_long": _("The name of a collective can be at most %(limit)d characters long."),
    }

    def __init__(self, *, url_name, **kwargs):
        kwargs.setdefault("label", _("Recipient"))
        kwargs.setdefault(
            "help_text", _("A member organization, a person or another collective: type part of the name.")
        )
        super().__init__(widget=RecipientSelect(url_name), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Recipient):
            self.widget.labels[value.value] = value.label
            return value.value
        return value

    def to_python(self, value):
        if isinstance(value, Recipient) or value in self.empty_values:
            return value or None
        kind, _sep, rest = str(value).partition(":")
        if kind == NAME:
            name = " ".join(text.nfc(rest).split())
            if not name:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            if len(name) > NAME_MAX_LENGTH:
                raise ValidationError(
                    self.error_messages["too_long"], code="too_long", params={"limit": NAME_MAX_LENGTH}
                )
            recipient = Recipient(NAME, name=name)
        elif kind in (ORGANIZATION, PERSON) and rest.isdigit():
            model = Organization if kind == ORGANIZATION else Person
            obj = model.objects.filter(pk=int(rest)).first()
            if obj is None:
                raise ValidationError(self.error_messages["gone"], code="gone")
            recipient = Recipient(kind, obj)
        else:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        self.widget.labels[recipient.value] = recipient.label
        return recipient

    def has_changed(self, initial, data):
        initial = self.prepare_value(initial) or ""
        return str(initial) != str(data or "")


class RecipientHonourForm(PortalAdminForm):
    """An honour form with one `recipient` field instead of the organization, person and recipient_name fields.

    The chosen recipient is set on the instance in clean(), before the model's own validation (Honour.clean) runs;
    the model's "exactly one recipient" constraint is checked here, since the form has none of its fields.
    """

    recipient = RecipientField(url_name="admin:awards_decision_recipients")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].initial = Recipient.of(self.instance)

    def clean(self):
        cleaned = super().clean()
        recipient = cleaned.get("recipient")
        if recipient is not None:
            recipient.apply(self.instance)
            others = [f.name for f in Honour._meta.fields if f.name not in RECIPIENT_FIELDS]
            try:
                self.instance.validate_constraints(exclude=others)
            except ValidationError as exc:
                self.add_error("recipient", exc.message_dict.get(NON_FIELD_ERRORS, exc.messages))
        return cleaned


def find_recipients(term, user, limit=SEARCH_LIMIT):
    """Recipients matching `term` (diacritics ignored), as select2 reads them: [{"id": value, "text": label}].

    Member organizations, then people (each only if `user` may see them), then the other collectives already named
    on honours, then the typed words as a new collective's name. Three queries, whatever the number of matches.
    """
    term = " ".join(text.nfc(term).split())[:NAME_MAX_LENGTH]
    if not text.fold(term):
        return []
    found = []
    if user.has_perm("members.view_organization"):
        organizations = Organization.objects.search(term).order_by("search_rank", "sort_key", "pk")[:limit]
        found += [Recipient(ORGANIZATION, o) for o in organizations]
    if user.has_perm("members.view_person"):
        people = Person.objects.search(term).order_by("search_rank", "sort_key", "pk")[:limit]
        found += [Recipient(PERSON, p) for p in people]
    names = other_collectives(term)[:limit]
    found += [Recipient(NAME, name=name) for name in names]
    results = [{"id": r.value, "text": str(r.label)} for r in found]
    if text.exact(term) not in {text.exact(name) for name in names}:
        new = Recipient(NAME, name=term)
        results.append({"id": new.value, "text": str(_("Other collective, new name: %(name)s") % {"name": term})})
    return results


def other_collectives(term):
    """Names of the collectives outside the register that honours already name, holding every word of `term`."""
    words = text.fold(term).split()
    names = (
        Honour.objects.exclude(recipient_name="").order_by().values_list("recipient_name", flat=True).distinct()
    )  # few rows, through the partial index honour_named_recipient
    matching = {name for name in names if all(word in text.fold(name) for word in words)}
    return sorted(matching, key=text.sort_key)
