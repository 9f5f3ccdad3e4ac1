"""iCalendar (RFC 5545) for one event and for the whole calendar of public events.

Only events dated to the day are offered: an event the sources date to a month or a year has no
day a calendar could show without inventing one. An event whose agenda has times is a timed entry
(Asia/Ho_Chi_Minh, from the first item's start to the last one's end); otherwise it is all-day.

The site's calendar (`calendar.ics`) is what a calendar app subscribes to: the app fetches the file
every few hours and shows what the file holds, so the file needs what is coming and what has just
happened, not the archive. By default it holds the upcoming events (those not over yet, up to the end
of next year) by last day, and the recent past: at most CALENDAR_RECENT of the events that ended in the
last RECENT_DAYS, the latest ones; at most CALENDAR_MAX_EVENTS in all (half and half), `?page=2` (and
the `Link: rel=next` header) for the next upcoming ones. At a ministry's pace (about a hundred events a
year) that is the last half year and every event announced; with a hundred times more the file keeps
its size and cost instead of growing with them (the old window, 1 January of last year to the end of
next year, held 200 entries at 1,000 events and its maximum of 1,000 at 100,000: five times the cost).
The archive is by year: `?year=2024`, by start date, paged alike.

Entries are written as text: building icalendar objects cost 0.3 ms an event and most of a worker's
memory (19.6 MB and 8.6 s for the unbounded calendar at 100,000 events).
"""

import re
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
from .open_data import event_times, localized, place_of
from .queries import public_events
from .sitemaps import PLACEHOLDER

PRODID = "-//TTDN//ttdn events//EN"
# The most events one calendar file holds; `?page=2` gives the next ones (and the `Link` header says so).
CALENDAR_MAX_EVENTS = 100
# Of the default file's entries, at most this many from the recent past (the events that ended in the
# last RECENT_DAYS, the latest ones); the rest are upcoming events.
CALENDAR_RECENT = 50
RECENT_DAYS = 365
# What a VEVENT shows: not the search text nor the themes, a third of each row's bytes.
CALENDAR_FIELDS = [
    *("title", "title_en", "slug", "status", "start_date", "end_date", "date_precision", "updated_at"),
    *("venue", "city", "country", "summary", "summary_en", "province__name", "province__name_en"),
]


def calendar_events():
    """Public events (cancelled ones too, so calendars drop them) that are known to the day."""
    return public_events().filter(date_precision=Event.Precision.DAY)


def _rows(events):
    """`events` as rows of the columns a VEVENT shows (named as CALENDAR_FIELDS): model objects cost
    as much again as the entries' text."""
    return events.values_list("pk", *CALENDAR_FIELDS, named=True)


def _timed_items(events) -> dict[int, list]:
    """The agenda items of `events` (rows) that have a start time, as rows of (day, starts_at, ends_at)
    by event, one query for all (model objects and a prefetch cost more than the entries' text)."""
    items: dict[int, list] = {}
    rows = AgendaItem.objects.filter(event__in=[event.pk for event in events], starts_at__isnull=False).order_by()
    for row in rows.values_list("event_id", "day", "starts_at", "ends_at", named=True):
        items.setdefault(row.event_id, []).append(row)
    return items


def _escape(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


# The pieces a content line longer than 75 octets is folded into (RFC 5545 3.1): at most 74 octets each
# (a continuation line begins with a space), never ending inside a UTF-8 character.
_FOLD_PIECE = re.compile(rb".{1,74}(?![\x80-\xbf])", re.DOTALL)


def _folded(text: str) -> bytes:
    """`text` (content lines ending in CRLF) as UTF-8 with its long lines folded. One split of the whole
    file and a regular expression per long line: folding line by line in Python cost more than writing
    the entries, and a pattern that looks for long lines in the whole file rescans each short one."""
    lines = text.encode().split(b"\r\n")
    return b"\r\n".join([line if len(line) <= 75 else b"\r\n ".join(_FOLD_PIECE.findall(line)) for line in lines])


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


def _vevent(event, items: list, address: str, language: str) -> tuple[str, bool]:
    """The VEVENT of `event` (a row of _rows) as text, and whether it is timed (then the calendar needs
    the VTIMEZONE); `items` are its timed agenda items, `address` the absolute address of an event page
    with PLACEHOLDER for the slug. Written directly: building icalendar objects cost 0.3 ms an event and
    most of a worker's memory."""
    stamp = _utc(event.updated_at)
    lines = [f"UID:event-{event.pk}@ttdn", f"DTSTAMP:{stamp}", f"LAST-MODIFIED:{stamp}"]
    times = event_times(event, items)
    if times:
        # Timed: local times with their TZID (the calendar carries the VTIMEZONE).
        lines.append(f"DTSTART{_local(times[0])}")
        if times[1]:
            lines.append(f"DTEND{_local(times[1])}")
    else:
        # All-day: DTSTART and DTEND are DATEs, and DTEND is the day after the last one (exclusive).
        end = (event.end_date or event.start_date) + timedelta(days=1)
        lines += [f"DTSTART;VALUE=DATE:{event.start_date:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}"]
    lines.append(f"SUMMARY:{_escape(localized(event, 'title', language, multiline=False))}")
    province = localized(event, "province__name", language, multiline=False) if event.province__name else ""
    location = ", ".join(place_of(event.venue, event.city, province, event.country))
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    description = localized(event, "summary", language, multiline=True)
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    lines.append(f"URL:{address.replace(PLACEHOLDER, event.slug)}")
    lines.append(f"STATUS:{'CANCELLED' if event.status == Event.Status.CANCELLED else 'CONFIRMED'}")
    return "BEGIN:VEVENT\r\n" + "\r\n".join(lines) + "\r\nEND:VEVENT\r\n", bool(times)


def _response(events: list, request, filename: str, *, next_page: str = "") -> HttpResponse:
    # One reverse() and one language for all the entries, not one each.
    address = request.build_absolute_uri(reverse("events:event-detail", kwargs={"slug": PLACEHOLDER}))
    language = get_language()
    items = _timed_items(events)
    entries, timed = [], False
    for event in events:
        text, is_timed = _vevent(event, items.get(event.pk, []), address, language)
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
    body = "\r\n".join(head) + "\r\n" + (_vtimezone() if timed else "") + "".join(entries) + "END:VCALENDAR\r\n"
    response = HttpResponse(_folded(body), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if next_page:
        response["Link"] = f'<{next_page}>; rel="next"'
    return response


@require_safe
def event_ics(request, slug):
    event = get_object_or_404(_rows(calendar_events()), slug=slug)
    return _response([event], request, f"{event.slug}.ics")


def _page_number(request) -> int | None:
    page = request.GET.get("page", "1")
    if not (page.isascii() and page.isdigit() and 1 <= int(page) <= 10_000):
        return None
    return int(page)


def _next_page(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number + 1)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _slice(events, offset: int, size: int) -> tuple[list, bool]:
    """`size` of `events` (ordered) from `offset`, and whether more follow (read with one row more)."""
    shown = list(_rows(events)[offset : offset + size + 1])
    return shown[:size], len(shown) > size


def _default_calendar(request, number: int) -> HttpResponse:
    """The recent past and the upcoming events (see the module's docstring): page 1 holds the recent
    past and the first upcoming ones, the next pages only upcoming ones."""
    today = timezone.localdate()
    # By last day, so that an event still running is upcoming, and so that both reads walk the
    # (last day, id) index from today, one forwards and one backwards, whatever the number of events.
    events = calendar_events().alias(last_day=Coalesce("end_date", "start_date"))
    upcoming = events.filter(last_day__gte=today, start_date__lte=date(today.year + 1, 12, 31))
    upcoming_first = CALENDAR_MAX_EVENTS - CALENDAR_RECENT  # the upcoming events on page 1
    if number == 1:
        shown, more = _slice(upcoming.order_by("last_day", "pk"), 0, upcoming_first)
        recent = events.filter(last_day__lt=today, last_day__gte=today - timedelta(days=RECENT_DAYS))
        shown = list(_rows(recent.order_by("-last_day", "-pk"))[:CALENDAR_RECENT])[::-1] + shown
    else:
        offset = upcoming_first + (number - 2) * CALENDAR_MAX_EVENTS
        shown, more = _slice(upcoming.order_by("last_day", "pk"), offset, CALENDAR_MAX_EVENTS)
    return _response(shown, request, "ttdn.ics", next_page=_next_page(request, number) if more else "")


def _bad_request(message: str) -> HttpResponse:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


@require_safe
def calendar_ics(request):
    number = _page_number(request)
    if number is None:
        return _bad_request(_("The page must be a number such as 2."))
    year = request.GET.get("year", "")
    if not year:
        return _default_calendar(request, number)
    if not (year.isascii() and year.isdigit() and 1 <= int(year) <= 9999):
        return _bad_request(_("The year must be a number such as 2024."))
    year = int(year)
    in_year = calendar_events().filter(start_date__range=(date(year, 1, 1), date(year, 12, 31)))
    offset = (number - 1) * CALENDAR_MAX_EVENTS
    shown, more = _slice(in_year.order_by("start_date", "pk"), offset, CALENDAR_MAX_EVENTS)
    return _response(shown, request, f"ttdn-{year}.ics", next_page=_next_page(request, number) if more else "")
