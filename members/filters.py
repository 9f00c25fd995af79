"""The member directory's filters, shared by the directory page and its CSV/XLSX exports."""

import re

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.filters import LeanFilterSet
from core.forms import FastSelect

from .forms import DirectoryFilterForm
from .models import Area, Organization, Sector

# Control characters (C0 except tab/newline, DEL, C1) have no place in a search: they are dropped.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SEARCH_MAX_LENGTH = 200
MIN_JOIN_YEAR = 1945
MAX_JOIN_YEAR = 2100


class SearchField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return _CONTROL.sub(" ", value).strip() if value else value


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", MIN_JOIN_YEAR)
        kwargs.setdefault("max_value", MAX_JOIN_YEAR)
        super().__init__(**kwargs)


class SectorChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name_en if get_language() == "en" and obj.name_en else obj.name


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class SectorFilter(django_filters.ModelChoiceFilter):
    field_class = SectorChoiceField


class OrganizationFilter(LeanFilterSet):
    """Search (diacritic-insensitive, ranked), kind, sector, area, status, join year, and the order of the list."""

    class Order:
        RELEVANCE = "relevance"
        NAME = "name"
        NEWEST = "newest"
        OLDEST = "oldest"

    ORDER_CHOICES = [
        (Order.NAME, _("Name (A–Z)")),
        (Order.NEWEST, _("Joined most recently")),
        (Order.OLDEST, _("Joined earliest")),
    ]

    q = SearchFilter(
        method="filter_search",
        label=_("Search"),
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Name, short name, English name, tax code or representative; diacritics are optional."),
    )
    # Every <select> is rendered by FastSelect (core.forms.FilterFormMixin); the two read from the database
    # name a cache key so their options are kept per language and data version.
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices, label=_("Kind"), empty_label=_("All kinds"))
    sector = SectorFilter(
        field_name="sectors",
        queryset=Sector.objects.only("slug", "name", "name_en"),
        to_field_name="slug",
        label=_("Sector"),
        empty_label=_("All sectors"),
        widget=FastSelect(cache_key="directory-sector"),
    )
    area = django_filters.ModelChoiceFilter(
        queryset=Area.objects.only("code", "name", "valid_to"),
        to_field_name="code",
        label=_("Administrative unit"),
        empty_label=_("All units"),
        widget=FastSelect(cache_key="directory-area"),
        method="filter_area",
    )
    status = django_filters.ChoiceFilter(
        choices=Organization.Status.choices,
        label=_("Membership status"),
        empty_label=_("Any status"),
    )
    joined = YearFilter(field_name="joined_on", lookup_expr="year", label=_("Year joined"))
    order = django_filters.ChoiceFilter(
        choices=ORDER_CHOICES,
        label=_("Order by"),
        empty_label=_("Best match, then name"),
        method="filter_order",
        help_text=_("Without a search, best match is the order by name."),
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "sector", "area", "status", "joined", "order"]
        form = DirectoryFilterForm

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value else queryset

    def filter_area(self, queryset, name, value):
        """An area, and for a district or the city every unit directly under it."""
        return queryset.filter(Q(area=value) | Q(area__parent=value)) if value else queryset

    def filter_order(self, queryset, name, value):
        return queryset  # applied in filter_queryset, after the search has annotated its rank

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = getattr(self.form, "cleaned_data", {})
        searching = bool(data.get("q"))
        order = data.get("order") or (self.Order.RELEVANCE if searching else self.Order.NAME)
        if order == self.Order.RELEVANCE:
            return queryset.order_by("search_rank", "sort_key", "pk")
        if order == self.Order.NEWEST:
            return queryset.order_by(F("joined_on").desc(nulls_last=True), "sort_key", "pk")
        if order == self.Order.OLDEST:
            return queryset.order_by(F("joined_on").asc(nulls_last=True), "sort_key", "pk")
        return queryset.order_by("sort_key", "pk")

    @property
    def is_searching(self):
        return bool(getattr(self.form, "cleaned_data", {}).get("q"))
