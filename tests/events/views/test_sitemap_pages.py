"""The sitemap is an index of pages of at most LIMIT addresses, each with its hreflang alternates."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from events import sitemaps
from events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def page_addresses(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")]


def entries(client, address) -> dict[str, dict[str, str]]:
    response = client.get(address.removeprefix("http://testserver"))
    assert response.status_code == 200
    return {
        url.findtext(f"{NS}loc"): {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        for url in ET.fromstring(response.content).iter(f"{NS}url")
    }


def everything(client) -> dict[str, dict[str, str]]:
    found = {}
    for address in page_addresses(client):
        found |= entries(client, address)
    return found


def test_index_lists_a_page_per_section_and_each_public_page_is_on_one(client):
    event = factories.event(status=Event.Status.PUBLISHED)
    draft = factories.event(title="Bản nháp")
    speaker = factories.agenda_item(event=event).speaker
    unpublished_speaker = factories.agenda_item(event=draft).speaker
    directive, organisation = factories.directive(), factories.organisation()
    series = factories.series(name="AMRI", abbreviation="AMRI")

    assert page_addresses(client) == [
        f"http://testserver/sitemap-{section}.xml"
        for section in ("pages", "events", "series", "directives", "organisations", "people")
    ]
    urls = everything(client)
    alternates = {
        "vi": f"http://testserver/vi/events/{event.slug}/",
        "en": f"http://testserver/en/events/{event.slug}/",
    }
    assert urls[alternates["vi"]] == alternates
    assert urls[alternates["en"]] == alternates
    assert "http://testserver/vi/search/" in urls
    assert f"http://testserver/en/people/{speaker.slug}/" in urls
    assert f"http://testserver/vi/directives/{directive.slug}/" in urls
    assert f"http://testserver/en/organisations/{organisation.slug}/" in urls
    assert f"http://testserver/en/series/{series.slug}/" in urls
    assert not [url for url in urls if draft.slug in url or unpublished_speaker.slug in url]


def test_index_gives_the_events_pages_the_latest_change_of_a_public_event(client):
    published = factories.event(status=Event.Status.PUBLISHED)
    draft = factories.event(title="Bản nháp")
    Event.objects.filter(pk=published.pk).update(updated_at=datetime(2025, 3, 8, 1, 2, 3, tzinfo=UTC))
    Event.objects.filter(pk=draft.pk).update(updated_at=datetime(2026, 1, 1, tzinfo=UTC))  # not public: not counted
    response = client.get("/sitemap.xml")
    assert response["Content-Type"] == "application/xml"
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    lastmods = {
        entry.findtext(f"{NS}loc"): entry.findtext(f"{NS}lastmod")
        for entry in ET.fromstring(response.content).iter(f"{NS}sitemap")
    }
    assert lastmods["http://testserver/sitemap-events.xml"] == "2025-03-08T08:02:03+07:00"  # in the site's zone
    assert lastmods["http://testserver/sitemap-people.xml"] is None  # unknown: not invented


def test_a_long_section_is_split_into_pages_of_at_most_the_limit(client, monkeypatch):
    monkeypatch.setattr(sitemaps.EventSitemap, "limit", 4)  # 4 addresses: 2 events in 2 languages
    events = [factories.event(status=Event.Status.PUBLISHED) for _ in range(5)]
    pages = [address for address in page_addresses(client) if "sitemap-events" in address]
    assert pages == [
        "http://testserver/sitemap-events.xml",
        "http://testserver/sitemap-events.xml?p=2",
        "http://testserver/sitemap-events.xml?p=3",
    ]
    seen = []
    for address in pages:
        urls = entries(client, address)
        assert len(urls) <= 4
        seen += urls
    assert len(seen) == len(set(seen)) == 10
    assert {f"http://testserver/vi/events/{event.slug}/" for event in events} <= set(seen)


def test_pages_by_key_range_list_every_public_event_once_around_drafts(client, monkeypatch):
    monkeypatch.setattr(sitemaps.EventSitemap, "limit", 4)  # the keys of 2 events a page
    statuses = ["published", "draft", "draft", "draft", "published", "cancelled", "draft"]
    events = [factories.event(status=status) for status in statuses]
    pages = [address for address in page_addresses(client) if "sitemap-events" in address]
    assert len(pages) == 4  # 7 keys, 2 a page: the page of two drafts is listed, and empty
    seen = [url for address in pages for url in entries(client, address)]
    public = [event for event in events if event.status != "draft"]
    assert sorted(seen) == sorted(f"http://testserver/{lang}/events/{e.slug}/" for e in public for lang in ("vi", "en"))


def test_directives_are_paged_by_key_range_too_and_each_listed_once(client, monkeypatch):
    monkeypatch.setattr(sitemaps.DirectiveSitemap, "limit", 4)  # the keys of 2 directives a page
    directives = [factories.directive() for _ in range(5)]
    directives.pop(2).delete()  # a gap in the keys
    pages = [address for address in page_addresses(client) if "sitemap-directives" in address]
    assert len(pages) == 3
    seen = [url for address in pages for url in entries(client, address)]
    assert sorted(seen) == sorted(
        f"http://testserver/{lang}/directives/{d.slug}/" for d in directives for lang in ("vi", "en")
    )


def test_a_page_past_the_end_is_a_404(client):
    factories.event(status=Event.Status.PUBLISHED)
    assert client.get("/sitemap-events.xml", {"p": 2}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_index_query_count_does_not_grow_with_events(client, django_assert_max_num_queries):
    for _ in range(30):
        factories.event(status=Event.Status.PUBLISHED)
    with django_assert_max_num_queries(15):
        client.get("/sitemap.xml")
    with django_assert_max_num_queries(15):
        client.get("/sitemap-events.xml")


def test_robots_txt_points_at_the_sitemap_index(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode().splitlines()
