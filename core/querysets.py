"""QuerySet bases every app's models share: the published filter and the diacritic-insensitive search with its rank."""

from django.db import models
from django.db.models import F, IntegerField, Q, Value
from django.db.models.lookups import Contains

from . import text


class PublishedQuerySet(models.QuerySet):
    """Base for every model with a published flag: public pages start from `.published()`."""

    def published(self):
        return self.filter(is_published=True)


class SearchRank(models.Expression):
    """How well a row matches a search: 0 when `search_exact` holds the phrase as typed (diacritics included), 1 when
    `search_text` holds it folded, 2 otherwise (every word is there, apart or in another order).

    Case(When(search_exact__contains=typed, then=0), When(search_text__contains=folded, then=1), default=2) as one
    expression (Django's "writing your own query expressions") over the two `Contains` lookups: the same SQL, with
    less to resolve and compare on every search than a Case of Whens.
    """

    output_field = IntegerField()

    def __init__(self, typed, folded):
        super().__init__()
        self.matches = [Contains(F("search_exact"), typed), Contains(F("search_text"), folded)]

    def get_source_expressions(self):
        return self.matches

    def set_source_expressions(self, exprs):
        self.matches = list(exprs)

    def as_sql(self, compiler, connection):
        (exact, exact_params), (folded, folded_params) = (compiler.compile(match) for match in self.matches)
        return f"CASE WHEN {exact} THEN 0 WHEN {folded} THEN 1 ELSE 2 END", (*exact_params, *folded_params)


class SearchableQuerySet(PublishedQuerySet):
    """Diacritic-insensitive search over a model's `search_text`, ranking matches with the typed diacritics first.

    `search_text` holds the folded text (no diacritics, lower case) and `search_exact` the lower-cased NFC text; both
    are filled on save and by every bulk path (`refresh_derived`). On PostgreSQL a trigram index covers search_text.
    """

    def search(self, query):
        folded = text.fold(query)
        if not folded:
            return self.annotate(search_rank=Value(0, output_field=IntegerField()))
        qs = self.filter(*[Q(search_text__contains=word) for word in folded.split()])  # every word, in any order
        return qs.annotate(search_rank=SearchRank(text.exact(query), folded))
