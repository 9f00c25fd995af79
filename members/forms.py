"""Forms of the public member pages."""

import re

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import FastNumberInput, FastTextInput, FilterForm, filter_select, with_blank

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


class SectorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name_en if get_language() == "en" and obj.name_en else obj.name


class DirectoryOrder:
    """The orders the directory offers; without a search, best match is the order by name."""

    RELEVANCE = "relevance"
    NAME = "name"
    NEWEST = "newest"
    OLDEST = "oldest"

    CHOICES = [
        (NAME, _("Name (A–Z)")),
        (NEWEST, _("Joined most recently")),
        (OLDEST, _("Joined earliest")),
    ]


class DirectoryFilterForm(FilterForm):
    """The directory's search and filters (members.filters.OrganizationFilter applies them to the list).

    It submits with GET so every result page has an address that can be shared, bookmarked and paged. Each select
    names a cache key: its options are kept per language and data version (core.forms.FastSelect).
    """

    form_attrs = {
        "aria-label": _("Filter the member directory"),
        "class": "directory-filter",
        "id": "directory-filter",
        "role": "search",
    }
    uncounted_fields = ("order",)  # the order of the list is not a filter: not counted on the "Filters (n)" button
    submit_label = _("Show members")

    q = SearchField(
        label=_("Search"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Name, short name, English name, tax code or representative; diacritics are optional."),
        widget=FastTextInput(attrs={"type": "search", "autocomplete": "off", "class": "form-control"}),
    )
    kind = filter_select(
        forms.ChoiceField,
        cache_key="directory-kind",
        label=_("Kind"),
        choices=with_blank(_("All kinds"), Organization.Kind.choices),
    )
    sector = filter_select(
        SectorChoiceField,
        cache_key="directory-sector",
        label=_("Sector"),
        queryset=Sector.objects.only("slug", "name", "name_en"),
        to_field_name="slug",
        empty_label=_("All sectors"),
    )
    area = filter_select(
        forms.ModelChoiceField,
        cache_key="directory-area",
        label=_("Administrative unit"),
        queryset=Area.objects.only("code", "name", "valid_to"),
        to_field_name="code",
        empty_label=_("All units"),
    )
    status = filter_select(
        forms.ChoiceField,
        cache_key="directory-status",
        label=_("Membership status"),
        choices=with_blank(_("Any status"), Organization.Status.choices),
    )
    joined = forms.IntegerField(
        label=_("Year joined"),
        required=False,
        min_value=MIN_JOIN_YEAR,
        max_value=MAX_JOIN_YEAR,
        widget=FastNumberInput(attrs={"inputmode": "numeric", "placeholder": _("e.g. 2001"), "class": "form-control"}),
    )
    order = filter_select(
        forms.ChoiceField,
        cache_key="directory-order",
        label=_("Order by"),
        choices=with_blank(_("Best match, then name"), DirectoryOrder.CHOICES),
        help_text=_("Without a search, best match is the order by name."),
    )
