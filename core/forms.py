"""Form pieces the public list pages share: widgets written in Python and a lean Bootstrap 5 layout for filter forms.

The directory and the honours roll show a filter form on every request, uncached for each distinct search. crispy's
Bootstrap 5 pack renders every field through about a dozen nested templates, which cost more than the rest of the
page (docs/performance.md, finding 1). Filter forms therefore keep `{% crispy form %}` but point their FormHelper at
one template, `includes/filter_form.html`, whose fields (label, control, help text, `invalid-feedback` errors tied to
the control by aria-describedby) come from FilterFormMixin.filter_fields_html(), with <select> and <input> controls
written in Python (FastSelect, FastTextInput, FastNumberInput). The list pages render it through
FilterFormMixin.render_kept(), which keeps what crispy rendered between requests and fills in each request's controls.
Staff forms keep crispy's layouts.
"""

from html import escape

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .cache import versioned


def html_attributes(attrs):
    """` name="value"` for each attribute, as Django's widgets/attrs.html writes them: True gives the bare name,
    False and None leave the attribute out, every value escaped (quotes included)."""
    parts = []
    for key, value in attrs.items():
        if value is True:
            parts.append(f" {key}")
        elif value is not False and value is not None:
            parts.append(f' {key}="{escape(str(value))}"')
    return "".join(parts)


class FastSelect(forms.Select):
    """A <select> rendered in Python rather than one template include per <option>.

    Same markup as Django's Select; the directory's unit list has well over a hundred options, and rendering each
    through the template engine was most of the page's time. With `cache_key`, the options (read from the database
    for a model choice field) are kept per language until the portal's data changes (core.cache.versioned,
    only when the cache is shared by every process); the current choice is marked on the cached list.
    """

    def __init__(self, attrs=None, choices=(), cache_key=None):
        super().__init__(attrs, choices)
        self.cache_key = cache_key
        # With fixed_choices (set by FilterFormMixin.prepare_fields for choices written in the code), the options are
        # kept per language in _static_options, which this widget's copies (one per form) share.
        self.fixed_choices = False
        self._static_options = {}

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
        elif self.fixed_choices:
            # Choices fixed in the code (a kind, a status, an order): their options change only with the language.
            language = get_language()
            options = self._static_options.get(language)
            if options is None:
                options = self._static_options[language] = self._options(set())
        else:
            options = self._options(selected)
            selected = ()
        for key in selected:  # mark the current choice on the kept list
            plain = f'<option value="{escape(key)}">'
            options = options.replace(plain, f'<option value="{escape(key)}" selected>', 1)
        # Every value and label went through html.escape (quotes included), as Django's own escape() does.
        return mark_safe(f"<select{html_attributes({'name': name, **final_attrs})}>{options}</select>")  # noqa: S308  # nosec B308 B703


class FastInputMixin:
    """An <input> written in Python: the same markup as Django's input.html and attrs.html (type, name, value, then
    the attributes), without two template renders per field."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        final_attrs = {"type": self.input_type, "name": name}
        if value is not None:
            final_attrs["value"] = value
        final_attrs.update(self.build_attrs(self.attrs, attrs))
        return mark_safe(f"<input{html_attributes(final_attrs)}>")  # noqa: S308  # nosec B308 B703 - escaped above


class FastTextInput(FastInputMixin, forms.TextInput):
    pass


class FastNumberInput(FastInputMixin, forms.NumberInput):
    pass


FAST_WIDGETS = {forms.TextInput: FastTextInput, forms.NumberInput: FastNumberInput}


def fast_widget(widget):
    """The widget as one rendered in Python (FastSelect, FastTextInput, FastNumberInput), same attributes."""
    if isinstance(widget, (FastSelect, FastInputMixin)):
        return widget
    if isinstance(widget, forms.Select):
        return FastSelect(attrs=widget.attrs, choices=widget.choices)
    fast = FAST_WIDGETS.get(type(widget))
    if fast is None:
        return widget
    replacement = fast(attrs=widget.attrs)
    replacement.input_type = widget.input_type  # e.g. type="search", taken out of attrs by Input.__init__
    return replacement


class FilterFormMixin:
    """Bootstrap classes on every control (`form-select` / `form-control`, `is-invalid` once a field has errors) and
    crispy's helper pointed at the one-loop template. Set `helper` attributes (method, id, attrs) after calling
    `setup_filter_layout()`."""

    filter_template = "includes/filter_form.html"
    # Where each control goes while render_kept() renders the frame of the form (never in a page).
    CONTROL_MARK = "\x00control\x00"
    _marking_controls = False

    @classmethod
    def prepare_fields(cls, fields):
        """Widgets written in Python and Bootstrap's classes, on a form's fields. core.filters.LeanFilterSet
        calls it once on the form class it keeps; otherwise setup_filter_layout() calls it on every form. Override to
        change a field's widget or attributes (then call super())."""
        for field in fields.values():
            field.widget = fast_widget(field.widget)
            if isinstance(field.widget, FastSelect) and not isinstance(field, forms.ModelChoiceField):
                choices = getattr(field.widget.choices, "choices", field.widget.choices)  # django-filter wraps them
                field.widget.fixed_choices = isinstance(choices, (list, tuple))
            base = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            css = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{css} {base}".strip() if base not in css.split() else css

    def setup_filter_layout(self):
        from crispy_forms.helper import FormHelper

        if not type(self).__dict__.get("fields_prepared"):
            self.prepare_fields(self.fields)
        self.helper = FormHelper()  # no form: a default layout would render every field through crispy again
        self.helper.template = self.filter_template
        self.helper.form_method = "get"
        return self.helper

    def filter_fields_html(self):
        """Every field as includes/filter_form.html shows it: label, control, errors, help text, in one <div> each.

        Written here rather than in a template loop, which cost more than the rest of the form (a few lookups of each
        field per line). The control is Django's own (`str(bound_field)`: aria-describedby, aria-invalid, required).
        """
        wrapper = escape(getattr(self.helper, "field_wrapper_class", None) or "mb-3")
        parts = []
        for field in self:
            auto_id = escape(field.auto_id)
            html = [
                f'<div id="div_{auto_id}" class="{wrapper}">',
                f'<label for="{auto_id}" class="form-label">{escape(str(field.label))}</label>',
                self.CONTROL_MARK if self._marking_controls else str(field),
            ]
            errors = field.errors
            if errors:
                messages = "".join(f'<strong class="d-block">{escape(str(error))}</strong>' for error in errors)
                html.append(f'<div id="{auto_id}_error" class="invalid-feedback">{messages}</div>')
            if field.help_text:
                html.append(f'<div id="{auto_id}_helptext" class="form-text">{escape(str(field.help_text))}</div>')
            html.append("</div>")
            parts.append("\n".join(html))
        return mark_safe("\n".join(parts))  # noqa: S308  # nosec B308 B703 - every text escaped above

    def render_kept(self, key):
        """The form as `{% crispy form %}` renders it, from parts kept per data version and language under `key`.

        The form as a page opens (unbound) is the same for every visitor: kept whole. A search or a filter changes only
        the controls (the typed text, the chosen option); the rest (the <form> tag, labels, help texts, buttons) is
        kept as a frame, rendered once with a marker where each control goes, and filled with this request's controls
        (`str(bound_field)`, escaped by Django). A form with errors is rendered whole: its fields carry the messages.
        `key` must name everything the result depends on besides the language and the data: the form and its helper.
        """
        from crispy_forms.utils import render_crispy_form

        if not self.is_bound:
            return versioned(f"filter-form:{key}:{get_language()}", lambda: render_crispy_form(self))
        if self.errors:
            return render_crispy_form(self)
        # The field names are part of the key: a frame kept by the code before a deploy may still be in the cache.
        fields = ",".join(self.fields)
        frame = versioned(f"filter-form-frame:{key}:{fields}:{get_language()}", self._render_frame)
        if len(frame) != len(self.fields) + 1:  # not cut where this form's controls go: render it whole
            return render_crispy_form(self)
        parts = [frame[0]]
        for field, text in zip(self, frame[1:], strict=True):
            parts += [str(field), text]
        # The frame is crispy's own output (escaped by its templates); each control is escaped by its widget.
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703

    def _render_frame(self):
        """The rendered form cut at each control: one more piece than the form has fields."""
        from crispy_forms.utils import render_crispy_form

        self._marking_controls = True
        try:
            return str(render_crispy_form(self)).split(self.CONTROL_MARK)
        finally:
            self._marking_controls = False

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                classes = widget.attrs.get("class", "").split()
                if "is-invalid" not in classes:
                    widget.attrs["class"] = " ".join([*classes, "is-invalid"])
