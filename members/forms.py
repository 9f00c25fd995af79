"""Forms of the public member pages."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
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
        parts = [format_html("<select{}>", flatatt({"name": widget["name"], **widget["attrs"]}))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        "" if option["value"] is None else option["value"],
                        flatatt(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part is built with format_html
