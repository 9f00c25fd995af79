"""Forms of the public member pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FilterFormMixin


class DirectoryFilterForm(FilterFormMixin, forms.Form):
    """The directory's filter form (fields come from members.filters.OrganizationFilter), rendered by crispy-forms
    through the lean filter template (core.forms).

    It submits with GET so every result page has an address that can be shared, bookmarked and paged.
    """

    @classmethod
    def prepare_fields(cls, fields):
        if "q" in fields:
            fields["q"].widget = forms.TextInput(
                attrs={"type": "search", "maxlength": fields["q"].max_length, "autocomplete": "off"}
            )
        if "joined" in fields:
            fields["joined"].widget.attrs.update({"inputmode": "numeric", "placeholder": _("e.g. 2001")})
        super().prepare_fields(fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        helper = self.setup_filter_layout()
        helper.form_id = "directory-filter"
        helper.form_class = "directory-filter"
        helper.attrs = {"role": "search", "aria-label": _("Filter the member directory")}
        helper.submit_label = _("Show members")
