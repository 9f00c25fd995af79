"""Form pieces the public list pages share: a fast <select> and a lean Bootstrap 5 layout for filter forms.

The directory and the honours roll show a filter form on every request, uncached for each distinct search. crispy's
Bootstrap 5 pack renders every field through about a dozen nested templates, which cost more than the rest of the
page (docs/performance.md, finding 1). Filter forms therefore keep `{% crispy form %}` but point their FormHelper at
one template, `includes/filter_form.html`, that writes the same Bootstrap markup (label, control, help text,
`invalid-feedback` errors tied to the control by aria-describedby) in a single loop. Staff forms keep crispy's layouts.
"""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .cache import versioned


class FastSelect(forms.Select):
    """A <select> rendered in Python rather than one template include per <option>.

    Same markup as Django's Select; the directory's unit list has well over a hundred options, and rendering each
    through the template engine was most of the page's time. With `cache_key`, the options (read from the database
    for a model choice field) are kept per language until the portal's data changes (alliance_portal.cache.versioned,
    only when the cache is shared by every process); the current choice is marked on the cached list.
    """

    def __init__(self, attrs=None, choices=(), cache_key=None):
        super().__init__(attrs, choices)
        self.cache_key = cache_key

    @staticmethod
    def _option(value, label, selected):
        key = "" if value is None else str(value)
        mark = " selected" if key in selected else ""
        return f'<option value="{escape(key)}"{mark}>{escape(str(label))}</option>'

    def _options(self, selected):
        parts = []
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):  # an <optgroup>
                inner = "".join(self._option(v, label, selected) for v, label in option_label)
                parts.append(f'<optgroup label="{escape(str(option_value))}">{inner}</optgroup>')
            else:
                parts.append(self._option(option_value, option_label, selected))
        return "".join(parts)

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        if self.cache_key:
            options = versioned(f"select-options:{self.cache_key}:{get_language()}", lambda: self._options(set()))
            for key in selected:
                plain = f'<option value="{escape(key)}">'
                options = options.replace(plain, f'<option value="{escape(key)}" selected>', 1)
        else:
            options = self._options(selected)
        # Every value and label went through html.escape (quotes included), as Django's own escape() does.
        return mark_safe(f"<select{flatatt({'name': name, **final_attrs})}>{options}</select>")  # noqa: S308  # nosec B308 B703


class FilterFormMixin:
    """Bootstrap classes on every control (`form-select` / `form-control`, `is-invalid` once a field has errors) and
    crispy's helper pointed at the one-loop template. Set `helper` attributes (method, id, attrs) after calling
    `setup_filter_layout()`."""

    filter_template = "includes/filter_form.html"

    def setup_filter_layout(self):
        from crispy_forms.helper import FormHelper

        for field in self.fields.values():
            if isinstance(field.widget, forms.Select) and not isinstance(field.widget, FastSelect):
                field.widget = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)
            base = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            css = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{css} {base}".strip() if base not in css.split() else css
        self.helper = FormHelper()  # no form: a default layout would render every field through crispy again
        self.helper.template = self.filter_template
        self.helper.form_method = "get"
        return self.helper

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                classes = widget.attrs.get("class", "").split()
                if "is-invalid" not in classes:
                    widget.attrs["class"] = " ".join([*classes, "is-invalid"])
