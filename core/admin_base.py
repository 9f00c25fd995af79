"""The base of every portal admin: autocomplete without N+1, folded search, publish actions, protected deletes, list
filters, and the inlines that a higher app adds to a lower app's admin (`extra_inlines`)."""

import html

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_update_with_history

from . import text

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
    """For model admins and inlines: cached autocomplete widgets, and the portal's base form."""

    form = PortalAdminForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CachedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PortalInlineMixin(PortalAdminMixin):
    """For inlines: PortalAdminMixin, and related records chosen or added from a row, never edited or deleted there."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            # Quick entry in inline rows: choose or add; editing or deleting the related record belongs on its page.
            formfield.widget.can_change_related = False
            formfield.widget.can_delete_related = False
        return formfield


class CompactTabularMixin:
    """For tabular inlines: the table shares the page's width among its columns and each field fills its cell, so a
    change page never scrolls sideways at 1,280 or 1,024 pixels (static/css/admin-entry.css)."""

    classes = ["compact-table"]

    class Media:
        css = {"screen": ["css/admin-entry.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget.can_view_related = False  # room for the field; the record's own page shows it
        return formfield


# --- Inlines added by higher apps ---------------------------------------------------------------------------------


class InlineRegistry:
    """Inlines that a higher app adds to the change page of a lower app's model, kept by model.

    A lower app's admin never names the apps above it. The higher app calls, in its admin.py (which the admin's
    autodiscovery imports), `extra_inlines.register(Author, BookInline)`, as `admin.site.register()` adds a model
    admin to the site; the author admin shows BookInline after its own inlines through `get_inlines()`
    (ExtraInlinesMixin).
    """

    def __init__(self):
        self.inlines = {}

    def register(self, model, *inline_classes):
        registered = self.inlines.setdefault(model, [])
        registered.extend(inline for inline in inline_classes if inline not in registered)

    def for_model(self, model):
        return list(self.inlines.get(model, ()))


extra_inlines = InlineRegistry()


class ExtraInlinesMixin:
    """For model admins: the admin's own inlines, then those that higher apps registered in `extra_inlines`."""

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), *extra_inlines.for_model(self.model)]

    def check(self, **kwargs):
        # Django's system checks look at `inlines` only; check the registered inlines the same way.
        errors = super().check(**kwargs)
        for inline_class in extra_inlines.for_model(self.model):
            errors.extend(inline_class(self.model, self.admin_site).check())
        return errors


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

    def message_protected(self, request, protected):
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
            self.message_protected(request, context["protected"])
        return super().render_delete_form(request, context)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ProtectedError as exc:
            self.message_protected(request, list(exc.protected_objects))
            return HttpResponseRedirect(request.get_full_path())

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _func, name, description = actions["delete_selected"]
            actions["delete_selected"] = (delete_selected_with_message, name, description)
        return actions

    def delete_queryset(self, request, queryset):
        try:
            with transaction.atomic():
                super().delete_queryset(request, queryset)
        except ProtectedError as exc:
            self.message_protected(request, list(exc.protected_objects))


def delete_selected_with_message(modeladmin, request, queryset):
    """Django's bulk delete, with a plain message when the confirmation page lists protected records."""
    response = delete_selected(modeladmin, request, queryset)
    if isinstance(response, TemplateResponse) and response.context_data.get("protected"):
        modeladmin.message_protected(request, response.context_data["protected"])
    return response


delete_selected_with_message.allowed_permissions = ("delete",)


class PortalModelAdmin(PortalAdminMixin, ExtraInlinesMixin, ProtectedDeleteMixin, admin.ModelAdmin):
    """Base for the portal's plain model admins."""

    list_per_page = 50


# --- List filters -------------------------------------------------------------------------------------------------


def period_filter(field_name, title):
    """A list filter by period on a date field that needs no query to draw itself.

    date_hierarchy runs SELECT DISTINCT over the whole table on every page load, which is slow on large tables; this
    offers this year, last year, then five-year spans and decades.
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
