"""iCalendar (RFC 5545) for one event and for the whole calendar of public events.

Only events dated to the day are offered: an event the sources date to a month or a year has no
day a calendar could show without inventing one. An event whose agenda has times is a timed entry
(Asia/Ho_Chi_Minh, from the first item's start to the last one's end); otherwise it is all-day.

The whole calendar holds the events from 1 January of last year to 31 December of next year (a
subscribed calendar keeps what it already had), or one year's with `?year=2024`; either at most
CALENDAR_MAX_EVENTS, `?page=2` for the next ones: the window's by last day, a year's by start date.
At 100,000 events the unbounded calendar was 19.6 MB and 8.6 s to write as icalendar objects; entries
are now written as text.
"""

from datetime import UTC, date, datetime, timedelta
from functools import cache

import icalendar
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import AgendaItem, Event
from .open_data import event_times, localized, place_parts
from .queries import public_events
from .sitemaps import PLACEHOLDER

PRODID = "-//TTDN//ttdn events//EN"
# The most events one calendar file holds; `?page=2` gives the next ones (and the `Link` header says so).
CALENDAR_MAX_EVENTS = 1000
# What a VEVENT shows: not the search text nor the themes, a third of each row's bytes.
CALENDAR_FIELDS = [
    *("title", "title_en", "slug", "status", "start_date", "end_date", "date_precision", "updated_at"),
    *("venue", "city", "country", "summary", "summary_en", "province__name", "province__name_en"),
]


def calendar_events():
    """Public events (cancelled ones too, so calendars drop them) that are known to the day, with the
    columns a VEVENT shows."""
    return public_events().filter(date_precision=Event.Precision.DAY).select_related("province").only(*CALENDAR_FIELDS)


def _with_timed_items(events) -> list[Event]:
    """`events` as a list, each with `timed_items`: its agenda items that have a start time, as rows of
    (day, starts_at, ends_at), one query for all (model objects and a prefetch cost more than the
    entries' text at a thousand events)."""
    events = list(events)
    items: dict[int, list] = {}
    rows = AgendaItem.objects.filter(event__in=[event.pk for event in events], starts_at__isnull=False).order_by()
    for row in rows.values_list("event_id", "day", "starts_at", "ends_at", named=True):
        items.setdefault(row.event_id, []).append(row)
    for event in events:
        event.timed_items = items.get(event.pk, [])
    return events


def _escape(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    if len(line) <= 75 and line.isascii():  # most lines (isascii() is a flag, not a scan)
        return line + "\r\n"
    data = line.encode()
    if len(data) <= 75:
        return line + "\r\n"
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # a continuation byte: step back
            end -= 1
        parts.append(data[start:end].decode())
        start, limit = end, 74  # continuation lines begin with a space
    return "\r\n ".join(parts) + "\r\n"


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment) -> str:
    return f";TZID={moment.tzinfo.key}:{moment.strftime('%Y%m%dT%H%M%S')}"


@cache
def _vtimezone() -> str:
    """The VTIMEZONE of the site's zone, made once by icalendar (the same for every calendar)."""
    calendar = icalendar.Calendar()
    entry = icalendar.Event()
    entry.add("dtstart", datetime(2025, 1, 1, tzinfo=timezone.get_default_timezone()))
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return "".join(
        zone.to_ical().decode().replace("\r\n", "\n").replace("\n", "\r\n") for zone in calendar.walk("VTIMEZONE")
    )


def _vevent(event: Event, address: str, language: str) -> tuple[str, bool]:
    """The VEVENT of `event` as text, and whether it is timed (then the calendar needs the VTIMEZONE);
    `address` is the absolute address of an event page with PLACEHOLDER for the slug. Written directly:
    building icalendar objects cost 0.3 ms an event and most of a worker's memory."""
    stamp = _utc(event.updated_at)
    lines = [f"UID:event-{event.pk}@ttdn", f"DTSTAMP:{stamp}", f"LAST-MODIFIED:{stamp}"]
    times = event_times(event, event.timed_items)
    if times:
        # Timed: local times with their TZID (the calendar carries the VTIMEZONE).
        lines.append(f"DTSTART{_local(times[0])}")
        if times[1]:
            lines.append(f"DTEND{_local(times[1])}")
    else:
        # All-day: DTSTART and DTEND are DATEs, and DTEND is the day after the last one (exclusive).
        end = (event.end_date or event.start_date) + timedelta(days=1)
        lines += [f"DTSTART;VALUE=DATE:{event.start_date:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}"]
    lines.append(f"SUMMARY:{_escape(localized(event, 'title', language))}")
    location = ", ".join(place_parts(event, language))
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    description = localized(event, "summary", language)
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    lines.append(f"URL:{address.replace(PLACEHOLDER, event.slug)}")
    lines.append(f"STATUS:{'CANCELLED' if event.status == Event.Status.CANCELLED else 'CONFIRMED'}")
    return "BEGIN:VEVENT\r\n" + "".join(_fold(line) for line in lines) + "END:VEVENT\r\n", bool(times)


def _response(events, request, filename: str, *, next_page: str = "") -> HttpResponse:
    # One reverse() and one language for all the entries, not one each.
    address = request.build_absolute_uri(reverse("events:event-detail", kwargs={"slug": PLACEHOLDER}))
    language = get_language()
    entries, timed = [], False
    for event in _with_timed_items(events):
        text, is_timed = _vevent(event, address, language)
        entries.append(text)
        timed = timed or is_timed
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(_('TTĐN events'))}",
    ]
    body = "".join(_fold(line) for line in head) + (_vtimezone() if timed else "") + "".join(entries)
    response = HttpResponse((body + "END:VCALENDAR\r\n").encode(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if next_page:
        response["Link"] = f'<{next_page}>; rel="next"'
    return response


@require_safe
def event_ics(request, slug):
    event = get_object_or_404(calendar_events(), slug=slug)
    return _response([event], request, f"{event.slug}.ics")


def _page_number(request) -> int | None:
    page = request.GET.get("page", "1")
    if not (page.isascii() and page.isdigit() and 1 <= int(page) <= 10_000):
        return None
    return int(page)


def _bounded(request, events, filename: str) -> HttpResponse:
    """At most CALENDAR_MAX_EVENTS of `events` (ordered), the page `?page=` asks for; a `Link: rel=next`
    header gives the next page's address when there are more."""
    number = _page_number(request)
    if number is None:
        return HttpResponseBadRequest(
            _("The page must be a number such as 2."), content_type="text/plain; charset=utf-8"
        )
    offset = (number - 1) * CALENDAR_MAX_EVENTS
    shown = list(events[offset : offset + CALENDAR_MAX_EVENTS + 1])
    next_page = ""
    if len(shown) > CALENDAR_MAX_EVENTS:
        shown = shown[:CALENDAR_MAX_EVENTS]
        query = request.GET.copy()
        query["page"] = str(number + 1)
        next_page = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return _response(shown, request, filename, next_page=next_page)


@require_safe
def calendar_ics(request):
    events = calendar_events()
    year = request.GET.get("year", "")
    if not year:
        today = timezone.localdate()
        since, until = date(today.year - 1, 1, 1), date(today.year + 1, 12, 31)
        # By last day, so that an event that began before the window but is still running stays in and
        # the (last day, id) index starts the read at the window: "starts in it or ends in it" could not
        # use an index, and PostgreSQL read every event before the window (77,000 rows at 100,000 events).
        last_day = Coalesce("end_date", "start_date")
        window = events.filter(start_date__lte=until).alias(last_day=last_day).filter(last_day__gte=since)
        return _bounded(request, window.order_by(last_day, "pk"), "ttdn.ics")
    if not (year.isascii() and year.isdigit() and 1 <= int(year) <= 9999):
        return HttpResponseBadRequest(
            _("The year must be a number such as 2024."), content_type="text/plain; charset=utf-8"
        )
    year = int(year)
    in_year = events.filter(start_date__range=(date(year, 1, 1), date(year, 12, 31))).order_by("start_date", "pk")
    return _bounded(request, in_year, f"ttdn-{year}.ics")
