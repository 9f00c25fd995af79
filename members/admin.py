"""Admin for members, and the admin building blocks every app's admin shares (members is the ground floor).

Shared pieces: diacritic-insensitive search through the model's `.search()`, autocomplete widgets that reuse the
related objects an inline already loaded (a fixed number of queries however many rows), publish/unpublish actions
that record history, refusal to delete protected records, and optimistic locking (no lost updates) for models with a
`version` column.
"""

import datetime
import html

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import conditional_escape, strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import bulk_update_with_history

from core import text
from core.importexport.admin import PortalImportExportMixin

from .models import Area, Organization, Person, Sector
from .resources import OrganizationResource
from .validators import tax_code_checksum_ok

# Fields that change on every save and say nothing to a reader of the history.
HISTORY_NOISE_FIELDS = ["version", "updated_at", "created_at"]


# --- Autocomplete without N+1 -------------------------------------------------------------------------------------


class CachedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete select that shows the selected option from an object already loaded, without a query.

    Django's widget runs one query per rendered widget to find the selected option's label: in an inline with 50 rows
    that is 50 queries per field. The form fills `known` from the related object its instance already holds (inlines
    load them with select_related), so rendering costs nothing.
    """

    known = None

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not selected or not self.known or not selected <= set(self.known):
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        for pk in sorted(selected):
            default[1].append(self.create_option(name, pk, self.known[pk], selected, len(default[1])))
        return [default]


class PortalAdminForm(forms.ModelForm):
    """Base form of every portal admin form and inline form: feeds already-loaded objects to autocomplete widgets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance is None or instance.pk is None:
            return
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, CachedAutocompleteSelect):
                continue
            try:
                model_field = instance._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if model_field.many_to_one and model_field.is_cached(instance):
                related = model_field.get_cached_value(instance)
                if related is not None:
                    widget.known = {str(related.pk): field.label_from_instance(related)}


class PortalAdminMixin:
    """For ModelAdmin and inlines: cached autocomplete widgets, and the portal's base form."""

    form = PortalAdminForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(self, InlineModelAdmin) and formfield and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            # Quick entry in inline rows: choose or add; editing or deleting the related record belongs on its page.
            formfield.widget.can_change_related = False
            formfield.widget.can_delete_related = False
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CachedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --- Search -------------------------------------------------------------------------------------------------------


class FoldedSearchMixin:
    """Admin search (changelist and autocomplete) through the model queryset's diacritic-insensitive `.search()`.

    "thang thuy", "Thắng Thủy" and "THẮNG THỦY" find the same rows; matches with the typed diacritics come first in
    autocomplete (the changelist keeps its own column ordering).
    """

    def get_search_results(self, request, queryset, search_term):
        if not text.fold(search_term):
            return queryset, False
        results = queryset.search(search_term)
        ordering = self.get_ordering(request) or self.model._meta.ordering or ["pk"]
        return results.order_by("search_rank", *ordering), False


# --- Publishing ---------------------------------------------------------------------------------------------------


def _set_published(modeladmin, request, queryset, value):
    model = queryset.model
    objs = list(queryset.exclude(is_published=value))
    now = timezone.now()
    fields = ["is_published"]
    field_names = {f.name for f in model._meta.concrete_fields}
    if "updated_at" in field_names:
        fields.append("updated_at")
    if "version" in field_names:
        fields.append("version")
    for obj in objs:
        obj.is_published = value
        obj.updated_at = now
        if "version" in field_names:
            obj.version += 1
        if hasattr(obj, "refresh_derived"):
            obj.refresh_derived()
    if objs:
        bulk_update_with_history(objs, model, fields, batch_size=500, default_user=request.user)
    if value:
        msg = ngettext("%(count)d record was published.", "%(count)d records were published.", len(objs))
    else:
        msg = ngettext("%(count)d record was unpublished.", "%(count)d records were unpublished.", len(objs))
    modeladmin.message_user(request, msg % {"count": len(objs)}, messages.SUCCESS)


@admin.action(description=_("Publish the selected records"), permissions=["change"])
def publish(modeladmin, request, queryset):
    _set_published(modeladmin, request, queryset, True)


@admin.action(description=_("Unpublish the selected records"), permissions=["change"])
def unpublish(modeladmin, request, queryset):
    _set_published(modeladmin, request, queryset, False)


# --- Protected records --------------------------------------------------------------------------------------------


class ProtectedDeleteMixin:
    """Refuse, with a message saying why, to delete a record that honours (or other records) still refer to.

    Django's confirmation page already lists the protected objects and offers no "Yes"; this adds a plain message
    for the single and the bulk delete, and turns a ProtectedError raised in a race into the same message.
    """

    def _protected_message(self, request, protected):
        names = ", ".join(html.unescape(strip_tags(str(p))) for p in protected[:5]) + (
            " …" if len(protected) > 5 else ""
        )
        self.message_user(
            request,
            _(
                "This cannot be deleted because other records refer to it (%(objects)s). "
                "Remove or reassign those first, or unpublish it instead."
            )
            % {"objects": names},
            messages.ERROR,
        )

    def render_delete_form(self, request, context):
        if context.get("protected"):
            self._protected_message(request, context["protected"])
        return super().render_delete_form(request, context)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ProtectedError as exc:
            self._protected_message(request, list(exc.protected_objects))
            return HttpResponseRedirect(request.get_full_path())

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _func, name, description = actions["delete_selected"]
            actions["delete_selected"] = (_delete_selected_with_message, name, description)
        return actions

    def delete_queryset(self, request, queryset):
        try:
            with transaction.atomic():
                super().delete_queryset(request, queryset)
        except ProtectedError as exc:
            self._protected_message(request, list(exc.protected_objects))


def _delete_selected_with_message(modeladmin, request, queryset):
    """Django's bulk delete, with a plain message when the confirmation page lists protected records."""
    from django.contrib.admin.actions import delete_selected

    response = delete_selected(modeladmin, request, queryset)
    if isinstance(response, TemplateResponse) and response.context_data.get("protected"):
        modeladmin._protected_message(request, response.context_data["protected"])
    return response


_delete_selected_with_message.allowed_permissions = ("delete",)


class PortalModelAdmin(PortalAdminMixin, ProtectedDeleteMixin, admin.ModelAdmin):
    """Base for the portal's plain model admins."""

    list_per_page = 50


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
    return _display(value)


class PortalHistoryContextHelper(HistoricalRecordContextHelper):
    """simple-history's change list, with values shown the way the rest of the admin shows them."""

    def prepare_delta_change_value(self, change, value):
        return value

    def stringify_delta_change_values(self, change, old, new):
        old_str = str(display_value(self.model, change.field, old))
        new_str = str(display_value(self.model, change.field, new))
        old_short, new_short = self.get_obj_diff_display().common_shorten_repr(old_str, new_str)
        return conditional_escape(old_short), conditional_escape(new_short)


class PortalHistoryAdmin(PortalAdminMixin, ProtectedDeleteMixin, SimpleHistoryAdmin):
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

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current,
                    excluded_fields=[f for f in HISTORY_NOISE_FIELDS if _has_field(previous, f)],
                    foreign_keys_are_objs=foreign_keys_are_objs,
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


def _has_field(obj, name):
    try:
        obj._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


# --- Optimistic locking (no lost updates) -------------------------------------------------------------------------


class VersionConflict(Exception):
    """The row changed between the form's check and the save; the whole save is rolled back."""


def _display(value):
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
        excluded = [f for f in HISTORY_NOISE_FIELDS if _has_field(latest, f)]
        delta = latest.diff_against(loaded, excluded_fields=excluded, foreign_keys_are_objs=True)
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


def period_filter(field_name, title):
    """A list filter by period on a date field that needs no query to draw itself.

    date_hierarchy runs SELECT DISTINCT over the whole table on every page load (seconds at 100,000 members or a
    million honours); this offers this year, last year, then five-year spans and decades.
    """

    class PeriodFilter(admin.SimpleListFilter):
        parameter_name = f"{field_name}_period"

        def lookups(self, request, model_admin):
            year = timezone.localdate().year
            spans = [(str(year), str(year)), (str(year - 1), str(year - 1))]
            end = year - 2
            while end >= 2010:
                start = max(end - 4, 2010)
                spans.append((f"{start}-{end}", f"{start}–{end}"))
                end = start - 1
            spans += [("2000-2009", "2000–2009"), ("1990-1999", "1990–1999"), ("-1989", _("before 1990"))]
            return spans

        def queryset(self, request, queryset):
            value = self.value()
            if not value:
                return queryset
            try:
                start, _sep, end = value.partition("-") if "-" in value else (value, "", value)
                start = int(start) if start else 1
                end = int(end) if end else 9999
            except ValueError:
                return queryset
            return queryset.filter(**{f"{field_name}__year__gte": start, f"{field_name}__year__lte": end})

    PeriodFilter.title = title
    return PeriodFilter


class InForceFilter(admin.SimpleListFilter):
    """Units or authorities in force today, or those that no longer exist (for models with valid_from/valid_to and a
    `current()` queryset method)."""

    title = _("in force")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("yes", _("In force today")), ("no", _("No longer in force"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.current()
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.current().values("pk"))
        return queryset


# --- Members ------------------------------------------------------------------------------------------------------


@admin.register(Area)
class AreaAdmin(PortalModelAdmin):
    list_display = ["name", "code", "level", "parent", "valid_from", "valid_to"]
    list_filter = [InForceFilter, "level"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    ordering = ["sort_key", "code"]

    def get_search_results(self, request, queryset, search_term):
        if not text.fold(search_term):
            return queryset, False
        return queryset.search(search_term), False


@admin.register(Sector)
class SectorAdmin(PortalModelAdmin):
    list_display = ["name", "name_en", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_en"]
    ordering = ["order", "name"]


class WithdrawForm(forms.Form):
    """The intermediate page of the "mark withdrawn" action."""

    withdrawn_on = forms.DateField(
        label=_("Withdrawn on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def clean_withdrawn_on(self):
        value = self.cleaned_data["withdrawn_on"]
        if value > timezone.localdate():
            raise ValidationError(_("This date is in the future."))
        return value


@admin.action(description=_("Mark the selected members as withdrawn…"), permissions=["change"])
def mark_withdrawn(modeladmin, request, queryset):
    form = WithdrawForm(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        day = form.cleaned_data["withdrawn_on"]
        objs = list(queryset)
        too_early = [o for o in objs if o.joined_on and o.joined_on > day]
        if too_early:
            form.add_error(
                "withdrawn_on",
                _("%(name)s joined the alliance on %(date)s, after this date.")
                % {"name": too_early[0].name, "date": too_early[0].joined_on.strftime("%d/%m/%Y")},
            )
        else:
            now = timezone.now()
            for obj in objs:
                obj.status = Organization.Status.WITHDRAWN
                obj.status_changed_on = day
                obj.updated_at = now
                obj.version += 1
                obj.refresh_derived()
            bulk_update_with_history(
                objs,
                Organization,
                ["status", "status_changed_on", "updated_at", "version"],
                batch_size=500,
                default_user=request.user,
            )
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d member was marked as withdrawn on %(date)s.",
                    "%(count)d members were marked as withdrawn on %(date)s.",
                    len(objs),
                )
                % {"count": len(objs), "date": day.strftime("%d/%m/%Y")},
                messages.SUCCESS,
            )
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Mark members as withdrawn"),
        "opts": modeladmin.model._meta,
        "form": form,
        "queryset": queryset[:50],
        "count": queryset.count(),
        "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/members/organization/mark_withdrawn.html", context)


class OrganizationAdminForm(VersionedAdminForm):
    class Meta:
        model = Organization
        fields = ["sectors"]  # the admin's fieldsets decide the fields; this only sets the widget
        widgets = {"sectors": forms.CheckboxSelectMultiple}


@admin.register(Organization)
class OrganizationAdmin(PortalImportExportMixin, VersionLockingMixin, PortalHistoryAdmin):
    resource_classes = [OrganizationResource]
    form = OrganizationAdminForm
    list_display = ["name", "kind", "tax_code", "area", "status", "joined_on", "is_published"]
    list_display_links = ["name"]
    list_filter = [
        "kind",
        "status",
        "is_published",
        period_filter("joined_on", _("joined the alliance")),
        "legal_form",
        "sectors",
        "is_sample",
    ]
    search_fields = ["name", "short_name", "tax_code"]
    search_help_text = _("Search by name, short name, tax code or representative; diacritics are optional.")
    autocomplete_fields = ["area"]
    list_select_related = ["area"]
    ordering = ["sort_key", "pk"]
    show_full_result_count = False
    actions = [publish, unpublish, mark_withdrawn]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "legal_form", "name", "short_name", "name_en", "slug", "tax_code"]}),
        (_("Activity and place"), {"fields": ["sectors", "area", "address", "description", "logo"]}),
        (
            _("Representative and contacts"),
            {"fields": ["representative_name", "representative_title", "phone", "email", "website", "contacts_public"]},
        ),
        (
            _("Membership"),
            {
                "fields": [
                    "founded_on",
                    "joined_on",
                    "status",
                    "status_changed_on",
                    "member_count",
                    "worker_count",
                    "charter_capital",
                ]
            },
        ),
        (_("Publication"), {"fields": ["is_published", "is_sample", "created_at", "updated_at"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        return FoldedSearchMixin.get_search_results(self, request, queryset, search_term)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.tax_code and not tax_code_checksum_ok(obj.tax_code):
            self.message_user(
                request,
                _(
                    "Saved, but the check digit of tax code %(code)s does not match the tax authority's formula. "
                    "Please compare it with the business registration certificate."
                )
                % {"code": obj.tax_code},
                messages.WARNING,
            )


@admin.register(Person)
class PersonAdmin(VersionLockingMixin, PortalHistoryAdmin):
    list_display = ["full_name", "position", "affiliation_shown", "public_consent", "is_published"]
    list_filter = ["is_published", "public_consent", "is_sample"]
    search_fields = ["full_name", "position", "affiliation"]
    search_help_text = _("Search by name, position or outside body; diacritics are optional.")
    autocomplete_fields = ["organization"]
    list_select_related = ["organization"]
    ordering = ["sort_key", "pk"]
    show_full_result_count = False
    actions = [publish, unpublish]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["full_name", "position", "organization", "affiliation", "photo"]}),
        (_("Consent to public display"), {"fields": ["public_consent", "consent_recorded_on", "is_published"]}),
        (
            _("Internal details (never shown publicly)"),
            {"fields": ["birth_date", "phone", "email", "id_number"]},
        ),
        (_("Record"), {"fields": ["is_sample", "created_at", "updated_at"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        return FoldedSearchMixin.get_search_results(self, request, queryset, search_term)

    @admin.display(description=_("affiliation"), ordering="organization__sort_key")
    def affiliation_shown(self, obj):
        return obj.affiliation_name
