"""RSS and Atom feeds of the latest published events, in the language of the URL (/vi/… or /en/…)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Event
from .open_data import localized, place_parts

FEED_LENGTH = 30


class EventRssFeed(Feed):
    title = _("TTĐN events")
    description = _("Training conferences, conferences and seminars on foreign information, newest first.")

    def link(self):
        return reverse("events:home")

    def items(self):
        # Items use the event's own columns and its province, so one query whatever the number of events.
        return Event.objects.published().select_related("province").order_by("-start_date", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        # Plain text: the feed generator escapes it for XML. Django's default escapes it once more,
        # which Atom readers (titles are text there) would show as "&amp;" in "Bộ TT&TT".
        return localized(item, "title")

    def item_description(self, item):
        """What happened, when and where, then the summary: "Date: 6/2024. Place: Đà Lạt, … ". The date
        at the event's precision, as on its page."""
        facts = [_("Date: %(date)s.") % {"date": item.display_date}]
        place = ", ".join(place_parts(item))
        if place:
            facts.append(_("Place: %(place)s.") % {"place": place})
        return "\n\n".join(part for part in (" ".join(facts), localized(item, "summary")) if part)

    def item_pubdate(self, item):
        # When the event was made public, not when its row was written (the demo's load time).
        return item.published_at or item.updated_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class EventAtomFeed(EventRssFeed):
    feed_type = Atom1Feed
    subtitle = EventRssFeed.description
