"""The public pages at scale: the same answers as before without DISTINCT, light filters, bounded calendar."""

from datetime import date, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISHED = Event.Status.PUBLISHED


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def published_event(**kw):
    return factories.event(status=PUBLISHED, **kw)


def list_titles(client, **params):
    response = client.get(reverse("events:event-list"), params)
    assert response.status_code == 200
    return [event.title for event in response.context["page"]], response


def test_an_event_with_several_organisers_and_directives_is_listed_once_and_counted_once(client):
    event = published_event(title="Hội nghị nhiều đơn vị")
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông")
    for organisation in (mic, factories.organisation(name="Ban Tuyên giáo"), factories.organisation(name="Sở TT&TT")):
        factories.organiser(event=event, organisation=organisation)
    nq47 = factories.directive(symbol="47/NQ-CP")
    factories.event_directive(event=event, directive=nq47)
    factories.event_directive(event=event, directive=factories.directive(symbol="89/NQ-CP"))
    published_event(title="Hội nghị khác")

    for params in (
        {},
        {"organiser": mic.slug},
        {"directive": nq47.slug},
        {"organiser": mic.slug, "directive": nq47.slug},
    ):
        titles, response = list_titles(client, **params)
        assert titles.count("Hội nghị nhiều đơn vị") == 1, params
        assert response.context["page"].paginator.count == len(titles), params
    assert list_titles(client, organiser=mic.slug)[0] == ["Hội nghị nhiều đơn vị"]


def test_organiser_dropdown_offers_organisers_of_published_events_only(client):
    factories.organiser(event=published_event(), organisation=factories.organisation(name="Bộ Ngoại giao"))
    factories.organiser(event=factories.event(), organisation=factories.organisation(name="Đơn vị chỉ có bản nháp"))
    factories.organisation(name="Đơn vị chưa tổ chức")
    page = client.get(reverse("events:event-list")).content.decode()
    assert ">Bộ Ngoại giao</option>" in page
    assert "Đơn vị chỉ có bản nháp" not in page
    assert "Đơn vị chưa tổ chức" not in page


def test_directive_select_holds_only_the_chosen_directive_and_still_filters(client):
    chosen = factories.directive(symbol="47/NQ-CP", title="Về thông tin đối ngoại")
    other = factories.directive(symbol="89/NQ-CP", title="Về báo chí")
    dalat = published_event(title="Đà Lạt")
    factories.event_directive(event=dalat, directive=chosen)
    factories.event_directive(event=published_event(title="Huế"), directive=other)

    unfiltered = client.get(reverse("events:event-list")).content.decode()
    assert 'name="directive"' not in unfiltered  # no list of every directive

    titles, response = list_titles(client, directive=chosen.slug)
    assert titles == ["Đà Lạt"]
    page = response.content.decode()
    assert f'<option value="{chosen.slug}" selected>' in page
    assert other.slug not in page


def test_unknown_organiser_or_directive_is_a_400_page(client):
    for params in ({"organiser": "khong-co"}, {"directive": "khong-co"}):
        assert client.get(reverse("events:event-list"), params).status_code == 400


def test_directive_page_links_to_its_events_in_the_list(client):
    directive = factories.directive(symbol="47/NQ-CP")
    factories.event_directive(event=published_event(), directive=directive)
    page = client.get(directive.get_absolute_url()).content.decode()
    assert f"{reverse('events:event-list')}?directive={directive.slug}" in page


def test_home_counts_published_events_per_directive_and_puts_the_most_trained_on_first(client):
    once, twice = factories.directive(symbol="01/CT-TTg"), factories.directive(symbol="47/NQ-CP")
    for directive, n in ((once, 1), (twice, 2)):
        for _ in range(n):
            factories.event_directive(event=published_event(), directive=directive)
    factories.event_directive(event=factories.event(), directive=once)  # a draft does not count
    shown = client.get(reverse("events:home")).context["directives"]
    assert [(d.pk, d.event_count) for d in shown] == [(twice.pk, 2), (once.pk, 1)]


@pytest.mark.parametrize("n", [1, 6])
def test_event_page_query_count_does_not_grow_with_a_long_series(client, n, django_assert_max_num_queries):
    series = factories.series(name="Hội nghị thường niên")
    events = [published_event(series=series, edition=i, start_date=date(2000 + i, 3, 1)) for i in range(n + 2)]
    with django_assert_max_num_queries(15):
        response = client.get(events[1].get_absolute_url())
    assert response.context["previous"] == events[0]
    assert response.context["following"] == events[2]


def calendar_uids(response):
    assert response.status_code == 200
    return [str(entry["uid"]) for entry in icalendar.Calendar.from_ical(response.content).events]


def test_calendar_holds_the_recent_past_and_the_upcoming_events(client):
    today = timezone.localdate()
    old = published_event(start_date=today - timedelta(days=400))
    recent = published_event(start_date=today - timedelta(days=30))
    running = published_event(start_date=today - timedelta(days=1), end_date=today + timedelta(days=1))
    coming = published_event(start_date=today + timedelta(days=60))
    response = client.get(reverse("events:calendar-ics"))
    assert calendar_uids(response) == [f"event-{e.pk}@ttdn" for e in (recent, running, coming)]
    assert f"event-{old.pk}@ttdn" not in response.content.decode()


def test_calendar_of_one_year_on_request(client):
    year = timezone.localdate().year
    old = published_event(start_date=date(year - 5, 4, 2))
    published_event(start_date=date(year, 4, 2))
    response = client.get(reverse("events:calendar-ics"), {"year": year - 5})
    assert calendar_uids(response) == [f"event-{old.pk}@ttdn"]
    assert response["Content-Disposition"] == f'inline; filename="ttdn-{year - 5}.ics"'


@pytest.mark.parametrize("year", ["abc", "0", "99999", "２０２４"])
def test_calendar_with_a_bad_year_says_what_to_correct(client, year):
    response = client.get(reverse("events:calendar-ics"), {"year": year})
    assert response.status_code == 400
    assert "2024" in response.content.decode()


def test_person_page_and_search_list_a_speaker_once_however_many_talks(client):
    speaker = factories.person(given_name="Hưng")
    for _ in range(3):
        event = published_event()
        factories.agenda_item(event=event, speaker=speaker)
        factories.event_official(event=event, person=speaker)
    assert client.get(speaker.get_absolute_url()).status_code == 200
    people = client.get(reverse("events:search"), {"q": "hung"}).context["results"]["people"]
    assert list(people) == [speaker]


def test_every_event_card_names_its_organisers_in_order(client):
    """The cards read organisers with their events' rows or as plain rows (events.queries.
    with_organiser_names) on every page that shows them: the list (browsed and searched), the home
    page, the search and an event's related events."""
    event = published_event(title="Hội nghị có hai đơn vị", city="Đà Lạt", start_date=date(2020, 5, 1))
    # Entered second but ordered first; the first has no abbreviation, so its name shows.
    mofa = factories.organisation(name="Bộ Ngoại giao", abbreviation="BNG")
    factories.organiser(event=event, order=2, organisation=factories.organisation(name="Ban Tuyên giáo"))
    factories.organiser(event=event, order=1, organisation=mofa)
    other = published_event(title="Hội nghị liên quan", start_date=date(2021, 5, 1))
    factories.event_relation(from_event=event, to_event=other)

    expected = "Đà Lạt · BNG, Ban Tuyên giáo"
    for path, params in (
        (reverse("events:event-list"), {}),
        (reverse("events:event-list"), {"q": "co hai don vi"}),
        (reverse("events:home"), {}),
        (reverse("events:search"), {"q": "co hai don vi"}),
        (other.get_absolute_url(), {}),
    ):
        assert expected in client.get(path, params).content.decode(), path


def test_shared_filter_options_keep_each_request_own_choice(client):
    """The filter fields share their options between requests; what one reader chose must not show
    as chosen to the next."""
    first = factories.organisation(name="Bộ Ngoại giao")
    second = factories.organisation(name="Ban Tuyên giáo")
    for organisation in (first, second):
        factories.organiser(event=published_event(), organisation=organisation)
    chosen = client.get(reverse("events:event-list"), {"organiser": first.slug}).content.decode()
    assert f'<option value="{first.slug}" selected>' in chosen
    plain = client.get(reverse("events:event-list"), {"organiser": second.slug}).content.decode()
    assert f'<option value="{first.slug}">' in plain
    assert f'<option value="{second.slug}" selected>' in plain
    # A value that begins another's (listed before it) is chosen alone; with no choice, "All organisers" is.
    short = factories.organisation(name="Vụ Báo chí", slug=first.slug[:2])
    factories.organiser(event=published_event(), organisation=short)
    assert first.slug.startswith(short.slug)
    page = client.get(reverse("events:event-list"), {"organiser": short.slug}).content.decode()
    assert f'<option value="{short.slug}" selected>' in page
    assert f'<option value="{first.slug}">' in page
    assert '<option value="" selected>' in client.get(reverse("events:event-list")).content.decode()


def test_a_text_search_counts_the_public_events_it_lists(client):
    conference = Event.Kind.CONFERENCE
    published_event(title="Hội nghị biển đảo Đà Nẵng", kind=conference)
    published_event(title="Tập huấn biển đảo Huế", kind=Event.Kind.TRAINING)
    factories.event(title="Hội nghị biển đảo (bản nháp)", kind=conference)  # a draft: neither listed nor counted
    cancelled = factories.event(title="Hội nghị biển đảo bị hủy", kind=conference, status=Event.Status.CANCELLED)
    published_event(title="Hội nghị báo chí", kind=conference)

    for params, expected in (
        ({"q": "bien dao"}, 3),
        ({"q": "bien dao", "sort": "date"}, 3),
        ({"q": "bien dao", "kind": Event.Kind.TRAINING}, 1),
        ({"q": "khong co dau"}, 0),
    ):
        titles, response = list_titles(client, **params)
        assert response.context["page"].paginator.count == len(titles) == expected, params
    assert "Hội nghị biển đảo bị hủy" in list_titles(client, q="bien dao")[0]

    cancelled.status = Event.Status.DRAFT
    cancelled.save()
    titles, response = list_titles(client, q="bien dao")
    assert response.context["page"].paginator.count == len(titles) == 2
