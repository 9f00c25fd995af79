"""Links to many records of one kind on a page (a list's rows), without one URL reversal per row."""

import re

from django.urls import reverse

PLAIN_URL_VALUE = re.compile(r"[-a-zA-Z0-9_]+")


def url_maker(viewname, kwarg, placeholder):
    """A function `value -> reverse(viewname, kwargs={kwarg: value})` that reverses the URL once, not once a row.

    `placeholder` is a value the URL pattern takes (a slug or a number) that cannot occur elsewhere in the URL; a
    value with anything but letters, digits, "-" and "_" goes through reverse() itself, so URLs are always identical.
    """
    prefix, suffix = reverse(viewname, kwargs={kwarg: placeholder}).rsplit(str(placeholder), 1)

    def make(value):
        value = str(value)
        if PLAIN_URL_VALUE.fullmatch(value):
            return f"{prefix}{value}{suffix}"
        return reverse(viewname, kwargs={kwarg: value})

    return make
