"""Helpers for admin tests: turn a rendered admin change form back into the POST data a browser would send."""

from django.forms import MultiWidget, Select
from django.test.utils import CaptureQueriesContext


def _field_data(form, data):
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        widget = field.widget
        widget = getattr(widget, "widget", widget)  # RelatedFieldWidgetWrapper
        if field.disabled or getattr(widget, "input_type", None) == "file":
            continue
        if isinstance(widget, MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for i, (sub, part) in enumerate(zip(widget.widgets, parts, strict=False)):
                data[f"{key}_{i}"] = sub.format_value(part) or ""
        elif getattr(widget, "input_type", None) == "checkbox" and not getattr(
            widget, "allow_multiple_selected", False
        ):
            if value:
                data[key] = "on"
        elif getattr(widget, "allow_multiple_selected", False):
            data[key] = [str(v) for v in value or []]
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif isinstance(widget, Select):
            data[key] = "" if value is None else str(value)
        elif value is None:
            data[key] = ""
        else:
            formatted = widget.format_value(value)
            data[key] = "" if formatted is None else str(formatted)


def change_form_data(response):
    """The POST data of an admin add/change page as rendered: main form, inline management forms and rows."""
    data = {}
    _field_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"] if "inline_admin_formsets" in response.context else []:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        data[management.add_prefix("TOTAL_FORMS")] = formset.initial_form_count()
        for form in formset.initial_forms:
            _field_data(form, data)
    return data


def add_inline_rows(data, prefix, rows):
    """Append new rows to an inline formset in `data` (a dict from change_form_data)."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for row in rows:
        for name, value in row.items():
            data[f"{prefix}-{total}-{name}"] = value
        total += 1
    data[f"{prefix}-TOTAL_FORMS"] = total
    return data


def count_queries(client, url):
    from django.db import connection

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)
