"""Diacritic-insensitive search that behaves the same on SQLite and PostgreSQL.

Each searchable model keeps `search_text`, its own text folded by `people.text.fold`, rewritten on
every save. A query is folded the same way and every word of it must occur. One plain column and
`LIKE` means both databases give the same answers, which `unaccent` or collations would not.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .text import fold


def folded_search(queryset, query: str, fields=("search_text",)):
    """Rows where every word of `query` occurs, folded, in at least one of the folded `fields`."""
    for word in fold(query).split():
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__contains": word})
        queryset = queryset.filter(match)
    return queryset


class SearchableQuerySet(models.QuerySet):
    def search(self, query: str):
        return folded_search(self, query)


class SearchableModel(models.Model):
    search_text = models.TextField(_("search text"), blank=True, editable=False)

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


class FoldedSearchMixin:
    """ModelAdmin mixin: the search box (and autocomplete) ignores case and diacritics."""

    folded_search_fields = ["search_text"]
    search_fields = ["search_text"]  # shows the box and enables autocomplete; the search is below

    def get_search_results(self, request, queryset, search_term):
        return folded_search(queryset, search_term, self.folded_search_fields), False
