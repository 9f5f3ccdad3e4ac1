"""What the machine-readable outputs (feeds, calendar, JSON-LD, OpenGraph) say about an event.

Every output shows a date at the precision the sources give it: a year-only event is "2024",
never "2024-01-01", and only events known to the day go into a calendar.
"""

from datetime import date, datetime

from django.db.models import Prefetch, TextField, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language

from people.text import clean_text
from people.text import localized as text_in_language

from .models import Event, EventOrganiser

OG_DESCRIPTION_LENGTH = 200
# OpenGraph wants a territory; ours are the two languages of settings.LANGUAGES.
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def localized(obj, field: str, language: str | None = None, *, multiline: bool | None = None) -> str:
    """The field in `language` (by default the active one), Vietnamese when no English is filled (see
    people.text). `obj` is a model instance, or a row of values (then say whether the text is `multiline`).

    Without control characters: a row saved before the record cleaned its text must not break a feed
    (Django's XML writer refuses them) nor a calendar.
    """
    if multiline is None:
        multiline = isinstance(obj._meta.get_field(field), TextField)
    return clean_text(text_in_language(obj, field, language or get_language())[0], multiline=multiline)


def _plain(text: str) -> str:
    return clean_text(text, multiline=False)


def is_known_to_the_day(event: Event) -> bool:
    """Whether the event may go into a calendar: a calendar entry must never invent a day."""
    return event.date_precision == Event.Precision.DAY


def iso_date(day: date, precision: str) -> str:
    """ISO 8601 at reduced precision: "2024" for a year, "2024-06" for a month, "2025-03-08" for a day."""
    if precision == Event.Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Event.Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def place_parts(event: Event, language: str | None = None) -> list[str]:
    """Venue, city, province and country, the empty ones left out: "Khách sạn Mường Thanh, Đà Lạt, …"."""
    province = localized(event.province, "name", language) if event.province_id else ""
    return place_of(event.venue, event.city, province, event.country)


def place_of(*parts: str) -> list[str]:
    """The parts of a place that are filled in, each on one line (place_parts, or a calendar's row)."""
    return [_plain(part) for part in parts if part]


def event_times(event: Event, items) -> tuple[datetime, datetime | None] | None:
    """When an event with timed agenda items begins and ends, in Asia/Ho_Chi_Minh: from its first item's
    start to its last item's end (or last start, when no end is given). None when no item has a time,
    and the event stays all-day. The same on the event page's timetable and in JSON-LD."""
    if event.date_precision != Event.Precision.DAY or not items:
        return None
    zone = timezone.get_default_timezone()

    def at(item, moment):
        return datetime.combine(item.day or event.start_date, moment, tzinfo=zone)

    starts = [at(item, item.starts_at) for item in items]
    ends = [at(item, item.ends_at or item.starts_at) for item in items]
    first, last = min(starts), max(ends)
    return first, (last if last > first else None)


def _load_what_is_shown(event: Event) -> None:
    # Joins the event page has already prefetched are not fetched again; rendered on its own, the
    # partial still costs a fixed number of queries, not one per organiser.
    prefetch_related_objects(
        [event],
        "photos",
        Prefetch("organisers", queryset=EventOrganiser.objects.select_related("organisation")),
    )


def _image_urls(event: Event, request) -> list[str]:
    return [request.build_absolute_uri(photo.image.url) for photo in event.photos.all() if photo.image]


def event_json_ld(event: Event, request) -> dict:
    """A schema.org `Event` for search engines, dated at the event's precision."""
    _load_what_is_shown(event)
    first, last = event.period
    start, end = iso_date(first, event.date_precision), iso_date(last, event.date_precision)
    # Times as the page's timetable and the calendar give them, with the offset (+07:00).
    times = event_times(event, [item for item in event.agenda.all() if item.starts_at])
    if times:
        start = times[0].isoformat()
        end = times[1].isoformat() if times[1] else ""
    address = {
        "@type": "PostalAddress",
        "addressLocality": _plain(event.city),
        "addressRegion": localized(event.province, "name") if event.province_id else "",
        "addressCountry": _plain(event.country),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": localized(event, "title"),
        "description": localized(event, "summary"),
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventCancelled"
        if event.status == Event.Status.CANCELLED
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": _plain(event.venue or event.city or event.country),
            "address": {key: value for key, value in address.items() if value},
        },
        "organizer": [
            {
                "@type": "Organization",
                "name": localized(organiser.organisation, "name"),
                "url": organiser.organisation.website
                or request.build_absolute_uri(organiser.organisation.get_absolute_url()),
            }
            for organiser in event.organisers.all()
        ],
        "image": _image_urls(event, request),
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "inLanguage": get_language(),
    }
    return {key: value for key, value in data.items() if value}


def event_page_meta(event: Event, request) -> dict:
    """The OpenGraph and Twitter card values of the event page, and its calendar link if it has one."""
    _load_what_is_shown(event)
    images = _image_urls(event, request)
    language = "vi" if get_language() == "vi" else "en"
    return {
        "title": localized(event, "title"),
        "description": Truncator(localized(event, "summary")).chars(OG_DESCRIPTION_LENGTH),
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "image": images[0] if images else "",
        "locale": OG_LOCALES[language],
        "alternate_locales": [locale for code, locale in OG_LOCALES.items() if code != language],
        "calendar_url": reverse("events:event-ics", kwargs={"slug": event.slug}) if is_known_to_the_day(event) else "",
    }
