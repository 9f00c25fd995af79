"""Pagination for the long public lists (the member directory, the honours roll).

Counting every match before showing 25 of them is the most expensive part of a list at national scale: an exact
`COUNT(*)` reads every matching row (97,000 published members, a million honours through four joins). A visitor
never pages through more than a few hundred pages, and crawlers that do should not cost a full scan per page. So
these lists count at most `PORTAL_LIST_MAX_ROWS` + 1 rows: up to that number the count is exact; beyond it the page
says "more than 10,000" and offers the first 10,000 (400 pages), asking to narrow the search; the open-data export
still gives every row. With a shared cache the capped count is also kept per data version (any edit recounts).
"""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .cache import versioned


class CappedPaginator(Paginator):
    """A Paginator that counts at most `max_rows` + 1 rows and pages through the first `max_rows`.

    `is_capped` tells whether more rows matched than are offered. With `count_key`, the count goes through
    core.cache.versioned (computed once per data change when the cache is shared).
    """

    def __init__(self, object_list, per_page, *, max_rows=None, count_key=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_rows = max_rows or settings.PORTAL_LIST_MAX_ROWS
        self.count_key = count_key

    def _count_rows(self):
        rows = self.object_list
        if hasattr(rows, "order_by"):  # a queryset: the order does not change the count, and costs a sort
            return rows.order_by()[: self.max_rows + 1].count()
        return min(len(rows), self.max_rows + 1)

    @cached_property
    def matched(self):
        """Rows that match, counted up to max_rows + 1."""
        if self.count_key:
            return versioned(f"{self.count_key}:{self.max_rows}", self._count_rows)
        return self._count_rows()

    @property
    def is_capped(self):
        return self.matched > self.max_rows

    @cached_property
    def count(self):
        return min(self.matched, self.max_rows)


class CappedPaginationMixin:
    """For a ListView/FilterView: a CappedPaginator whose count is keyed by every query parameter but the page."""

    count_key_prefix = None

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        count_key = None
        if self.count_key_prefix:
            params = sorted(
                (key, value) for key, values in self.request.GET.lists() if key != self.page_kwarg for value in values
            )
            digest = hashlib.sha256(repr(params).encode("utf-8", "surrogateescape")).hexdigest()
            count_key = f"{self.count_key_prefix}:{digest}"
        return CappedPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count_key=count_key,
            **kwargs,
        )
