"""The sitemap: every public page once per language, each with its hreflang alternates.

`/sitemap.xml` is an index of pages of at most LIMIT addresses each (`/sitemap-<section>.xml?p=N`): a
single file for 10,000 events was 11 MB and took seconds to write. The large sections (events, people,
directives) are paged by ranges of keys, not by counting and skipping rows: the index reads the lowest
and highest key (two index entries) instead of counting 95,000 events, testing 5,000 people for a
public page or counting 5,000 directives, and page 100 reads its own keys instead of skipping 50,000.
A page may hold fewer addresses than LIMIT (drafts and deleted rows leave gaps) and, rarely, none.

The index has an entry per page, so it grows with the data (223 entries at 100,000 events): it is
Django's index view (its entries, lastmod and headers) with the XML written as text rather than through
its template, which cost 20 µs an entry (4.6 of the 5.7 ms the index took at 100,000 events).
"""

from datetime import datetime
from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property

from briefings.models import Directive
from people.models import Organisation

from . import queries
from .cache import remember
from .models import Event, EventSeries

# Addresses per sitemap page (each language counts); the protocol allows 50,000, a crawler reads a
# few hundred kilobytes faster than megabytes.
LIMIT = 1000
PLACEHOLDER = "0slug0"


class _Pairs:
    """The (item, language) pairs Django pages for an i18n sitemap, read a page at a time: its own
    list would load every item for every page."""

    def __init__(self, items, languages, name):
        self.items, self.languages, self.name = items, languages, name

    def count(self):
        # Kept until public content changes: the index counts every section on each request, and
        # counting the people with a public page reads every talk and attendance.
        return remember(f"sitemap-count:{self.name}", self.items.count) * len(self.languages)

    def __getitem__(self, window: slice):
        size = len(self.languages)
        first = window.start // size
        rows = self.items[first : -(-window.stop // size)]
        pairs = [(item, language) for item in rows for language in self.languages]
        return pairs[window.start - first * size : window.stop - first * size]


class _KeyRanges(_Pairs):
    """The pairs of items whose keys lie in a window of the key range: item n of the range (key = the
    lowest key + n) holds positions n × languages onwards, whether or not it exists or is public."""

    def _bounds(self):
        def bounds():
            found = self.items.model.objects.aggregate(low=Min("pk"), high=Max("pk"))
            return found["low"], found["high"]

        return remember(f"sitemap-keys:{self.name}", bounds)

    def count(self):
        low, high = self._bounds()
        return 0 if low is None else (high - low + 1) * len(self.languages)

    def __getitem__(self, window: slice):
        low, _high = self._bounds()
        size = len(self.languages)
        if low is None:
            return []
        first, last = low + window.start // size, low + (window.stop - 1) // size
        pairs = []
        for item in self.items.filter(pk__range=(first, last)):
            for n, language in enumerate(self.languages):
                if window.start <= (item.pk - low) * size + n < window.stop:
                    pairs.append((item, language))
        return pairs


class _PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    limit = LIMIT
    # A model's sitemap names the public page of each slug; its addresses are built from one reverse()
    # per language rather than one per address (three per entry with the alternates).
    url_name = None
    # Paged by ranges of keys (see the module's docstring).
    by_key_range = False

    def _items(self):
        if self.url_name is None:
            return super()._items()
        pairs = _KeyRanges if self.by_key_range else _Pairs
        return pairs(self.items(), self._languages(), type(self).__name__)

    def location(self, item):
        if self.url_name is None:
            return super().location(item)
        language = translation.get_language()
        if language not in self._patterns:
            self._patterns[language] = reverse(self.url_name, kwargs={"slug": PLACEHOLDER})
        return self._patterns[language].replace(PLACEHOLDER, item.slug)

    @cached_property
    def _patterns(self) -> dict[str, str]:
        return {}


class StaticSitemap(_PublicSitemap):
    def items(self):
        return ["events:home", "events:event-list", "events:directive-list", "events:search"]

    def location(self, item):
        return reverse(item)


class EventSitemap(_PublicSitemap):
    url_name = "events:event-detail"
    by_key_range = True

    def items(self):
        # Cancelled events keep their public page (it says they were cancelled), so they are listed.
        return queries.public_events().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every event to find the latest; the (status, updated_at) index answers
        # each public status's latest from one entry (the two statuses at once scanned them all).
        def latest():
            found = [
                Event.objects.filter(status=status).aggregate(latest=Max("updated_at"))["latest"]
                for status in queries.VISIBLE
            ]
            return max((day for day in found if day is not None), default=None)

        return remember("sitemap-latest-event", latest)


class SeriesSitemap(_PublicSitemap):
    url_name = "events:series-detail"

    def items(self):
        return EventSeries.objects.order_by("pk").only("slug")


class DirectiveSitemap(_PublicSitemap):
    url_name = "events:directive-detail"
    by_key_range = True

    def items(self):
        return Directive.objects.order_by("pk").only("slug")


class OrganisationSitemap(_PublicSitemap):
    url_name = "events:organisation-detail"

    def items(self):
        return Organisation.objects.order_by("pk").only("slug")


class PersonSitemap(_PublicSitemap):
    url_name = "events:person-detail"
    by_key_range = True

    def items(self):
        # Only the people who have a public page: speakers and officials of published events.
        return queries.public_people().order_by("pk").only("slug")


def index(request, sitemaps, sitemap_url_name):
    """`/sitemap.xml`: Django's index (its entries, lastmod and headers) with the same XML written
    directly; a section's pages share one lastmod, formatted once."""
    response = sitemap_views.index(request, sitemaps, sitemap_url_name=sitemap_url_name)
    lastmods = {}
    entries = []
    for entry in response.context_data["sitemaps"]:
        line = f"<sitemap><loc>{escape(entry.location)}</loc>"
        if entry.last_mod:
            if entry.last_mod not in lastmods:
                # As the template's |date:"c": a moment in the site's zone; a date as it is.
                moment = entry.last_mod
                if isinstance(moment, datetime):
                    moment = timezone.localtime(moment)
                lastmods[entry.last_mod] = f"<lastmod>{moment.isoformat()}</lastmod>"
            line += lastmods[entry.last_mod]
        entries.append(line + "</sitemap>")
    response.content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(entries) + "</sitemapindex>\n"
    )
    return response


SITEMAPS = {
    "pages": StaticSitemap,
    "events": EventSitemap,
    "series": SeriesSitemap,
    "directives": DirectiveSitemap,
    "organisations": OrganisationSitemap,
    "people": PersonSitemap,
}
