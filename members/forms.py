"""Forms of the public member pages."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class DirectoryFilterForm(forms.Form):
    """The directory's filter form (fields come from members.filters.OrganizationFilter), laid out with crispy-forms.

    It submits with GET so every result page has an address that can be shared, bookmarked and paged.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "directory-filter"
        self.helper.form_class = "directory-filter"
        self.helper.attrs = {"role": "search", "aria-label": _("Filter the member directory")}
        self.helper.add_input(Submit("", _("Show members"), css_class="btn-primary"))
        if "q" in self.fields:
            self.fields["q"].widget = forms.TextInput(
                attrs={"type": "search", "maxlength": self.fields["q"].max_length, "autocomplete": "off"}
            )
        if "joined" in self.fields:
            self.fields["joined"].widget.attrs.update({"inputmode": "numeric", "placeholder": _("e.g. 2001")})
