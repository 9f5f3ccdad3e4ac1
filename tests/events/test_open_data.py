"""Feeds, iCalendar, sitemap, robots.txt and the event page's JSON-LD and OpenGraph tags."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime

import icalendar
import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.models import Event
from events.open_data import event_json_ld
from events.templatetags.open_data import json_ld_script
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def published(**kw) -> Event:
    kw.setdefault("status", Event.Status.PUBLISHED)
    return factories.event(**kw)


def rss_titles(response) -> list[str]:
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def atom_titles(response) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in ET.fromstring(response.content).iter(f"{ATOM}entry")]


def calendar_of(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def json_ld_of(html: str) -> dict:
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(script.group(1))


# Feeds


def test_rss_feed_lists_only_published_events(client):
    shown = published(title="Hội nghị đã công bố")
    factories.event(title="Bản nháp", status=Event.Status.DRAFT)
    response = client.get("/vi/feed/rss/")
    assert response.status_code == 200
    assert rss_titles(response) == [shown.title]


def test_atom_feed_lists_only_published_events(client):
    shown = published(title="Hội nghị đã công bố")
    factories.event(title="Bản nháp", status=Event.Status.DRAFT)
    response = client.get("/en/feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_titles(response) == [shown.title]


@pytest.mark.parametrize(
    ("url", "title", "summary", "link"),
    [
        ("/vi/feed/rss/", "Hội nghị tập huấn TTĐN", "Tóm tắt", "/vi/events/"),
        ("/en/feed/rss/", "Foreign-information training", "Summary", "/en/events/"),
    ],
)
def test_rss_feed_speaks_the_language_of_its_url(client, url, title, summary, link):
    event = published(
        title="Hội nghị tập huấn TTĐN", title_en="Foreign-information training", summary="Tóm tắt", summary_en="Summary"
    )
    item = next(ET.fromstring(client.get(url).content).iter("item"))
    assert item.findtext("title") == title
    assert item.findtext("description").endswith(f"\n\n{summary}")
    assert item.findtext("link") == f"http://testserver{link}{event.slug}/"
    assert item.findtext("category") == ("training conference" if url.startswith("/en/") else "hội nghị tập huấn")


def test_feed_falls_back_to_vietnamese_when_the_english_title_is_empty(client):
    published(title="Hội nghị chưa dịch", title_en="")
    assert rss_titles(client.get("/en/feed/rss/")) == ["Hội nghị chưa dịch"]


def test_feed_shows_the_30_newest_events_newest_first(client):
    for day in range(1, 32):
        published(title=f"Ngày {day}", start_date=date(2025, 1, day))
    titles = rss_titles(client.get("/vi/feed/rss/"))
    assert len(titles) == 30
    assert titles[0] == "Ngày 31"
    assert titles[-1] == "Ngày 2"


def test_atom_entries_carry_published_and_updated_dates(client):
    event = published()
    entry = next(ET.fromstring(client.get("/vi/feed/atom/").content).iter(f"{ATOM}entry"))
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == event.published_at
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == event.updated_at


@pytest.mark.parametrize("url", ["/vi/feed/rss/", "/en/feed/atom/"])
def test_feed_query_count_does_not_grow_with_events(client, url):
    def queries_for_feed():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(2):
        published()
    with_two = queries_for_feed()
    for _ in range(8):
        published()
    assert queries_for_feed() == with_two


# iCalendar


def test_event_ics_gives_an_all_day_entry_for_a_day_precision_event(client):
    event = published(
        title="Hội nghị tập huấn",
        start_date=date(2025, 3, 7),
        end_date=date(2025, 3, 8),
        venue="Khách sạn Mường Thanh",
        city="Đà Lạt",
        province=factories.province("Tỉnh Lâm Đồng", on=date(2025, 3, 7)),
        summary="Tóm tắt hội nghị",
    )
    response = client.get(f"/vi/events/{event.slug}.ics")
    entry = calendar_of(response).events[0]
    assert response["Content-Disposition"] == f'inline; filename="{event.slug}.ics"'
    assert entry["dtstart"].dt == date(2025, 3, 7)
    assert entry["dtend"].dt == date(2025, 3, 9)  # exclusive: the day after the last day
    assert str(entry["summary"]) == "Hội nghị tập huấn"
    assert str(entry["status"]) == "CONFIRMED"
    assert str(entry["uid"]) == f"event-{event.pk}@ttdn"
    assert str(entry["location"]) == "Khách sạn Mường Thanh, Đà Lạt, Tỉnh Lâm Đồng, Việt Nam"
    assert str(entry["description"]) == "Tóm tắt hội nghị"
    assert str(entry["url"]) == f"http://testserver/vi/events/{event.slug}/"


def test_one_day_event_ends_the_next_day_in_the_calendar(client):
    event = published(start_date=date(2025, 3, 8))
    entry = calendar_of(client.get(f"/vi/events/{event.slug}.ics")).events[0]
    assert (entry["dtstart"].dt, entry["dtend"].dt) == (date(2025, 3, 8), date(2025, 3, 9))


def test_event_ics_summary_is_english_under_en(client):
    event = published(title="Hội nghị", title_en="Conference", start_date=date(2025, 3, 8))
    entry = calendar_of(client.get(f"/en/events/{event.slug}.ics")).events[0]
    assert str(entry["summary"]) == "Conference"


@pytest.mark.parametrize("precision", [Event.Precision.YEAR, Event.Precision.MONTH])
def test_event_not_known_to_the_day_has_no_calendar_entry(client, precision):
    event = published(start_date=date(2024, 6, 7), date_precision=precision)
    assert client.get(f"/vi/events/{event.slug}.ics").status_code == 404
    assert calendar_of(client.get("/vi/calendar.ics")).events == []


def test_draft_and_unknown_event_ics_are_not_found(client):
    draft = factories.event(status=Event.Status.DRAFT, start_date=date(2025, 3, 8))
    assert client.get(f"/vi/events/{draft.slug}.ics").status_code == 404
    assert client.get("/vi/events/no-such-event.ics").status_code == 404


def test_cancelled_event_is_in_the_calendar_as_cancelled(client):
    event = factories.event(status=Event.Status.CANCELLED, start_date=date(2025, 3, 8))
    entry = calendar_of(client.get(f"/vi/events/{event.slug}.ics")).events[0]
    assert str(entry["status"]) == "CANCELLED"


def test_calendar_holds_exactly_the_public_events_known_to_the_day(client):
    day = published(start_date=date(2025, 3, 8))
    cancelled = factories.event(status=Event.Status.CANCELLED, start_date=date(2025, 4, 1))
    published(start_date=date(2024, 6, 7), date_precision=Event.Precision.MONTH)
    published(start_date=date(2023, 1, 1), date_precision=Event.Precision.YEAR)
    factories.event(status=Event.Status.DRAFT, start_date=date(2025, 5, 1))
    response = client.get("/vi/calendar.ics?year=2025")
    uids = [str(entry["uid"]) for entry in calendar_of(response).events]
    assert uids == [f"event-{day.pk}@ttdn", f"event-{cancelled.pk}@ttdn"]
    assert response["Content-Disposition"] == 'inline; filename="ttdn-2025.ics"'


def test_calendar_query_count_does_not_grow_with_events(client):
    def queries_for_calendar():
        with CaptureQueriesContext(connection) as queries:
            entries = calendar_of(client.get("/vi/calendar.ics?year=2024")).events
        assert entries  # the factories' events are of 2024
        return len(queries)

    province = factories.province()
    published(province=province)
    with_one = queries_for_calendar()
    for _ in range(5):
        published(province=province)
    assert queries_for_calendar() == with_one


# Sitemap and robots.txt


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /portal/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# JSON-LD and OpenGraph


@pytest.mark.parametrize(
    ("precision", "start", "end", "expected"),
    [
        (Event.Precision.YEAR, date(2024, 6, 7), None, ("2024", "2024")),
        (Event.Precision.MONTH, date(2024, 6, 7), None, ("2024-06", "2024-06")),
        (Event.Precision.DAY, date(2025, 3, 8), None, ("2025-03-08", "2025-03-08")),
        (Event.Precision.DAY, date(2025, 3, 7), date(2025, 3, 8), ("2025-03-07", "2025-03-08")),
    ],
)
def test_json_ld_dates_keep_the_recorded_precision(rf, precision, start, end, expected):
    event = published(start_date=start, end_date=end, date_precision=precision)
    data = event_json_ld(event, rf.get("/"))
    assert (data["startDate"], data["endDate"]) == expected


def test_json_ld_describes_the_event(rf):
    lead = factories.organisation(name="Bộ Thông tin và Truyền thông", website="https://mic.gov.vn")
    event = published(
        title="Hội nghị",
        title_en="Conference",
        city="Đà Lạt",
        province=factories.province(),
        summary="Tóm tắt",
    )
    factories.organiser(event=event, organisation=lead)
    factories.photo(event=event)
    with translation.override("en"):
        data = event_json_ld(event, rf.get("/"))
    assert data["@type"] == "Event"
    assert data["name"] == "Conference"
    assert data["description"] == "Tóm tắt"  # no English summary: the Vietnamese one
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {
        "@type": "Place",
        "name": "Đà Lạt",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Đà Lạt",
            "addressRegion": "Lâm Đồng Province",  # the English name of the unit
            "addressCountry": "Việt Nam",
        },
    }
    assert data["organizer"] == [
        {"@type": "Organization", "name": "Bộ Thông tin và Truyền thông", "url": "https://mic.gov.vn"}
    ]
    assert data["image"][0].startswith("http://testserver/media/events/photos/")
    assert data["url"] == f"http://testserver/en/events/{event.slug}/"
    assert data["inLanguage"] == "en"


def test_json_ld_says_a_cancelled_event_is_cancelled(rf):
    event = factories.event(status=Event.Status.CANCELLED)
    assert event_json_ld(event, rf.get("/"))["eventStatus"] == "https://schema.org/EventCancelled"


def test_json_ld_script_cannot_be_closed_by_a_title():
    html = json_ld_script({"name": "</script><script>alert(1)</script> & co"})
    assert html.count("</script>") == 1
    assert "\\u003C/script\\u003E" in html
    assert json.loads(html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")) == {
        "name": "</script><script>alert(1)</script> & co"
    }


def test_event_meta_partial_for_a_day_event_with_a_photo(rf):
    event = published(title="Hội nghị </script>", summary="Tóm tắt " * 60, start_date=date(2025, 3, 8))
    factories.photo(event=event)
    with translation.override("vi"):
        html = render_to_string("events/public/_event_meta.html", {"event": event, "request": rf.get("/")})
    assert '<meta property="og:title" content="Hội nghị &lt;/script&gt;">' in html
    assert f'<meta property="og:url" content="http://testserver/vi/events/{event.slug}/">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    assert '<meta property="og:locale:alternate" content="en_US">' in html
    assert '<meta property="og:image" content="http://testserver/media/events/photos/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<link rel="alternate" type="text/calendar" href="/vi/events/{event.slug}.ics">' in html
    description = re.search(r'<meta property="og:description" content="([^"]*)">', html).group(1)
    assert len(description) <= 200
    assert json_ld_of(html)["name"] == "Hội nghị </script>"
    assert html.count("</script>") == 1


def test_event_meta_partial_for_an_event_known_only_to_the_year(rf):
    event = published(start_date=date(2024, 6, 7), date_precision=Event.Precision.YEAR)
    with translation.override("en"):
        html = render_to_string("events/public/_event_meta.html", {"event": event, "request": rf.get("/")})
    assert "text/calendar" not in html
    assert "og:image" not in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<meta property="og:locale" content="en_US">' in html
    assert json_ld_of(html)["startDate"] == "2024"


def test_event_meta_partial_costs_a_fixed_number_of_queries(rf, django_assert_max_num_queries):
    event = published()
    for _ in range(3):
        factories.organiser(event=event)
        factories.photo(event=event)
    event = Event.objects.get(pk=event.pk)
    with django_assert_max_num_queries(3):
        render_to_string("events/public/_event_meta.html", {"event": event, "request": rf.get("/")})
