"""Form pieces the public list pages share: controls written in Python and the base of their GET filter forms.

The directory and the honours roll show a filter form on every request. FilterForm renders it through one plain
template of the portal's own, `includes/filter_form.html` (Django's form rendering API: `template_name`,
`get_context()`), with <select> and <input> controls written in Python (FastSelect, FastTextInput, FastNumberInput)
rather than through a template per control and per option. The form as a list opens, unbound, is the same for every
visitor: FilterForm.render_kept() keeps it per data version and language. Staff forms keep crispy-forms.

On a phone the search stays in view above the results and the other filters fold into a panel behind a "Filters (n)"
button (Bootstrap's collapse below the lg breakpoint; static/css/portal.css shows the panel from lg up and
static/css/no-js.css without JavaScript).
"""

import re
from html import escape

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorList
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


def with_blank(blank_label, choices):
    """A ChoiceField's choices: a blank choice labelled `blank_label`, then `choices`. Given as a callable (which
    ChoiceField accepts) so each form's copy of the field shares the list rather than copying every choice."""
    return lambda: [("", blank_label), *choices]


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


def filter_select(field_class, *, cache_key, **kwargs):
    """An optional filter field of `field_class` shown as a FastSelect whose options are kept under `cache_key`."""
    return field_class(required=False, widget=FastSelect(attrs={"class": "form-select"}, cache_key=cache_key), **kwargs)


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

    The fields of `shown_fields` (the search, in a <div> of `shown_field_class`) always show; the others go in a
    panel (a <div> of `panel_class`, their own row of `panel_row_class` when set) that a "Filters (n)" button opens
    below the lg breakpoint. n counts the panel's fields with a value, valid or not, except `uncounted_fields` (the
    order of the list is not a filter); the panel opens by itself when one of its fields has an error.
    """

    default_renderer = TemplatesSetting()
    template_name = "includes/filter_form.html"
    form_attrs = {}  # the <form> tag's attributes besides method="get"
    row_class = ""
    field_class = "mb-3"
    shown_fields = ("q",)
    shown_field_class = "mb-3"
    uncounted_fields = ()
    panel_id = "filter-panel"
    panel_class = ""
    panel_row_class = ""
    submit_label = ""
    clear_url = ""
    clear_label = ""
    # What a kept frame holds where this request's pieces go: "\x00name\x00" (never in a page).
    SLOT = "\x00{}\x00"
    SLOT_PATTERN = re.compile("\x00([^\x00]*)\x00")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", FeedbackErrorList)
        super().__init__(*args, **kwargs)

    def control_html(self, field):
        """The field's control as Django renders its widget (with aria-describedby and aria-invalid), then its
        errors when it has any."""
        if self.has_error(field.name):
            return mark_safe(f"{field}\n{field.errors}")  # noqa: S308  # nosec B308 B703 - both rendered by Django
        return str(field)

    def active_filter_count(self):
        """How many of the panel's filters the visitor set: a value typed or chosen, valid or not."""
        if not self.is_bound:
            return 0
        counted = [name for name in self.fields if name not in (*self.shown_fields, *self.uncounted_fields)]
        return sum(1 for name in counted if str(self[name].data or "").strip())

    def panel_state(self):
        """What changes with the request around the panel: the button's label (with the count) and whether the panel
        starts open (a filter in it has an error)."""
        count = self.active_filter_count()
        is_open = self.has_error(NON_FIELD_ERRORS) or any(
            self.has_error(name) for name in self.fields if name not in self.shown_fields
        )
        return {
            "toggle_label": _("Filters (%(count)s)") % {"count": count} if count else _("Filters"),
            "panel_expanded": "true" if is_open else "false",
            "panel_show": " show" if is_open else "",
        }

    def get_context(self, control=None, panel_state=None):
        """The template's context; `control` (a field's control) and `panel_state` default to this request's."""
        context = super().get_context()
        control = control or self.control_html
        rows = [(field, control(field)) for field, _errors in context["fields"]]
        context.update(
            panel_state or self.panel_state(),
            shown_rows=[(field, control) for field, control in rows if field.name in self.shown_fields],
            panel_rows=[(field, control) for field, control in rows if field.name not in self.shown_fields],
            shown_field_class=self.shown_field_class,
            panel_id=self.panel_id,
            panel_class=self.panel_class,
            panel_row_class=self.panel_row_class,
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
        only the controls (the typed text, the chosen option, a field's errors) and the panel's state (the count on
        its button, open or not); the rest (the <form> tag, labels, help texts, buttons) is kept as a frame, rendered
        once by the same template with a named slot for each of those, and this request's pieces go in the slots.
        Errors of the whole form: rendered whole.
        """
        language = get_language()
        if not self.is_bound:
            return mark_safe(versioned(f"filter-form:{key}:{language}", lambda: str(self.render())))  # noqa: S308  # nosec B308 B703
        if self.has_error(NON_FIELD_ERRORS):
            return self.render()
        # The field names are part of the key: a frame kept by the code before a deploy may still be in the cache.
        frame = versioned(f"filter-form-frame:{key}:{','.join(self.fields)}:{language}", self.render_frame)
        pieces = self.slot_pieces()
        names = frame[1::2]
        if len(frame) % 2 != 1 or sorted(names) != sorted(pieces):  # not cut for this form: render it whole
            return self.render()
        parts = [frame[0]]
        for name, text in zip(names, frame[2::2], strict=True):
            parts += [pieces[name], text]
        # The frame is the template's output (escaped by it); each piece is escaped by its widget or here.
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703

    def slot_pieces(self):
        """This request's piece for each slot of the frame, as the template would write it (escaped)."""
        pieces = {f"field:{field.name}": self.control_html(field) for field in self}
        pieces.update({name: str(conditional_escape(value)) for name, value in self.panel_state().items()})
        return pieces

    def render_frame(self):
        """The form as the template renders it, cut around the slots: [text, slot name, text, ..., slot name, text]."""
        context = self.get_context(
            control=lambda field: self.SLOT.format(f"field:{field.name}"),
            panel_state={name: self.SLOT.format(name) for name in self.panel_state()},
        )
        return self.SLOT_PATTERN.split(str(self.render(context=context)))

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                classes = widget.attrs.get("class", "").split()
                if "is-invalid" not in classes:
                    widget.attrs["class"] = " ".join([*classes, "is-invalid"])
