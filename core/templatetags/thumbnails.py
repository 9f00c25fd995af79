"""`{% load thumbnails %}{% thumbnail_url image_field "md" as url %}`: a resized copy's URL, "" when none.

Sizes: "sm" (160 px), "md" (400 px), "lg" (1600 px), the longest side. Public pages link these, never the original.
"""

from django import template

from core import images

register = template.Library()


@register.simple_tag
def thumbnail_url(image_field, size="md"):
    return images.thumbnail_url(image_field, size)
