"""A django-filter FilterSet for the public list pages, which build one on every request.

django-filter's FilterSet deep-copies every filter (their querysets, widgets and lazy labels) when it is created and
builds a new form class, with new fields, each time its form is read: about a tenth of a directory request, for a
form that is the same every time. LeanFilterSet keeps the filtering exactly as django-filter does it and changes two
things:

* each filter is copied shallowly (a filter that calls a FilterSet method gets its own FilterMethod, bound to the copy,
  as a deep copy gives it), so `filter.parent` is still the FilterSet of this request;
* the form class is built once per FilterSet class, from the filters' fields, and prepared once
  (FilterFormMixin.prepare_fields: widgets written in Python, Bootstrap classes). Each form gets its own copy of each
  field and widget (with its own `attrs`, which FilterFormMixin changes when a field has an error, and for a model
  choice its own queryset), as Django's deep copy gives it, but not a deep copy of each field's choices, validators
  and messages, which nothing changes once the class is built.
"""

import copy

import django_filters


class _ShallowFilterCopies(dict):
    """FilterSet.__init__ runs copy.deepcopy(base_filters); this dict answers with shallow copies of its filters."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, original in self.items():
            duplicate = copy.copy(original)
            if original.method is not None:
                duplicate.method = original.method  # a FilterMethod of its own, bound to the copy
            copies[name] = duplicate
        return copies


class _LightFieldCopies(dict):
    """A form class's base_fields: Form.__init__ runs copy.deepcopy(base_fields); this dict answers with copies of each
    field and widget that share what no request changes (choices, validators, error messages)."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, original in self.items():
            field = copy.copy(original)
            field.widget = copy.copy(original.widget)
            field.widget.attrs = dict(original.widget.attrs)
            queryset = getattr(original, "queryset", None)
            if queryset is not None:
                field.queryset = queryset.all()  # as ModelChoiceField.__deepcopy__: a queryset of its own
            copies[name] = field
        return copies


class LeanFilterSet(django_filters.FilterSet):
    def __init__(self, *args, **kwargs):
        cls = type(self)
        if not isinstance(cls.__dict__.get("base_filters"), _ShallowFilterCopies):
            cls.base_filters = _ShallowFilterCopies(cls.base_filters)
        super().__init__(*args, **kwargs)

    def get_form_class(self):
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            prepare = getattr(form_class, "prepare_fields", None)
            if prepare is not None:
                prepare(form_class.base_fields)
                form_class.fields_prepared = True
            form_class.base_fields = _LightFieldCopies(form_class.base_fields)
            cls._form_class = form_class
        return form_class
