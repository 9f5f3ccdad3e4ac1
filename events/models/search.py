"""The search index of events (events/search.py writes and reads it).

One row per event holds the folded words of everything a reader searches an event by, in three groups
that rank differently. The engines read these columns: on PostgreSQL a generated `tsvector` column
(`document`, weights A/B/C, GIN index) added by migration 0007; on SQLite an FTS5 table
(`events_search_fts`) kept in sync with this table by triggers made in the same migration.

Each row also holds copies of its event's start date and whether the public sees it (published or
cancelled, `queries.VISIBLE`), written with the words by `index_events` (every save of an event
re-indexes it, publishing and unpublishing included). On PostgreSQL the public search walks these rows
by their own (date, event) index, only the public ones, testing each row's `document` (stored inline and
uncompressed: migration 0015), instead of walking the events' date index and probing this table by key.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .event import Event


class EventSearchIndex(models.Model):
    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="search_index", verbose_name=_("event")
    )
    # Folded words separated by single spaces ("hoi nghi thong tin doi ngoai"): what the engines index.
    weight_a = models.TextField(blank=True, editable=False)  # titles
    weight_b = models.TextField(blank=True, editable=False)  # organisers, speakers, officials, place
    weight_c = models.TextField(blank=True, editable=False)  # theme, summary, directives, series, agenda titles
    # The same text as written, one "<part>\t<text>" line per part, for the snippet of a result.
    parts = models.TextField(blank=True, editable=False)
    # Copies of the event's, for the public search's walk in date order (see the module's docstring).
    start_date = models.DateField(_("event's start date"), null=True, editable=False)
    public = models.BooleanField(_("event public"), default=False, db_default=False, editable=False)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index")
        default_permissions = ()

    def __str__(self):
        return str(self.event_id)


class SearchTerm(models.Model):
    """A name a reader may mistype (a person, organisation, province, city, series, directive), folded,
    for "did you mean …" (trigram similarity: pg_trgm on PostgreSQL, the same measure in Python on SQLite)."""

    term = models.CharField(max_length=255, unique=True, editable=False)
    text = models.CharField(max_length=255, editable=False)  # as written, shown in the suggestion

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        default_permissions = ()

    def __str__(self):
        return self.text
