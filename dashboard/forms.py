"""The dashboard's GET forms: the period and filters, the member directory's choices, the year of a summary."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Area, Organization

from . import figures
from .reports import directory

EARLIEST_YEAR = 1945


def latest_year():
    return timezone.localdate().year + 1


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


def _area_field():
    return AreaChoiceField(
        queryset=Area.objects.only("pk", "name", "valid_to").order_by("sort_key", "code"),
        required=False,
        label=_("Administrative unit"),
        empty_label=_("All administrative units"),
    )


def _kind_field():
    return forms.ChoiceField(
        choices=[("", _("All kinds")), *Organization.Kind.choices], required=False, label=_("Kind of member")
    )


class YearField(forms.IntegerField):
    """A four-digit year from 1945 to next year, with messages that say so."""

    def __init__(self, **kwargs):
        super().__init__(
            min_value=EARLIEST_YEAR,
            error_messages={
                "invalid": _("Enter a year as four digits, e.g. 2020."),
                "min_value": _("Choose a year from %(limit_value)s on."),
            },
            **kwargs,
        )
        self.widget.attrs.update({"step": 1, "inputmode": "numeric"})

    def validate(self, value):
        super().validate(value)
        latest = latest_year()
        if value is not None and value > latest:
            raise ValidationError(
                _("Choose a year up to %(limit_value)s."), code="max_value", params={"limit_value": latest}
            )


class PeriodForm(forms.Form):
    """The dashboard's choice: from year – to year, and optionally an administrative unit and a kind of member."""

    year_from = YearField(label=_("From year"))
    year_to = YearField(label=_("To year"))
    area = None
    kind = None

    def __init__(self, data=None, default_years=None, **kwargs):
        """`default_years`: (first, last) shown on a first visit (the view fits them to the records); without it,
        the ten years up to this one."""
        this_year = timezone.localdate().year
        self.default_from, self.default_to = default_years or (this_year - 9, this_year)
        if data is not None and not any(data.get(key) for key in ("year_from", "year_to", "area", "kind")):
            data = None  # a first visit: show the defaults
        super().__init__(data, **kwargs)
        self.fields["area"] = _area_field()
        self.fields["kind"] = _kind_field()
        self.fields["year_from"].initial = self.default_from
        self.fields["year_to"].initial = self.default_to
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "dashboard-filters"
        self.helper.layout = Layout(
            Row(
                Column("year_from", css_class="col-6 col-md-2"),
                Column("year_to", css_class="col-6 col-md-2"),
                Column("area", css_class="col-12 col-md-4"),
                Column("kind", css_class="col-12 col-md-3"),
                Column(Submit("show", _("Show"), css_class="mt-md-4"), css_class="col-12 col-md-auto"),
            )
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and start > end:
            self.add_error("year_to", _("The last year cannot come before the first year."))
        return cleaned

    def period(self):
        """The chosen period; the defaults when the form was not submitted."""
        if not self.is_bound:
            return figures.Period(self.default_from, self.default_to)
        data = self.cleaned_data
        return figures.Period(
            data.get("year_from") or self.default_from,
            data.get("year_to") or self.default_to,
            data.get("area"),
            data.get("kind") or "",
        )


class DirectoryForm(forms.Form):
    """What the member directory report lists: which members, which columns."""

    status = forms.ChoiceField(
        choices=[("", _("All statuses")), *Organization.Status.choices], required=False, label=_("Membership status")
    )
    fields = forms.MultipleChoiceField(
        choices=directory.FIELDS,
        required=False,
        initial=directory.DEFAULT_FIELDS,
        widget=forms.CheckboxSelectMultiple,
        label=_("Columns"),
        help_text=_("The name is always shown. Contacts appear where the member made them public, or for staff."),
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["area"] = _area_field()
        self.fields["kind"] = _kind_field()
        self.order_fields(["area", "kind", "status", "fields"])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def chosen_fields(self):
        chosen = self.cleaned_data.get("fields") or directory.DEFAULT_FIELDS
        return [key for key, _label in directory.FIELDS if key in chosen]


class YearForm(forms.Form):
    year = YearField(label=_("Year"))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
