"""`{% load sample_badge %}{% sample_badge honour %}`: the "Sample data" badge of includes/sample_badge.html.

The same markup as `{% include "includes/sample_badge.html" with obj=honour %}`, but the include is rendered once per
page and its output reused for every sample record in a loop: in a list of fifty honours, fifty includes cost more
than the rest of a row. The badge depends only on `obj.is_sample` (its text is the same for every record).
"""

from django import template

register = template.Library()

TEMPLATE = "includes/sample_badge.html"


@register.simple_tag(takes_context=True)
def sample_badge(context, obj):
    """The badge's markup when `obj` (a model or a dict) is a sample record, "" otherwise."""
    is_sample = obj.get("is_sample") if isinstance(obj, dict) else getattr(obj, "is_sample", False)
    if not is_sample:
        return ""
    key = (__name__, TEMPLATE)  # render_context lasts one rendering of one template: one language, one page
    if key not in context.render_context:
        badge = context.template.engine.get_template(TEMPLATE)
        context.render_context[key] = badge.render(template.Context({"obj": obj}, autoescape=context.autoescape))
    return context.render_context[key]
