"""Form pieces the public list pages share: controls written in Python and the base of their GET filter forms.

The directory and the honours roll show a filter form on every request. FilterForm renders it through one plain
template of the portal's own, `includes/filter_form.html` (Django's form rendering API: `template_name`,
`get_context()`), with <select> and <input> controls written in Python (FastSelect, FastTextInput, FastNumberInput)
rather than through a template per control and per option. The form as a list opens, unbound, is the same for every
visitor: FilterForm.render_kept() keeps it per data version and language. Staff forms keep crispy-forms.
"""

from html import escape

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorList
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
    """A single-choice <select> written in Python rather than one template include per <option>.

    Same markup as Django's Select; the directory's unit list has well over a hundred options. With `cache_key`, the
    options (read from the database for a model choice field) are kept per language until the portal's data changes
    (core.cache.versioned, only when the cache is shared by every process) and the current choice is marked on them.
    """

    def __init__(self, attrs=None, choices=(), cache_key=None):
        super().__init__(attrs, choices)
        self.cache_key = cache_key

    @staticmethod
    def _option(value, label, selected):
        key = "" if value is None else str(value)
        mark = " selected" if key in selected else ""
        return f'<option value="{escape(key)}"{mark}>{escape(str(label))}</option>'

    def options_html(self, selected=frozenset()):
        """The <option>s (and <optgroup>s) of the choices, those whose value is in `selected` marked."""
        parts = []
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):  # an <optgroup>
                inner = "".join(self._option(v, label, selected) for v, label in option_label)
                parts.append(f'<optgroup label="{escape(str(option_value))}">{inner}</optgroup>')
            else:
                parts.append(self._option(option_value, option_label, selected))
        return "".join(parts)

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        if self.cache_key:
            key = f"select-options:{self.cache_key}:{get_language()}"
            options = versioned(key, self.options_html)
            plain = f'<option value="{escape(chosen)}">'  # mark the current choice on the kept list
            options = options.replace(plain, f'<option value="{escape(chosen)}" selected>', 1)
        else:
            options = self.options_html({chosen})
        final_attrs = {"name": name, **self.attrs, **(attrs or {})}
        # Every value and label went through html.escape (quotes included), as Django's own escape() does.
        return mark_safe(f"<select{html_attributes(final_attrs)}>{options}</select>")  # noqa: S308  # nosec B308 B703


class FastInputMixin:
    """An <input> written in Python: the same markup as Django's input.html and attrs.html (type, name, value, then
    the attributes), without two template renders per field."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        final_attrs = {"type": self.input_type, "name": name}
        if value is not None:
            final_attrs["value"] = value
        final_attrs.update({**self.attrs, **(attrs or {})})
        return mark_safe(f"<input{html_attributes(final_attrs)}>")  # noqa: S308  # nosec B308 B703 - escaped above


class FastTextInput(FastInputMixin, forms.TextInput):
    pass


class FastNumberInput(FastInputMixin, forms.NumberInput):
    pass


class FeedbackErrorList(ErrorList):
    """A field's errors as Bootstrap's invalid-feedback under its control, with the id (`<field id>_error`) that
    the control's aria-describedby names (Django gives the list its field's id)."""

    template_name = "includes/field_errors.html"


class FilterForm(forms.Form):
    """A GET form that filters a public list, rendered by `includes/filter_form.html`.

    Subclasses declare their fields with Fast* widgets carrying Bootstrap's class (`form-control`, `form-select`);
    a field with errors gets `is-invalid` as well. The template shows each field's label, control and errors, and
    help text in a <div> of `field_class`, inside a <div> of `row_class` when set, then the submit button and, once
    the form is bound and `clear_url` set, a link that clears the filters. Its renderer finds templates through
    TEMPLATES, like every page template; Django's own form templates are not there ('django.forms' is not an
    installed app), so the controls are widgets written in Python and the errors use includes/field_errors.html.
    """

    default_renderer = TemplatesSetting()
    template_name = "includes/filter_form.html"
    form_attrs = {}  # the <form> tag's attributes besides method="get"
    row_class = ""
    field_class = "mb-3"
    submit_label = ""
    clear_url = ""
    clear_label = ""
    # Stands for each control while render_kept() renders the frame of a searched form (never in a page).
    CONTROL_SLOT = "\x00control\x00"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", FeedbackErrorList)
        super().__init__(*args, **kwargs)

    def control_html(self, field):
        """The field's control as Django renders its widget (with aria-describedby and aria-invalid), then its
        errors when it has any."""
        if self.has_error(field.name):
            return mark_safe(f"{field}\n{field.errors}")  # noqa: S308  # nosec B308 B703 - both rendered by Django
        return str(field)

    def get_context(self):
        context = super().get_context()
        context.update(
            rows=[(field, self.control_html(field)) for field, _errors in context["fields"]],
            form_attrs=mark_safe(html_attributes(self.form_attrs)),  # noqa: S308  # nosec B308 B703 - escaped
            row_class=self.row_class,
            field_class=self.field_class,
            submit_label=self.submit_label,
            clear_url=self.clear_url if self.is_bound else "",
            clear_label=self.clear_label,
        )
        return context

    def render_kept(self, key):
        """The form's HTML, from parts kept per data version and language under `key`, which names the form.

        As the list opens (unbound) the form is the same for every visitor: kept whole. A search or a filter changes
        only the controls (the typed text, the chosen option, a field's errors); the rest (the <form> tag, labels,
        help texts, buttons) is kept as a frame, rendered once by the same template with CONTROL_SLOT for each
        control, and this request's controls go in its slots. Errors of the whole form: rendered whole.
        """
        language = get_language()
        if not self.is_bound:
            return mark_safe(versioned(f"filter-form:{key}:{language}", lambda: str(self.render())))  # noqa: S308  # nosec B308 B703
        if self.has_error(NON_FIELD_ERRORS):
            return self.render()
        # The field names are part of the key: a frame kept by the code before a deploy may still be in the cache.
        frame = versioned(f"filter-form-frame:{key}:{','.join(self.fields)}:{language}", self.render_frame)
        if len(frame) != len(self.fields) + 1:  # not cut where this form's controls go: render it whole
            return self.render()
        parts = [frame[0]]
        for field, text in zip(self, frame[1:], strict=True):
            parts += [self.control_html(field), text]
        # The frame is the template's output (escaped by it); each control is escaped by its widget.
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703

    def render_frame(self):
        """The form as the template renders it, cut where each control goes: one more piece than it has fields."""
        context = self.get_context()
        context["rows"] = [(field, self.CONTROL_SLOT) for field, _control in context["rows"]]
        return str(self.render(context=context)).split(self.CONTROL_SLOT)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                classes = widget.attrs.get("class", "").split()
                if "is-invalid" not in classes:
                    widget.attrs["class"] = " ".join([*classes, "is-invalid"])
