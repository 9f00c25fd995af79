"""Forms of the public member pages."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
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


class FastSelect(forms.Select):
    """A <select> rendered in Python rather than one template include per <option>.

    Same markup as Django's Select; the directory's unit list has well over a hundred options, and rendering each
    through the template engine was most of the page's time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (("" if o["value"] is None else o["value"], flatatt(o["attrs"]), o["label"]) for o in options),
            )
            groups.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, html) if group_name else html)
        return format_html(
            "<select{}>{}</select>",
            flatatt({"name": widget["name"], **widget["attrs"]}),
            format_html_join("", "{}", ((group,) for group in groups)),
        )
