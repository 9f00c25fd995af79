"""Spreadsheet import and export of a decision's recipients (honours), shared by the admin and `import_honours`.

Each row is one honour under the chosen decision. The recipient is found, in this order: a member organization (by
tax code, else by its exact name) for a collective, otherwise the collective is recorded by name as a non-member; a
person (by exact full name and organization) for an individual, otherwise a new person is created, with no consent
to public display. Importing the same file again updates the honours it created instead of adding them twice.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields
from import_export.forms import ConfirmImportForm

from core import text
from core.importexport.admin import PortalImportExportMixin, PortalImportForm
from core.importexport.files import ImportFileError
from core.importexport.resources import PortalResource
from core.importexport.widgets import ChoiceWidget, TextWidget, VietnameseDateWidget, WholeNumberWidget, cell_text
from members.import_widgets import normalise_tax_code
from members.models import Organization, Person

from .models import Decision, Honour, HonourForm, RecipientKind

HONOUR_COLUMNS = {
    "form": "Hình thức",
    "recipient_kind": "Đối tượng",
    "recipient": "Tên người/tập thể",
    "tax_code": "Mã số thuế",
    "position": "Chức vụ",
    "workplace": "Đơn vị công tác",
    "citation": "Trích yếu/Thành tích",
    "achievement_year": "Năm thành tích",
    "conferred_on": "Ngày trao",
}
KIND_WORDS = {RecipientKind.COLLECTIVE: "Tập thể", RecipientKind.INDIVIDUAL: "Cá nhân"}


class HonourFormWidget(ChoiceWidget):
    """A form of honour by its name (diacritics and case optional)."""

    def __init__(self):
        super().__init__({}, [], required=True)

    def build_lookup(self):
        """Folded name -> form of honour, read from the table on first use (the names become the file words)."""
        lookup = {}
        self.words = {}
        for form in HonourForm.objects.all():
            lookup.setdefault(text.fold(form.name), form)
            self.words[form.pk] = form.name
        return lookup

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


def _column(key, widget=None, attribute=None):
    return fields.Field(attribute=attribute, column_name=HONOUR_COLUMNS[key], widget=widget or TextWidget())


class HonourResource(PortalResource):
    """Recipients of one decision. Pass `decision=` (a Decision) to import; export works for any honours."""

    form = _column("form", HonourFormWidget(), attribute="form")
    recipient_kind = _column("recipient_kind", ChoiceWidget(KIND_WORDS, RecipientKind.choices, required=True))
    recipient = _column("recipient")
    tax_code = _column("tax_code")
    position = _column("position")
    workplace = _column("workplace")
    citation = _column("citation", attribute="citation")
    achievement_year = _column("achievement_year", WholeNumberWidget(), attribute="achievement_year")
    conferred_on = _column("conferred_on", VietnameseDateWidget(), attribute="conferred_on")

    required_columns = (HONOUR_COLUMNS["form"], HONOUR_COLUMNS["recipient_kind"], HONOUR_COLUMNS["recipient"])
    resolved_fields = ("form", "decision", "authority", "organization", "person", "event")
    extra_error_columns = {
        "organization": HONOUR_COLUMNS["recipient"],
        "person": HONOUR_COLUMNS["recipient"],
        "recipient_name": HONOUR_COLUMNS["recipient"],
    }

    def untouched_fields(self):
        return [f for f in super().untouched_fields() if f != "recipient_name"]  # set from the name column

    class Meta:
        model = Honour
        name = _("Recipients of a decision")
        fields = tuple(HONOUR_COLUMNS)
        import_order = export_order = tuple(HONOUR_COLUMNS)
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def __init__(self, decision=None, form=None, **kwargs):
        super().__init__(**kwargs)
        if decision is None and form is not None and hasattr(form, "cleaned_data"):
            decision = form.cleaned_data.get("decision")
        self.decision = decision
        self._recipients = {}
        self._existing = {}
        self._by_tax = {}
        self._by_name = {}
        self._people = {}
        self._current = None
        self._new_people = {}

    # -- before the rows

    def prepare(self, dataset, **kwargs):
        """Find each row's recipient and the honour it may update, and refuse a row that repeats another."""
        if self.decision is None:
            raise ImportFileError(gettext("Choose the decision whose recipients the file lists."))
        self._load_directory(dataset)
        seen = {}
        for index, values in enumerate(dataset, start=1):
            row = dict(zip(dataset.headers, values, strict=True))
            recipient = self._find_recipient(index, row)
            self._recipients[index] = recipient
            recipient["key"] = self._honour_key(index, row, recipient, seen)
        for honour in self.decision.honours.select_related("form", "organization", "person"):
            key = (honour.form_id, honour.organization_id, honour.person_id, text.exact(honour.recipient_name))
            self._existing.setdefault(key, honour)

    def _load_directory(self, dataset):
        """Member organizations by tax code and by name, and the people the file names, in three queries."""
        organizations = list(Organization.objects.values_list("pk", "tax_code", "name"))
        self._by_tax = {tax: pk for pk, tax, _name in organizations if tax}
        self._by_name = {}
        for pk, _tax, name in organizations:
            self._by_name.setdefault(text.exact(name), []).append(pk)
        names = {text.nfc(cell_text(r)) for r in dataset[HONOUR_COLUMNS["recipient"]]}
        self._people = {}
        for person in Person.objects.filter(full_name__in=names):
            self._people.setdefault((text.exact(person.full_name), person.organization_id), []).append(person)

    def _find_recipient(self, index, row):
        """Who a row names: a member organization, a known person, or a name to record as it is."""
        try:
            kind = self.fields["recipient_kind"].widget.clean(row.get(HONOUR_COLUMNS["recipient_kind"]))
        except ValueError:
            kind = None  # reported when the row is read
        name = text.nfc(cell_text(row.get(HONOUR_COLUMNS["recipient"])))
        tax = normalise_tax_code(row.get(HONOUR_COLUMNS["tax_code"]))
        workplace = text.nfc(cell_text(row.get(HONOUR_COLUMNS["workplace"])))
        organization_id = self._organization_by_tax(index, tax)
        recipient = {"kind": kind, "organization": None, "person": None, "recipient_name": "", "name": name}
        if kind == RecipientKind.COLLECTIVE and name:
            if organization_id is None and not tax:
                organization_id = self._organization_by_name(index, name)
            recipient["organization"] = organization_id
            recipient["recipient_name"] = "" if organization_id or tax else name
        elif kind == RecipientKind.INDIVIDUAL and name:
            if organization_id is None and workplace and not tax:
                matches = self._by_name.get(text.exact(workplace), [])
                organization_id = matches[0] if len(matches) == 1 else None
            found = self._people.get((text.exact(name), organization_id), [])
            recipient["person"] = found[0].pk if found else None
            recipient["person_org"] = organization_id
            recipient["affiliation"] = "" if organization_id else workplace
        return recipient

    def _organization_by_tax(self, index, tax):
        if not tax:
            return None
        organization_id = self._by_tax.get(tax)
        if organization_id is None:
            self.add_row_error(
                index,
                HONOUR_COLUMNS["tax_code"],
                gettext("No member organization has tax code %(code)s.") % {"code": tax},
            )
        return organization_id

    def _organization_by_name(self, index, name):
        matches = self._by_name.get(text.exact(name), [])
        if len(matches) > 1:
            self.add_row_error(
                index,
                "recipient_name",
                gettext("Several member organizations are called “%(name)s”: give the tax code.") % {"name": name},
            )
        return matches[0] if len(matches) == 1 else None

    def _honour_key(self, index, row, recipient, seen):
        """(form, organization, person, name) of the row's honour; an error when an earlier row has the same."""
        try:
            form = self.fields["form"].widget.clean(row.get(HONOUR_COLUMNS["form"]))
        except ValueError:
            form = None
        kind, name = recipient["kind"], recipient["name"]
        new_person = (
            ("new", text.exact(name), recipient.get("person_org")) if kind == RecipientKind.INDIVIDUAL else None
        )
        key = (
            form.pk if form else None,
            recipient["organization"],
            recipient["person"] or new_person,
            text.exact(recipient["recipient_name"]),
        )
        if form and kind and name:
            if key in seen:
                self.add_row_error(
                    index,
                    "recipient_name",
                    gettext("Row %(row)s already gives this honour to this recipient.")
                    % {"row": self.spreadsheet_row(seen[key])},
                )
            else:
                seen[key] = index
        return key

    # -- each row

    def before_import_row(self, row, **kwargs):
        self._current = kwargs.get("row_number")

    def get_instance(self, instance_loader, row):
        recipient = self._recipients.get(self._current)
        return self._existing.get(recipient["key"]) if recipient else None

    def init_instance(self, row=None):
        return Honour(decision=self.decision, authority=self.decision.authority, order=self._current or 0)

    def check_row(self, instance, row, errors, **kwargs):
        recipient = self._recipients.get(kwargs.get("row_number")) or {}
        try:
            self.fields["recipient_kind"].widget.clean(row.get(HONOUR_COLUMNS["recipient_kind"]))
        except ValueError as exc:
            errors.setdefault(HONOUR_COLUMNS["recipient_kind"], []).append(str(exc))
        if not recipient.get("name"):
            errors.setdefault("recipient_name", []).append(gettext("Give the name of the person or collective."))
        if errors or not recipient.get("kind"):
            return
        if instance.pk:
            return  # matched by its recipient: nothing to find
        instance.organization_id = recipient["organization"]
        instance.recipient_name = recipient["recipient_name"]
        if recipient["kind"] == RecipientKind.INDIVIDUAL:
            instance.person_id = recipient["person"] or self._new_person(recipient, row).pk

    def _new_person(self, recipient, row):
        """A person the decision names who is not in the portal yet: no consent to public display."""
        key = (text.exact(recipient["name"]), recipient.get("person_org"))
        if key not in self._new_people:
            person = Person(
                full_name=recipient["name"],
                position=cell_text(row.get(HONOUR_COLUMNS["position"])),
                organization_id=recipient.get("person_org"),
                affiliation=recipient.get("affiliation", ""),
                public_consent=False,
            )
            if self.user is not None and getattr(self.user, "pk", None):
                person._history_user = self.user
            person._change_reason = gettext("Created by the import of %(decision)s") % {"decision": self.decision}
            person.full_clean(exclude=["organization"])
            person.save()
            self._new_people[key] = person
        return self._new_people[key]

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            # The recipient may be unknown yet: the model's rules are checked once the cells are right.
            raise ValidationError(import_validation_errors)
        super().validate_instance(instance, import_validation_errors, validate_unique)

    # -- export

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("form", "organization", "person", "person__organization")

    def dehydrate_recipient_kind(self, honour):
        return KIND_WORDS[honour.recipient_kind]

    def dehydrate_recipient(self, honour):
        return honour.recipient_display

    def dehydrate_tax_code(self, honour):
        if honour.organization_id:
            return honour.organization.tax_code
        if honour.person_id and honour.person.organization_id:
            return honour.person.organization.tax_code
        return ""

    def dehydrate_position(self, honour):
        return honour.person.position if honour.person_id else ""

    def dehydrate_workplace(self, honour):
        """The member organization's name (found again by it when it has no tax code) or the outside body."""
        return honour.person.affiliation_name if honour.person_id else ""


# ---------------------------------------------------------------------------------------------------------------
# The admin's import form: the decision is chosen with the file (or comes from the decision's page)


class DecisionImportForm(PortalImportForm):
    decision = forms.ModelChoiceField(
        queryset=Decision.objects.select_related("authority"),
        label=_("Decision"),
        help_text=_("The file lists the recipients of this decision."),
    )


class DecisionConfirmImportForm(ConfirmImportForm):
    decision = forms.ModelChoiceField(queryset=Decision.objects.all(), widget=forms.HiddenInput)


class HonourImportExportMixin(PortalImportExportMixin):
    """Honours: import a decision's recipients (the decision chosen on the import form), export with the same
    columns."""

    import_form_class = DecisionImportForm
    confirm_form_class = DecisionConfirmImportForm

    def get_import_form_initial(self, request):
        initial = super().get_import_form_initial(request)
        decision = request.GET.get("decision", "")
        if decision.isdigit():
            initial["decision"] = decision
        return initial

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["decision"] = import_form.cleaned_data["decision"].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        decision = form.cleaned_data.get("decision") if form is not None and hasattr(form, "cleaned_data") else None
        return {"decision": decision, "user": request.user}
