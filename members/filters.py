"""How the member directory's search and filters narrow the list, shared by the directory page and its exports."""

import django_filters
from django.db.models import F, Q

from core.filters import LeanFilterSet

from .forms import DirectoryFilterForm, DirectoryOrder
from .models import Organization


class OrganizationFilter(LeanFilterSet):
    """Search (diacritic-insensitive, ranked), kind, sector, area, status, join year, and the order of the list.

    What a visitor may choose, and how the form shows it, is DirectoryFilterForm's; each filter here takes the
    form's cleaned value.
    """

    q = django_filters.CharFilter(method="filter_search")
    kind = django_filters.CharFilter()
    sector = django_filters.Filter(field_name="sectors")
    area = django_filters.Filter(method="filter_area")
    status = django_filters.CharFilter()
    joined = django_filters.NumberFilter(field_name="joined_on", lookup_expr="year")
    order = django_filters.CharFilter(method="filter_order")

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
        order = data.get("order") or (DirectoryOrder.RELEVANCE if searching else DirectoryOrder.NAME)
        if order == DirectoryOrder.RELEVANCE:
            return queryset.order_by("search_rank", "sort_key", "pk")
        if order == DirectoryOrder.NEWEST:
            return queryset.order_by(F("joined_on").desc(nulls_last=True), "sort_key", "pk")
        if order == DirectoryOrder.OLDEST:
            return queryset.order_by(F("joined_on").asc(nulls_last=True), "sort_key", "pk")
        return queryset.order_by("sort_key", "pk")

    @property
    def is_searching(self):
        return bool(getattr(self.form, "cleaned_data", {}).get("q"))
