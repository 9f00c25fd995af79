"""A django-filter FilterSet whose form is a Django form declared in full: the base of the public list pages' filters.

A FilterSet usually builds its form class from its filters, with a new field for each filter, every time a form is
made, and copies every filter with its choices, querysets and widgets for each request. Here the form (`Meta.form`)
declares its fields, as any Django form does: what a visitor may choose and how it shows. The FilterSet's filters
only say how each cleaned value narrows the queryset, so each request copies a few light filters, and the form
class is the one declared (FilterSet.get_form_class(), which django-filter leaves for subclasses to override).
"""

import django_filters


class LeanFilterSet(django_filters.FilterSet):
    """A FilterSet whose form is `Meta.form` as declared; it needs a filter for each of the form's fields."""

    def get_form_class(self):
        return self.Meta.form
