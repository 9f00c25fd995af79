"""The public honours roll and the page of one decision."""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from alliance_portal.cache import versioned

from .filters import HonourFilter
from .models import Decision, Honour

RECIPIENT_RELATIONS = ("form", "authority", "decision", "organization", "person", "event")


class CachedCountPaginator(Paginator):
    """A paginator whose row count is computed once per data change and `count_key` (alliance_portal.cache.versioned).

    Counting every published honour joins four tables (hundreds of milliseconds at a million honours); the 25 rows of
    a page are cheap. Any save or delete in the portal invalidates the cached count.
    """

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return versioned(self.count_key, self.object_list.count)


class HonourListView(FilterView):
    """Published honours, filtered and searched, 25 a page, in a fixed number of queries.

    A filter value that makes no sense (a year "abc", an unknown form) answers 400 with the form's message.
    """

    filterset_class = HonourFilter
    paginate_by = settings.PORTAL_PAGE_SIZE
    template_name = "awards/honour_list.html"

    def get_queryset(self):
        return Honour.objects.published().select_related(*RECIPIENT_RELATIONS)

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        """The count is keyed by the filters and search (every parameter but the page number)."""
        params = sorted((key, value) for key, values in self.request.GET.lists() if key != "page" for value in values)
        digest = hashlib.sha256(repr(params).encode("utf-8", "surrogateescape")).hexdigest()
        return CachedCountPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count_key=f"honour-count:{digest}",
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [(_("Honours"), None)]
        context["result_count"] = context["paginator"].count if context.get("paginator") else 0
        return context


class DecisionDetailView(DetailView):
    """A published decision and its published recipients."""

    def get_queryset(self):
        return Decision.objects.published().select_related("authority")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["honours"] = (
            self.object.honours.published()
            .select_related("form", "organization", "person", "event")
            .order_by("form__order", "form__name", "order", "pk")
        )
        context["breadcrumbs"] = [(_("Honours"), reverse("awards:honour-list")), (str(self.object), None)]
        return context
