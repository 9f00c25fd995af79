"""Admin for forms of honour, authorities, decisions and honours.

Honours are entered in bulk inside a decision (the authority comes from the decision), one by one, or inside the
event where they were presented; each member organization and person shows the honours they received. Those three
inlines are registered at the end of this module in core's `extra_inlines`, which the event, organization and person
admins read.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from core import text
from core.admin_base import (
    InForceFilter,
    PortalAdminForm,
    PortalInlineMixin,
    PortalModelAdmin,
    extra_inlines,
    period_filter,
    publish,
    unpublish,
)
from core.admin_history import PortalHistoryAdmin
from core.admin_locking import VersionLockingMixin
from events.models import Event
from members.models import Organization, Person

from .admin_entry import DecisionEntryMixin
from .models import Authority, Decision, Honour, HonourForm
from .recipients import RecipientHonourForm
from .resources import HonourImportExportMixin, HonourResource

HONOUR_RELATED = ["form", "authority", "decision", "organization", "person", "event"]


@admin.register(HonourForm)
class HonourFormAdmin(PortalModelAdmin):
    list_display = ["name", "category", "recipient_scope", "is_statutory", "order"]
    list_filter = ["category", "recipient_scope", "is_statutory"]
    search_fields = ["name", "name_en"]
    ordering = ["order", "name"]


@admin.register(Authority)
class AuthorityAdmin(PortalModelAdmin):
    list_display = ["name", "short_name", "level", "valid_from", "valid_to", "order"]
    list_filter = [InForceFilter, "level"]
    search_fields = ["name", "short_name", "name_en"]
    ordering = ["order", "name"]


class HonourAdminForm(PortalAdminForm):
    """An honour with either an authority or a decision: the decision's authority is used when none is chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "authority" in self.fields:
            self.fields["authority"].required = False
            self.fields["authority"].help_text = _("Leave empty to use the decision's authority.")

    def clean(self):
        cleaned = super().clean()
        if "authority" in self.fields:
            decision = cleaned.get("decision")
            if decision is not None and not cleaned.get("authority"):
                cleaned["authority"] = decision.authority
            if not cleaned.get("authority") and "authority" not in self.errors:
                self.add_error(
                    "authority", _("Choose the conferring authority, or a decision (its authority is used).")
                )
        return cleaned


class RecipientKindFilter(admin.SimpleListFilter):
    title = _("recipient")
    parameter_name = "recipient"

    def lookups(self, request, model_admin):
        return [
            ("organization", _("Member organization")),
            ("person", _("Individual")),
            ("other", _("Other collective")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "organization":
            return queryset.filter(organization__isnull=False)
        if value == "person":
            return queryset.filter(person__isnull=False)
        if value == "other":
            return queryset.filter(organization__isnull=True, person__isnull=True)
        return queryset


@admin.register(Honour)
class HonourAdmin(HonourImportExportMixin, PortalHistoryAdmin):
    resource_classes = [HonourResource]
    form = HonourAdminForm
    list_display = ["recipient", "form", "authority", "decision", "conferred_on", "achievement_year", "is_published"]
    list_filter = [
        RecipientKindFilter,
        period_filter("conferred_on", _("conferred")),
        "form",
        "authority",
        "is_published",
        "is_sample",
    ]
    search_fields = ["recipient_name", "decision__number"]
    search_help_text = _("Search by recipient (diacritics are optional) or decision number.")
    autocomplete_fields = HONOUR_RELATED
    list_select_related = HONOUR_RELATED
    ordering = ["-conferred_on", "-pk"]
    show_full_result_count = False
    actions = [publish, unpublish]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["form", "decision", "authority"]}),
        (_("Recipient (exactly one)"), {"fields": ["organization", "person", "recipient_name"]}),
        (
            _("Details"),
            {"fields": ["citation", "achievement_year", "conferred_on", "event", "inscription", "order"]},
        ),
        (_("Publication"), {"fields": ["is_published", "is_sample", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("recipient"))
    def recipient(self, obj):
        return obj.recipient_display

    def get_search_results(self, request, queryset, search_term):
        """Recipient names without diacritics (the same matching as the public honours roll), or a decision number."""
        term = " ".join(search_term.split())
        if not text.fold(term):
            return queryset, False
        queryset = queryset.filter(queryset.recipient_matches(term) | Q(decision__number__icontains=term))
        return queryset, False


class DecisionHonourForm(RecipientHonourForm):
    """One honour under a decision: one recipient field, and the decision's authority taken before validation, so
    Honour.clean checks it."""

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        if decision.pk is not None:
            self.instance.decision = decision
        self.instance.authority_id = decision.authority_id


class DecisionHonourFormSet(BaseInlineFormSet):
    """A decision's honours: each form is given the decision (Django's documented way to pass a formset's forms an
    argument), and honours of a decision not yet saved are checked against its date here."""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "decision": self.instance}

    def clean(self):
        super().clean()
        decision = self.instance
        if decision.pk is None and decision.signed_on:  # Honour.clean checks this itself once the decision exists
            for form in self.forms:
                day = form.cleaned_data.get("conferred_on") if hasattr(form, "cleaned_data") else None
                if day and day < decision.signed_on:
                    form.add_error(
                        "conferred_on",
                        ValidationError(
                            _("An honour cannot be conferred before its decision was signed (%(date)s).")
                            % {"date": decision.signed_on.strftime("%d/%m/%Y")}
                        ),
                    )


class CompactHonourInline(PortalInlineMixin, admin.StackedInline):
    """Honours entered in a change page without scrolling sideways: each honour on two short lines (the recipient
    in one field that finds a member organization, a person or another collective), labels above the fields."""

    model = Honour
    extra = 0
    show_change_link = True
    classes = ["compact-inline"]

    class Media:
        css = {"screen": ["css/admin-entry.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "citation":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 1, "cols": 40})
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget.can_view_related = False  # room for the fields; the record's own page shows it
        return formfield

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*HONOUR_RELATED)


class DecisionHonourInline(CompactHonourInline):
    """Quick entry of a decision's recipients; the authority is the decision's."""

    form = DecisionHonourForm
    formset = DecisionHonourFormSet
    fieldsets = [
        (None, {"fields": [("order", "form", "recipient", "achievement_year"), ("citation", "conferred_on", "event")]})
    ]
    autocomplete_fields = ["form", "event"]
    extra = 3


@admin.register(Decision)
class DecisionAdmin(DecisionEntryMixin, VersionLockingMixin, PortalHistoryAdmin):
    list_display = ["number", "signed_on", "authority", "title", "honour_count", "is_published"]
    list_filter = ["authority", "is_published", "is_sample"]
    search_fields = ["number", "title"]
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]
    date_hierarchy = "signed_on"
    ordering = ["-signed_on", "-pk"]
    show_full_result_count = False
    actions = [publish, unpublish]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [DecisionHonourInline]
    fieldsets = [
        (None, {"fields": ["number", "signed_on", "authority", "title", "document"]}),
        (_("Publication"), {"fields": ["is_published", "is_sample", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        counts = (
            Honour.objects.filter(decision=OuterRef("pk"))
            .order_by()
            .values("decision")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return super().get_queryset(request).annotate(honour_count=Coalesce(Subquery(counts), 0))

    @admin.display(description=_("number of honours"), ordering="honour_count")
    def honour_count(self, obj):
        return obj.honour_count

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        decision = form.instance
        # Honours not edited in this save still follow the decision's authority.
        for honour in decision.honours.exclude(authority_id=decision.authority_id):
            honour.authority_id = decision.authority_id
            honour._history_user = request.user
            honour.save()


class EventHonourForm(RecipientHonourForm, HonourAdminForm):
    """An honour presented at an event: one recipient field; the decision's authority when none is chosen."""


class EventHonourInline(CompactHonourInline):
    """Honours presented at an event."""

    form = EventHonourForm
    fk_name = "event"
    fieldsets = [(None, {"fields": [("order", "form", "recipient"), ("decision", "authority", "conferred_on")]})]
    autocomplete_fields = ["form", "decision", "authority"]


class ReceivedHonourInline(admin.TabularInline):
    """Honours a member organization or person received: read only, each linking to its own page."""

    model = Honour
    fields = ["form", "authority", "decision", "conferred_on", "achievement_year", "event"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("honours received")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*HONOUR_RELATED)


class OrganizationHonourInline(ReceivedHonourInline):
    fk_name = "organization"


class PersonHonourInline(ReceivedHonourInline):
    fk_name = "person"


extra_inlines.register(Event, EventHonourInline)
extra_inlines.register(Organization, OrganizationHonourInline)
extra_inlines.register(Person, PersonHonourInline)
