"""Filters of the public honours roll (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.filters import LeanFilterSet
from core.forms import FastSelect, FilterFormMixin

from .models import Authority, Honour, HonourForm, RecipientKind


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class HonourFilterForm(FilterFormMixin, forms.Form):
    """The honours roll's filters in one row of columns, through the lean filter template (core.forms)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        helper = self.setup_filter_layout()
        helper.form_action = reverse("awards:honour-list")
        helper.form_class = "honour-filters border rounded p-3 mb-4"
        helper.attrs = {"role": "search", "aria-label": _("Filter the honours")}
        helper.row_class = "row row-cols-1 row-cols-md-3 row-cols-lg-5 g-2"
        helper.field_wrapper_class = "col mb-3"
        helper.submit_label = _("Show")
        if self.is_bound:
            helper.clear_url = helper.form_action
            helper.clear_label = _("Clear the filters")


class HonourFilter(LeanFilterSet):
    q = django_filters.CharFilter(
        label=_("Recipient"),
        method="filter_search",
        max_length=200,
        help_text=_("Name of a member, a person or a collective; diacritics are optional."),
    )
    # Their options are kept per language and data version (core.forms.FastSelect), the choice marked.
    form = django_filters.ModelChoiceFilter(
        label=_("Form of honour"),
        queryset=HonourForm.objects.all(),
        to_field_name="slug",
        empty_label=_("All forms"),
        widget=FastSelect(cache_key="honours-form"),
    )
    authority = django_filters.ModelChoiceFilter(
        label=_("Conferring authority"),
        queryset=Authority.objects.all(),
        empty_label=_("All authorities"),
        widget=FastSelect(cache_key="honours-authority"),
    )
    year = YearFilter(
        label=_("Year"),
        method="filter_year",
        min_value=1945,
        max_value=2100,
        help_text=_("Year conferred or year of achievement."),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Collective or individual"),
        choices=RecipientKind.choices,
        method="filter_kind",
        empty_label=_("Collectives and individuals"),
    )

    class Meta:
        model = Honour
        fields = ["q", "form", "authority", "year", "kind"]
        form = HonourFilterForm

    def filter_search(self, queryset, name, value):
        return queryset.search(value).order_by("search_rank", *Honour._meta.ordering)

    def filter_year(self, queryset, name, value):
        return queryset.filter(Q(conferred_on__year=value) | Q(achievement_year=value))

    def filter_kind(self, queryset, name, value):
        return queryset.individuals() if value == RecipientKind.INDIVIDUAL else queryset.collectives()
