"""The admin's change history: who changed which field from what to what, shown as staff read values, and its revert."""

import dataclasses
import datetime

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .admin_base import ExtraInlinesMixin, PortalAdminMixin, ProtectedDeleteMixin

# Fields that change on every save and say nothing to a reader of the history.
HISTORY_NOISE_FIELDS = ["version", "updated_at", "created_at"]


def without_noise(delta):
    """A simple-history ModelDelta without the fields that change on every save."""
    changes = [change for change in delta.changes if change.field not in HISTORY_NOISE_FIELDS]
    return dataclasses.replace(delta, changes=changes, changed_fields=[change.field for change in changes])


def format_value(value):
    """A plain value as staff read it: "—" for nothing, có/không, dd/mm/yyyy dates, lists joined by commas."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) else str(value)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def display_value(model, field_name, value):
    """A field's value as staff read it: choice labels, dd/mm/yyyy dates, có/không, names joined by commas."""
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        field = None
    if field is not None and field.many_to_many and isinstance(value, list | tuple):
        names = [row.get(field.m2m_reverse_field_name()) if isinstance(row, dict) else row for row in value]
        if names and not any(hasattr(n, "_meta") for n in names):
            objects = {
                o.pk: o
                for o in field.related_model._default_manager.filter(pk__in=[getattr(n, "pk", n) for n in names])
            }
            names = [objects.get(getattr(n, "pk", n), n) for n in names]
        value = names
    elif field is not None and field.choices and value not in (None, ""):
        value = dict(field.flatchoices).get(value, value)
    return format_value(value)


class PortalHistoryContextHelper(HistoricalRecordContextHelper):
    """simple-history's change list, with values shown the way the rest of the admin shows them and without the fields
    that change on every save."""

    def context_for_delta_changes(self, delta):
        return super().context_for_delta_changes(without_noise(delta))

    def prepare_delta_change_value(self, change, value):
        return value

    def stringify_delta_change_values(self, change, old, new):
        old_str = str(display_value(self.model, change.field, old))
        new_str = str(display_value(self.model, change.field, new))
        old_short, new_short = self.get_obj_diff_display().common_shorten_repr(old_str, new_str)
        return conditional_escape(old_short), conditional_escape(new_short)


class PortalHistoryAdmin(PortalAdminMixin, ExtraInlinesMixin, ProtectedDeleteMixin, SimpleHistoryAdmin):
    """Base for models with history: simple-history's history view (who, when, which fields from what to what) and
    its revert, without the noise of fields that change on every save."""

    list_per_page = 50
    show_facets = admin.ShowFacets.NEVER  # facet counts would COUNT each filter value over 100,000 rows
    object_history_list_template = "admin/portal/object_history_list.html"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history lets anyone who may view the history POST the revert form; restoring is a change.
        if request.method == "POST":
            obj = self.get_object(request, object_id)
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return PortalHistoryContextHelper(self.model, historical_record)
