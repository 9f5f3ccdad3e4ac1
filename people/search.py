"""Diacritic-insensitive search that behaves the same on SQLite and PostgreSQL.

Each searchable model keeps `search_text`, its own text folded by `people.text.fold`, rewritten on
every save. A query is folded the same way and every word of it must occur as a whole word
(people.words). One plain column, `LIKE` and a portable regular expression mean both databases give
the same answers, which `unaccent` or collations would not.
"""

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from .text import fold
from .words import last_word_typed, phrases, word_match


def folded_search(queryset, query: str, fields=("search_text",), *, prefix_last=False):
    """Rows where every word (or quoted phrase) of `query`, folded, is a whole word (words in order) of
    at least one of the folded `fields` (people.words); with `prefix_last`, a last bare word may be
    the start of a word (an autocomplete, while typing)."""
    found = phrases(query)
    if not found and fold(query):
        return queryset.none()  # "!!!": no word to find
    typing = prefix_last and last_word_typed(query, found)
    for i, phrase in enumerate(found):
        match = Q()
        for field in fields:
            match |= word_match(field, phrase, prefix=typing and i == len(found) - 1)
        queryset = queryset.filter(match)
    return queryset


SEARCH_RANK = "folded_search_rank"


def _model_at(model, path: str):
    """The model `path` ("", "event__", "person__organisation__") leads to from `model`."""
    for name in filter(None, path.split("__")):
        model = model._meta.get_field(name).related_model
    return model


def ranked_folded_search(queryset, query: str, fields=("search_text",), *, prefix_last=False):
    """`folded_search`, ordered: first the rows whose name or abbreviation is the query (folded), then
    those whose text starts with it, then the rest, each group in the queryset's own order.

    The rank is read from the first of `fields`. A part equal to the query stands as whole words in
    the folded text, so one query fetches the few rows that can be an exact match (`name_parts` of
    the model the field belongs to, folded in Python), and the rank is a CASE over their ids: the
    same SQL on SQLite and PostgreSQL.
    """
    queryset = folded_search(queryset, query, fields, prefix_last=prefix_last)
    folded = fold(query)
    if not folded:
        return queryset
    field = fields[0]
    exact_first = When(**{f"{field}__startswith": folded}, then=Value(1))
    rank = [exact_first]
    if field.endswith("search_text"):
        path = field.removesuffix("search_text")
        target = _model_at(queryset.model, path)
        could_be_exact = Q(**{field: folded}) | Q(**{f"{field}__startswith": f"{folded} "})
        if not target.name_leads_search_text:
            could_be_exact |= Q(**{f"{field}__endswith": f" {folded}"}) | Q(**{f"{field}__contains": f" {folded} "})
        candidates = target._default_manager.filter(pk__in=queryset.filter(could_be_exact).values(f"{path}pk"))
        exact = [row.pk for row in candidates if any(fold(part) == folded for part in row.name_parts() if part)]
        if exact:
            rank.insert(0, When(**{f"{path}pk__in": exact}, then=Value(0)))
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    ranked = queryset.annotate(**{SEARCH_RANK: Case(*rank, default=Value(2), output_field=IntegerField())})
    return ranked.order_by(SEARCH_RANK, *ordering)


class SearchableQuerySet(models.QuerySet):
    def search(self, query: str):
        return folded_search(self, query)


class SearchableModel(models.Model):
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    name_leads_search_text = True  # see name_parts

    objects = SearchableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join(p for p in self.search_parts() if p))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def search_parts(self) -> list[str]:
        raise NotImplementedError

    def name_parts(self) -> list[str]:
        """What counts as the row's name for an exact match in the admin: its first search part.

        A model whose name parts are more than that (abbreviations) overrides this and sets
        `name_leads_search_text` to False, so the admin looks for them anywhere in the folded text.
        """
        return self.search_parts()[:1]


class FoldedSearchMixin:
    """ModelAdmin mixin: the search box (and autocomplete) ignores case and diacritics, and offers
    the exact name (or abbreviation) first, then names starting with the query, then the rest."""

    folded_search_fields = ["search_text"]
    search_fields = ["search_text"]  # shows the box and enables autocomplete; the search is below

    def get_search_results(self, request, queryset, search_term):
        from django.contrib.admin.views.main import ORDER_VAR  # the admin cannot be imported with the models

        if request.GET.get(ORDER_VAR):  # the user sorted the changelist by a column: keep that order
            return folded_search(queryset, search_term, self.folded_search_fields), False
        typing = "field_name" in request.GET  # an autocomplete (select2 asks as the user types)
        return ranked_folded_search(queryset, search_term, self.folded_search_fields, prefix_last=typing), False
