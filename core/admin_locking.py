"""Optimistic locking in the admin for models with a `version` column: no save overwrites someone else's newer one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import to_historic

from .admin_base import PortalAdminForm
from .admin_history import display_value, without_noise


class VersionConflict(Exception):
    """The row changed between the form's check and the save; the whole save is rolled back."""


def describe_changes_since(instance, loaded_version):
    """What changed in `instance`'s row since version `loaded_version`: [(field label, old, new)], user and time."""
    model = type(instance)
    history = getattr(model, "history", None)
    if history is None:
        return [], None, None
    records = history.filter(**{model._meta.pk.attname: instance.pk})
    latest = records.order_by("-history_date", "-history_id").select_related("history_user").first()
    loaded = records.filter(version=loaded_version).order_by("-history_date", "-history_id").first()
    if latest is None:
        return [], None, None
    changes = []
    if loaded is not None and loaded.pk != latest.pk:
        delta = without_noise(latest.diff_against(loaded, foreign_keys_are_objs=True))
        for change in delta.changes:
            try:
                label = model._meta.get_field(change.field).verbose_name
            except FieldDoesNotExist:
                label = change.field
            old = display_value(model, change.field, change.old)
            new = display_value(model, change.field, change.new)
            changes.append((str(label), old, new))
    return changes, latest.history_user, latest.history_date


def conflict_error(instance, loaded_version):
    """The error that tells who saved the record after it was opened, and what they changed."""
    changes, user, when = describe_changes_since(instance, loaded_version)
    who = str(user) if user else _("another user")
    at = timezone.localtime(when).strftime("%H:%M %d/%m/%Y") if when else "?"
    message = _(
        "%(who)s saved this record at %(at)s, after you opened it. Your changes have NOT been saved, so that theirs "
        "are not overwritten. Open the record again to see the current version, then make your changes again."
    ) % {"who": who, "at": at}
    if changes:
        details = "; ".join(
            _("%(field)s: “%(old)s” → “%(new)s”") % {"field": f, "old": o, "new": n} for f, o, n in changes
        )
        heading = _("What they changed:")
        message = f"{message} {heading} {details}"
    return ValidationError(message, code="version_conflict")


class VersionedAdminForm(PortalAdminForm):
    """Carries the version of the row the form was loaded with, and refuses to save over a newer version."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk is not None:
            version = instance.version
            if to_historic(instance) is not None:
                # Reverting to a historical version: the version to check against is today's, not the old one's.
                version = type(instance)._default_manager.filter(pk=instance.pk).values_list("version", flat=True)
                version = version.first() or instance.version
            self.fields["loaded_version"].initial = version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        loaded = cleaned.get("loaded_version")
        current = type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list("version", flat=True)
        current = current.first()
        if loaded is None:
            raise ValidationError(
                _("This form is out of date. Open the record again and make your changes again."),
                code="version_missing",
            )
        if current is not None and current != loaded:
            raise conflict_error(self.instance, loaded)
        return cleaned


class VersionLockingMixin:
    """Optimistic locking for a model admin whose model has a `version` column.

    The change form carries the version it was loaded with; a save is refused with the other person's changes when
    the row moved on meanwhile, and a successful save bumps the version with UPDATE ... WHERE version = loaded.
    """

    form = VersionedAdminForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if any("loaded_version" in (opts.get("fields") or ()) for _name, opts in fieldsets):
            return fieldsets
        first_name, first_opts = fieldsets[0]
        first_opts = {**first_opts, "fields": [*first_opts.get("fields", ()), "loaded_version"]}
        return [(first_name, first_opts), *fieldsets[1:]]

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        loaded = form.cleaned_data.get("loaded_version")
        with transaction.atomic():
            updated = type(obj)._default_manager.filter(pk=obj.pk, version=loaded).update(version=F("version") + 1)
            if updated != 1:
                raise VersionConflict(conflict_error(obj, loaded).messages[0])
            obj.version = loaded + 1
            super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except VersionConflict as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except VersionConflict as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
