"""Admin for members: areas, sectors, member organizations (with their import and export) and people."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_update_with_history

from core import text
from core.admin_base import FoldedSearchMixin, InForceFilter, PortalModelAdmin, period_filter, publish, unpublish
from core.admin_history import PortalHistoryAdmin
from core.admin_locking import VersionedAdminForm, VersionLockingMixin
from core.importexport.admin import PortalImportExportMixin

from .models import Area, Organization, Person, Sector
from .resources import OrganizationResource
from .validators import tax_code_checksum_ok


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


def withdraw(organizations, day, user):
    """Mark `organizations` as withdrawn on `day`, in one bulk update that their history records."""
    now = timezone.now()
    for obj in organizations:
        obj.status = Organization.Status.WITHDRAWN
        obj.status_changed_on = day
        obj.updated_at = now
        obj.version += 1
        obj.refresh_derived()
    bulk_update_with_history(
        organizations,
        Organization,
        ["status", "status_changed_on", "updated_at", "version"],
        batch_size=500,
        default_user=user,
    )


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
            withdraw(objs, day, request.user)
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
