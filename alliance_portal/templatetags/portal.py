"""Template helpers shared by every public page."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def elided_pages(page_obj, on_each_side=2):
    """Page numbers around the current page, with the paginator's ELLIPSIS between the far ends: 1 … 4 5 6 7 8 … 40."""
    if not page_obj:
        return []
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=1)


@register.filter
def grouped(value):
    """A whole number with the language's thousands separator: 97.000 in Vietnamese, 97,000 in English.

    For counts only (not years, codes or phone numbers, which USE_THOUSAND_SEPARATOR would also group).
    """
    try:
        return number_format(int(value), force_grouping=True)
    except (TypeError, ValueError):
        return value
