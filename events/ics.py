"""iCalendar (RFC 5545) for one event and for the whole calendar of public events.

Only events dated to the day are offered: an event the sources date to a month or a year has no
day a calendar could show without inventing one.

The whole calendar holds the events from 1 January of last year onwards (a subscribed calendar keeps
what it already had), or one year's with `?year=2024`: ten years of 10,000 events were 8 MB, 12 s to write.
"""

from datetime import UTC, date, timedelta

import icalendar
from django.db.models import Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import Event
from .open_data import localized, place_parts
from .queries import public_events

PRODID = "-//TTDN//ttdn events//EN"


def calendar_events():
    """Public events (cancelled ones too, so calendars drop them) that are known to the day."""
    return public_events().filter(date_precision=Event.Precision.DAY).select_related("province")


def _vevent(event: Event, request) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", f"event-{event.pk}@ttdn")
    # RFC 5545 wants both stamps in UTC.
    entry.add("dtstamp", event.updated_at.astimezone(UTC))
    entry.add("last-modified", event.updated_at.astimezone(UTC))
    # All-day: DTSTART and DTEND are DATEs, and DTEND is the day after the last one (exclusive).
    entry.add("dtstart", event.start_date)
    entry.add("dtend", (event.end_date or event.start_date) + timedelta(days=1))
    entry.add("summary", localized(event, "title"))
    location = ", ".join(place_parts(event))
    if location:
        entry.add("location", location)
    description = localized(event, "summary")
    if description:
        entry.add("description", description)
    entry.add("url", request.build_absolute_uri(event.get_absolute_url()))
    entry.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    return entry


def _response(events, request, filename: str) -> HttpResponse:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("TTĐN events"))
    for event in events:
        calendar.add_component(_vevent(event, request))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def event_ics(request, slug):
    event = get_object_or_404(calendar_events(), slug=slug)
    return _response([event], request, f"{event.slug}.ics")


@require_safe
def calendar_ics(request):
    events = calendar_events().order_by("start_date", "pk")
    year = request.GET.get("year", "")
    if not year:
        since = date(timezone.localdate().year - 1, 1, 1)
        # An event that began before the window but is still running stays in.
        return _response(events.filter(Q(start_date__gte=since) | Q(end_date__gte=since)), request, "ttdn.ics")
    if not (year.isascii() and year.isdigit() and 1 <= int(year) <= 9999):
        return HttpResponseBadRequest(
            _("The year must be a number such as 2024."), content_type="text/plain; charset=utf-8"
        )
    return _response(events.filter(start_date__year=int(year)), request, f"ttdn-{int(year)}.ics")
