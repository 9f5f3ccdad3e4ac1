"""An organisation's page reads its newest events from the organiser rows' own copies of the event's
date and publication (issue 15): the copies follow every write, and the page lists what it did."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events import queries
from events.models import Event, EventOrganiser
from events.services.publishing import publish_events, unpublish_events
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISHED = Event.Status.PUBLISHED


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def organised(organisation):
    return [organiser.event for organiser in queries.events_organised_by(organisation)]


def test_page_lists_the_newest_fifty_published_events_newest_first(client):
    from events.views.public import LIST_CAP

    organisation = factories.organisation()
    events = [factories.event(status=PUBLISHED, start_date=date(2000 + i // 12, i % 12 + 1, 1)) for i in range(55)]
    same_day = [factories.event(status=PUBLISHED, start_date=date(2030, 1, 1)) for _ in range(2)]
    hidden = [factories.event(status=status, start_date=date(2031, 1, 1)) for status in ("draft", "cancelled")]
    for event in [*events, *same_day, *hidden]:
        factories.organiser(event=event, organisation=organisation)
    factories.organiser(event=factories.event(status=PUBLISHED, start_date=date(2032, 1, 1)))  # another's

    response = client.get(organisation.get_absolute_url())
    shown = [organiser.event for organiser in response.context["organised"]]
    # Newest first; of two on the same day, the later id first (as before the copies).
    expected = sorted([*events, *same_day], key=lambda e: (e.start_date, e.pk), reverse=True)[:LIST_CAP]
    assert shown == expected
    assert response.context["more_organised"] is True
    link = f"{reverse('events:event-list')}?organiser={organisation.slug}"
    assert link in response.content.decode()


def test_copies_are_written_when_the_organiser_is_added():
    event = factories.event(status=PUBLISHED, start_date=date(2024, 5, 6))
    organiser = factories.organiser(event=event)
    organiser.refresh_from_db()
    assert (organiser.event_date, organiser.event_published) == (date(2024, 5, 6), True)
    draft = factories.organiser(event=factories.event(start_date=date(2024, 5, 7)))
    draft.refresh_from_db()
    assert (draft.event_date, draft.event_published) == (date(2024, 5, 7), False)


def test_copies_follow_an_edit_of_the_date_and_the_page_reorders():
    organisation = factories.organisation()
    older = factories.event(status=PUBLISHED, start_date=date(2020, 1, 1))
    newer = factories.event(status=PUBLISHED, start_date=date(2021, 1, 1))
    for event in (older, newer):
        factories.organiser(event=event, organisation=organisation)
    assert organised(organisation) == [newer, older]

    older.start_date = date(2022, 1, 1)
    older.save()
    assert organised(organisation) == [older, newer]
    assert EventOrganiser.objects.get(event=older).event_date == date(2022, 1, 1)


def test_copies_follow_publishing_and_unpublishing():
    organisation = factories.organisation()
    event = factories.event(start_date=date(2020, 1, 1))  # a draft
    factories.organiser(event=event, organisation=organisation)
    assert organised(organisation) == []

    assert publish_events(Event.objects.filter(pk=event.pk)) == 1
    assert organised(organisation) == [event]
    assert unpublish_events(Event.objects.filter(pk=event.pk)) == 1
    assert organised(organisation) == []

    event.refresh_from_db()
    event.status = Event.Status.CANCELLED  # cancelled events keep their page, not a place on this list
    event.save()
    assert organised(organisation) == []


def test_a_save_that_changes_neither_date_nor_status_writes_no_organiser_row():
    event = factories.event(status=PUBLISHED)
    factories.organiser(event=event)
    event.title = "Tên mới"
    with CaptureQueriesContext(connection) as saved:
        event.save(update_fields=["title"])
    assert not [q for q in saved.captured_queries if "events_eventorganiser" in q["sql"] and "UPDATE" in q["sql"]]


def test_migration_fills_the_copies_of_existing_rows():
    migration = importlib.import_module("events.migrations.0014_organiser_event_copies")
    published = factories.event(status=PUBLISHED, start_date=date(2019, 3, 4))
    draft = factories.event(start_date=date(2018, 1, 2))
    for event in (published, draft):
        factories.organiser(event=event)
    EventOrganiser.objects.update(event_date=None, event_published=False)  # as the rows were before it

    migration.copy_event_fields(apps, None)
    assert {(o.event_id, o.event_date, o.event_published) for o in EventOrganiser.objects.all()} == {
        (published.pk, date(2019, 3, 4), True),
        (draft.pk, date(2018, 1, 2), False),
    }


@pytest.mark.parametrize("n", [1, 6])
def test_person_page_reads_the_cards_columns_only_and_as_many_queries(client, n, django_assert_max_num_queries):
    person = factories.person()
    for day in range(1, n + 1):
        factories.agenda_item(event=factories.event(status=PUBLISHED, start_date=date(2020, 1, day)), speaker=person)
    with django_assert_max_num_queries(12):
        response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert [event.start_date.day for event in response.context["page"]] == list(range(n, 0, -1))


def test_event_list_offers_as_organisers_those_of_a_published_event_only():
    from events.filters import _filter_choices

    shown = factories.organisation(name="Sở Thông tin và Truyền thông")
    draft_only = factories.organisation(name="Bộ Ngoại giao")
    factories.organiser(event=factories.event(status=PUBLISHED), organisation=shown)
    draft = factories.event()
    factories.organiser(event=draft, organisation=draft_only)
    assert [slug for slug, _label in _filter_choices()["organiser"]] == [shown.slug]
    publish_events(Event.objects.filter(pk=draft.pk))
    assert {slug for slug, _label in _filter_choices()["organiser"]} == {shown.slug, draft_only.slug}
