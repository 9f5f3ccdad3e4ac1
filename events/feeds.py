"""RSS and Atom feeds of the latest published events, in the language of the URL (/vi/… or /en/…)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Event
from .open_data import localized

FEED_LENGTH = 30


class EventRssFeed(Feed):
    title = _("TTĐN events")
    description = _("Training conferences, conferences and seminars on foreign information, newest first.")

    def link(self):
        return reverse("events:home")

    def items(self):
        # Items use only the event's own columns, so one query whatever the number of events.
        return Event.objects.published().order_by("-start_date", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        # Plain text: the feed generator escapes it for XML. Django's default escapes it once more,
        # which Atom readers (titles are text there) would show as "&amp;" in "Bộ TT&TT".
        return localized(item, "title")

    def item_description(self, item):
        return localized(item, "summary")

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class EventAtomFeed(EventRssFeed):
    feed_type = Atom1Feed
    subtitle = EventRssFeed.description
