"""Every public output is bounded whatever the data size: the calendar, the lists on organisation and
directive pages, the event list's depth."""

from datetime import date, time, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events import ics
from events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def published_event(**kw):
    return factories.event(status=Event.Status.PUBLISHED, **kw)


def uids(response):
    assert response.status_code == 200
    return [str(entry["uid"]) for entry in icalendar.Calendar.from_ical(response.content).events]


def uid(event):
    return f"event-{event.pk}@ttdn"


def test_calendar_holds_the_latest_of_the_recent_past_and_pages_the_upcoming_events(client, monkeypatch):
    monkeypatch.setattr(ics, "CALENDAR_MAX_EVENTS", 4)
    monkeypatch.setattr(ics, "CALENDAR_RECENT", 2)
    today = timezone.localdate()
    past = [published_event(start_date=today - timedelta(days=n)) for n in (3, 2, 1)]
    upcoming = [published_event(start_date=today + timedelta(days=n)) for n in range(7)]
    address = reverse("events:calendar-ics")

    first = client.get(address)
    assert uids(first) == [uid(e) for e in past[1:] + upcoming[:2]]
    assert first["Link"] == '<http://testserver/vi/calendar.ics?page=2>; rel="next"'
    second = client.get(address, {"page": 2})
    assert uids(second) == [uid(e) for e in upcoming[2:6]]
    assert second["Link"] == '<http://testserver/vi/calendar.ics?page=3>; rel="next"'
    third = client.get(address, {"page": 3})
    assert uids(third) == [uid(upcoming[6])]
    assert "Link" not in third


def test_calendar_counts_an_event_by_its_last_day(client):
    today = timezone.localdate()
    running = published_event(start_date=today - timedelta(days=400), end_date=today)
    published_event(start_date=today - timedelta(days=400), end_date=today - timedelta(days=366))  # over long ago
    ended = published_event(start_date=today - timedelta(days=400), end_date=today - timedelta(days=364))
    assert uids(client.get(reverse("events:calendar-ics"))) == [uid(ended), uid(running)]


@pytest.mark.parametrize("n", [1, 4])
def test_calendar_query_count_does_not_grow(client, n, django_assert_max_num_queries):
    today = timezone.localdate()
    for days in range(1, n + 1):
        factories.agenda_item(event=published_event(start_date=today - timedelta(days=days)), starts_at=time(8))
        factories.agenda_item(event=published_event(start_date=today + timedelta(days=days)), starts_at=time(8))
    with django_assert_max_num_queries(3):
        assert len(uids(client.get(reverse("events:calendar-ics")))) == 2 * n


def test_calendar_entry_in_english_names_the_province_in_english(client):
    province = factories.province()
    province.name_en = "Lam Dong Province"
    province.save()
    event = published_event(
        start_date=timezone.localdate(),
        title="Hội nghị",
        title_en="Conference",
        city="Đà Lạt",
        province=province,
        summary="Tóm tắt",
    )
    with translation.override("en"):
        response = client.get(reverse("events:calendar-ics"))
    entry = icalendar.Calendar.from_ical(response.content).events[0]
    assert str(entry["uid"]) == uid(event)
    assert str(entry["summary"]) == "Conference"
    assert str(entry["location"]) == "Đà Lạt, Lam Dong Province, Việt Nam"
    assert str(entry["description"]) == "Tóm tắt"  # no English summary: the Vietnamese one


def test_calendar_of_a_year_is_paged_too(client, monkeypatch):
    monkeypatch.setattr(ics, "CALENDAR_MAX_EVENTS", 1)
    published_event(start_date=date(2019, 1, 1))
    published_event(start_date=date(2019, 5, 1))
    response = client.get(reverse("events:calendar-ics"), {"year": 2019})
    assert len(uids(response)) == 1
    assert response["Link"] == '<http://testserver/vi/calendar.ics?year=2019&page=2>; rel="next"'


def test_calendar_leaves_out_events_after_next_year(client):
    year = timezone.localdate().year
    published_event(start_date=date(year + 2, 1, 1))
    assert uids(client.get(reverse("events:calendar-ics"))) == []


@pytest.mark.parametrize("page", ["0", "x", "99999"])
def test_calendar_with_a_bad_page_says_what_to_correct(client, page):
    response = client.get(reverse("events:calendar-ics"), {"page": page})
    assert response.status_code == 400


def test_calendar_text_is_escaped_and_folded(client):
    title = "Hội nghị; tập huấn, bồi dưỡng \\ " + "kiến thức đối ngoại " * 6
    event = published_event(start_date=date(timezone.localdate().year, 3, 1), title=title.strip())
    content = client.get(reverse("events:event-ics", kwargs={"slug": event.slug})).content
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    entry = icalendar.Calendar.from_ical(content).events[0]
    assert str(entry["summary"]) == title.strip()


@pytest.mark.parametrize("n", [1, 3])
def test_organisation_page_caps_its_events_and_links_to_the_filtered_list(client, monkeypatch, n):
    from events.views import public

    monkeypatch.setattr(public, "LIST_CAP", 2)
    organisation = factories.organisation()
    events = [published_event(start_date=date(2020, 1, day)) for day in range(1, n + 1)]
    for event in events:
        factories.organiser(event=event, organisation=organisation)
    response = client.get(organisation.get_absolute_url())
    shown = [organiser.event for organiser in response.context["organised"]]
    assert shown == list(reversed(events))[:2]
    link = f"{reverse('events:event-list')}?organiser={organisation.slug}"
    assert (link in response.content.decode()) == (n > 2)


@pytest.mark.parametrize("n", [1, 4])
def test_organisation_page_query_count_does_not_grow(client, n, django_assert_max_num_queries):
    organisation = factories.organisation()
    for _ in range(n):
        event = published_event()
        factories.organiser(event=event, organisation=organisation)
        factories.outcome(event=event).organisations.add(organisation)
    with django_assert_max_num_queries(12):
        assert client.get(organisation.get_absolute_url()).status_code == 200


def test_directive_page_caps_its_events_and_links_to_the_filtered_list(client, monkeypatch):
    from events.views import public

    monkeypatch.setattr(public, "LIST_CAP", 2)
    directive = factories.directive()
    events = [published_event(start_date=date(2018 + i, 1, 1)) for i in range(3)]
    for event in events:
        factories.event_directive(event=event, directive=directive)
    response = client.get(directive.get_absolute_url())
    assert [(year, [link.event for link in links]) for year, links in response.context["years"]] == [
        (2020, [events[2]]),
        (2019, [events[1]]),
    ]
    assert response.context["more_events"] is True
    assert "Only the most recent are shown" in response.content.decode() or response.context["more_events"]


def test_event_list_is_browsed_to_its_maximum_depth_then_points_to_the_filters(client, monkeypatch):
    from events.views import public

    monkeypatch.setattr(public, "EVENTS_PER_PAGE", 1)
    monkeypatch.setattr(public, "MAX_LIST_PAGES", 2)
    for day in (1, 2, 3):
        published_event(start_date=date(2020, 1, day))
    last = client.get(reverse("events:event-list"), {"page": 2})
    assert last.status_code == 200
    assert last.context["page"].paginator.num_pages == 2
    assert last.context["page"].paginator.count == 3
    assert last.context["page"].paginator.capped
    assert 'class="notice"' in last.content.decode()
    assert client.get(reverse("events:event-list"), {"page": 3}).status_code == 404
    first = client.get(reverse("events:event-list"), {"page": 1})
    assert 'class="notice"' not in first.content.decode()


def test_search_ranks_only_the_newest_matches_then_goes_by_date(monkeypatch):
    from events import queries, search

    old_title = published_event(title="Tập huấn biển đảo", start_date=date(2018, 1, 1))
    new_body = published_event(title="Hội nghị", summary="Về biển đảo", start_date=date(2024, 1, 1))
    newer_body = published_event(title="Hội thảo", summary="Về biển đảo", start_date=date(2025, 1, 1))
    ranked = list(search.search_events(queries.events_for_list(), "biển đảo"))
    assert ranked == [old_title, newer_body, new_body]  # all three ranked: the title match first
    monkeypatch.setattr(search, "RANKED_NEWEST", 2)
    ranked = list(search.search_events(queries.events_for_list(), "biển đảo"))
    assert ranked == [newer_body, new_body, old_title]  # the old one is past the ranked newest: by date


def counts():
    from events.models import DirectiveEventCount

    return dict(DirectiveEventCount.objects.values_list("directive", "published_events"))


def test_directive_counts_follow_links_and_publishing():
    from events.services.publishing import publish_events, unpublish_events

    directive = factories.directive()
    event = published_event()
    link = factories.event_directive(event=event, directive=directive)
    draft = factories.event()
    factories.event_directive(event=draft, directive=directive)
    assert counts() == {directive.pk: 1}
    publish_events(Event.objects.filter(pk=draft.pk))
    assert counts() == {directive.pk: 2}
    unpublish_events(Event.objects.filter(pk=event.pk))
    assert counts() == {directive.pk: 1}
    link.delete()
    draft.delete()
    assert counts() == {}


def test_home_reads_most_trained_on_from_the_summary_in_one_query(client, django_assert_max_num_queries):
    from events import queries

    twice, once = factories.directive(), factories.directive()
    for directive in (twice, twice, once):
        factories.event_directive(event=published_event(), directive=directive)
    with django_assert_max_num_queries(1):
        shown = queries.directives_most_trained_on()
        assert [(d.pk, d.event_count, d.issuer) for d in shown] == [(twice.pk, 2, None), (once.pk, 1, None)]


@pytest.mark.parametrize("n", [1, 4])
def test_admin_event_search_uses_the_index_without_dates_or_full_count(admin_client, n, django_assert_max_num_queries):
    for i in range(n):
        published_event(title=f"Tập huấn biển đảo {i}", start_date=date(2020 + i, 1, 1))
    other = published_event(title="Hội thảo khác")
    # 14 on PostgreSQL: the walk of the newest matches sets its page cost in a savepoint (4 round trips).
    with django_assert_max_num_queries(14):
        response = admin_client.get(reverse("admin:events_event_changelist"), {"q": "bien dao"})
    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.date_hierarchy is None
    assert changelist.full_result_count is None
    assert other not in list(changelist.result_list)
    assert len(changelist.result_list) == n
    browsing = admin_client.get(reverse("admin:events_event_changelist"))
    assert browsing.context["cl"].date_hierarchy == "start_date"
