"""Agenda times on the page, in iCalendar and JSON-LD; feeds that say when and where, and when published."""

import json
import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from events.models import AgendaItem, Event
from events.services.publishing import publish_events, unpublish_events
from tests import factories

pytestmark = pytest.mark.django_db

SAIGON = ZoneInfo("Asia/Ho_Chi_Minh")
ATOM = "{http://www.w3.org/2005/Atom}"


def url(name, language="vi", **kwargs):
    with translation.override(language):
        return reverse(f"events:{name}", kwargs=kwargs)


def timed_event(**kw):
    event = factories.event(status=Event.Status.PUBLISHED, start_date=date(2025, 3, 8), **kw)
    factories.agenda_item(event=event, order=1, starts_at=time(8, 0), ends_at=time(9, 30), room="Hội trường A")
    factories.agenda_item(event=event, order=2, starts_at=time(14, 0), ends_at=time(16, 45), room="Phòng 2")
    return event


def vevent(client, event):
    calendar = icalendar.Calendar.from_ical(client.get(url("event-ics", slug=event.slug)).content)
    return next(iter(calendar.walk("VEVENT"))), calendar


def test_agenda_item_times_are_checked():
    event = factories.event(start_date=date(2025, 3, 8), end_date=date(2025, 3, 9))
    cases = [
        ({"starts_at": time(9), "ends_at": time(8)}, "ends_at"),
        ({"ends_at": time(8)}, "starts_at"),
        ({"starts_at": time(9), "part_of_day": "morning"}, "part_of_day"),
        ({"day": date(2025, 3, 10), "starts_at": time(9)}, "day"),
    ]
    for fields, error in cases:
        with pytest.raises(ValidationError) as raised:
            AgendaItem(event=event, **fields).full_clean()
        assert error in raised.value.message_dict
    AgendaItem(event=event, day=date(2025, 3, 9), starts_at=time(9), ends_at=time(10), room="A").full_clean()
    coarse = factories.event(start_date=date(2025, 3, 1), date_precision=Event.Precision.MONTH)
    with pytest.raises(ValidationError):
        AgendaItem(event=coarse, starts_at=time(9)).full_clean()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_event_page_shows_a_timetable_when_times_exist(client, language):
    event = timed_event()
    page = client.get(url("event-detail", language, slug=event.slug)).content.decode()
    assert 'class="timetable"' in page
    assert "08:00–09:30" in page and "14:00–16:45" in page
    assert "Hội trường A" in page


def test_event_page_without_times_keeps_the_plain_agenda(client):
    event = factories.event(status=Event.Status.PUBLISHED)
    factories.agenda_item(event=event)
    page = client.get(url("event-detail", slug=event.slug)).content.decode()
    assert 'class="timetable"' not in page and 'class="agenda"' in page


def test_a_part_of_day_alone_makes_a_timetable_but_no_timed_calendar_entry(client):
    event = factories.event(status=Event.Status.PUBLISHED, start_date=date(2025, 3, 8))
    factories.agenda_item(event=event, part_of_day="afternoon")
    page = client.get(url("event-detail", "en", slug=event.slug)).content.decode()
    assert 'class="timetable"' in page and "afternoon" in page
    entry, _ = vevent(client, event)
    assert entry.decoded("dtstart") == date(2025, 3, 8)


def test_calendar_gives_the_times_of_a_timed_agenda_in_ho_chi_minh_time(client):
    event = timed_event()
    entry, calendar = vevent(client, event)
    assert entry.decoded("dtstart") == datetime(2025, 3, 8, 8, 0, tzinfo=SAIGON)
    assert entry.decoded("dtend") == datetime(2025, 3, 8, 16, 45, tzinfo=SAIGON)
    assert entry["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]


def test_calendar_of_an_event_without_times_stays_all_day(client):
    event = factories.event(status=Event.Status.PUBLISHED, start_date=date(2025, 3, 8), end_date=date(2025, 3, 9))
    factories.agenda_item(event=event)
    entry, calendar = vevent(client, event)
    assert (entry.decoded("dtstart"), entry.decoded("dtend")) == (date(2025, 3, 8), date(2025, 3, 10))
    assert calendar.walk("VTIMEZONE") == []


def test_a_timed_item_on_the_second_day_ends_the_calendar_entry(client):
    event = factories.event(status=Event.Status.PUBLISHED, start_date=date(2025, 3, 8), end_date=date(2025, 3, 9))
    factories.agenda_item(event=event, starts_at=time(8))
    factories.agenda_item(event=event, day=date(2025, 3, 9), starts_at=time(10), ends_at=time(11, 30))
    entry, _ = vevent(client, event)
    assert entry.decoded("dtend") == datetime(2025, 3, 9, 11, 30, tzinfo=SAIGON)


@pytest.mark.parametrize("n", [1, 4])
def test_calendar_query_count_does_not_grow_with_timed_events(client, n, django_assert_max_num_queries):
    this_year = timezone.localdate().year
    for _ in range(n):
        event = factories.event(status=Event.Status.PUBLISHED, start_date=date(this_year, 3, 8))
        factories.agenda_item(event=event, starts_at=time(8))
    with django_assert_max_num_queries(3):
        response = client.get(url("calendar-ics"))
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == n


def json_ld(client, event, language="vi"):
    page = client.get(url("event-detail", language, slug=event.slug)).content.decode()
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(page[start : page.index("</script>", start)])


def test_json_ld_gives_the_agenda_s_times_like_the_calendar(client):
    data = json_ld(client, timed_event())
    assert (data["startDate"], data["endDate"]) == ("2025-03-08T08:00:00+07:00", "2025-03-08T16:45:00+07:00")


def test_json_ld_of_a_month_event_stays_at_the_month(client):
    event = factories.event(status=Event.Status.PUBLISHED, start_date=date(2024, 6, 1), date_precision="month")
    factories.agenda_item(event=event)
    data = json_ld(client, event)
    assert (data["startDate"], data["endDate"]) == ("2024-06", "2024-06")


def test_publishing_dates_the_event_once():
    event = factories.event()
    assert event.published_at is None
    publish_events(Event.objects.filter(pk=event.pk))
    event.refresh_from_db()
    first = event.published_at
    assert first is not None and timezone.now() - first < timedelta(minutes=1)
    unpublish_events(Event.objects.filter(pk=event.pk))
    publish_events(Event.objects.filter(pk=event.pk))
    event.refresh_from_db()
    assert event.published_at == first  # made public again, first published then


def test_feed_items_carry_the_date_at_its_precision_the_place_and_the_publication_time(client):
    event = factories.event(
        title="Tập huấn",
        summary="Tóm tắt",
        start_date=date(2024, 6, 1),
        date_precision=Event.Precision.MONTH,
        city="Đà Lạt",
        province=factories.province(),
    )
    publish_events(Event.objects.filter(pk=event.pk))
    event.refresh_from_db()
    Event.objects.filter(pk=event.pk).update(published_at=datetime(2024, 6, 7, 3, 0, tzinfo=SAIGON))
    item = next(ET.fromstring(client.get(url("feed-rss")).content).iter("item"))
    description = item.findtext("description")
    assert description.startswith("Thời gian: 6/2024. Địa điểm: Đà Lạt, ")
    assert "Đà Lạt" in description and "1/6/2024" not in description
    assert item.findtext("pubDate") == "Thu, 06 Jun 2024 20:00:00 +0000"
    entry = next(ET.fromstring(client.get(url("feed-atom", "en")).content).iter(f"{ATOM}entry"))
    summary = entry.findtext(f"{ATOM}summary")
    assert summary.startswith("Date: Jun 2024. Place: Đà Lạt, ")
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == datetime(2024, 6, 7, 3, tzinfo=SAIGON)
