"""`{% load sample_badge %}{% sample_badge honour %}`: the "Sample data" badge of includes/sample_badge.html.

The same markup as `{% include "includes/sample_badge.html" with obj=honour %}`, but rendered once per process and
language and then reused for every sample record (in a list of fifty honours, fifty includes cost more than the rest
of a row): its text is the same for every record. `sample_badge_html()` gives it to code that writes rows in Python
(members.views.directory_rows).
"""

from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "includes/sample_badge.html"


def sample_badge_html():
    """The badge's markup in the current language, kept in the "fragments" cache (settings.CACHES)."""
    return caches["fragments"].get_or_set(
        f"sample-badge:{get_language()}", lambda: render_to_string(TEMPLATE, {"obj": {"is_sample": True}}), None
    )


@register.simple_tag
def sample_badge(obj):
    """The badge's markup when `obj` (a model or a dict) is a sample record, "" otherwise."""
    is_sample = obj.get("is_sample") if isinstance(obj, dict) else getattr(obj, "is_sample", False)
    return sample_badge_html() if is_sample else ""
