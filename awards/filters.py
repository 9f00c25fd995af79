"""The public honours roll's filter form, and how each of its values narrows the roll (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.filters import LeanFilterSet
from core.forms import FastNumberInput, FastTextInput, FilterForm, filter_select, with_blank

from .models import Authority, Honour, HonourForm, RecipientKind


class HonourFilterForm(FilterForm):
    """The honours roll's filters in one row of columns (on a phone, the recipient above the roll and the rest behind
    the "Filters (n)" button). The form and authority options are kept per language and data version
    (core.forms.FastSelect), the choice marked."""

    form_attrs = {
        "action": reverse_lazy("awards:honour-list"),
        "aria-label": _("Filter the honours"),
        "class": "honour-filters border rounded p-3 mb-4",
        "role": "search",
    }
    row_class = "row g-2"
    shown_field_class = "col-lg-3 mb-3"
    panel_class = "col-lg-9"
    panel_row_class = "row row-cols-1 row-cols-md-2 row-cols-lg-4 g-2"
    field_class = "col mb-3"
    submit_label = _("Show")
    clear_url = reverse_lazy("awards:honour-list")
    clear_label = _("Clear the filters")

    q = forms.CharField(
        label=_("Recipient"),
        required=False,
        max_length=200,
        help_text=_("Name of a member, a person or a collective; diacritics are optional."),
        widget=FastTextInput(attrs={"class": "form-control"}),
    )
    form = filter_select(
        forms.ModelChoiceField,
        cache_key="honours-form",
        label=_("Form of honour"),
        queryset=HonourForm.objects.all(),
        to_field_name="slug",
        empty_label=_("All forms"),
    )
    authority = filter_select(
        forms.ModelChoiceField,
        cache_key="honours-authority",
        label=_("Conferring authority"),
        queryset=Authority.objects.all(),
        empty_label=_("All authorities"),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1945,
        max_value=2100,
        help_text=_("Year conferred or year of achievement."),
        widget=FastNumberInput(attrs={"class": "form-control"}),
    )
    kind = filter_select(
        forms.ChoiceField,
        cache_key="honours-kind",
        label=_("Collective or individual"),
        choices=with_blank(_("Collectives and individuals"), RecipientKind.choices),
    )


class HonourFilter(LeanFilterSet):
    """How each of HonourFilterForm's values narrows the roll."""

    q = django_filters.CharFilter(method="filter_search")
    form = django_filters.Filter()
    authority = django_filters.Filter()
    year = django_filters.NumberFilter(method="filter_year")
    kind = django_filters.CharFilter(method="filter_kind")

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
