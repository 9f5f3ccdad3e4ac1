"""A post known from a source is known at the source's precision: a month is a month, not its first day."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from events.demo import load_demo
from events.models import Event
from events.services.entry import NewPerson, add_new_person
from people.models import Position
from tests import factories

pytestmark = pytest.mark.django_db

MONTH, YEAR, DAY = Position.Precision.MONTH, Position.Precision.YEAR, Position.Precision.DAY


@pytest.mark.parametrize(
    ("precision", "given", "stored", "vi", "en"),
    [
        (DAY, date(2025, 3, 8), date(2025, 3, 8), "8/3/2025", "8 Mar 2025"),
        (MONTH, date(2024, 6, 17), date(2024, 6, 1), "6/2024", "Jun 2024"),
        (YEAR, date(2018, 5, 5), date(2018, 1, 1), "2018", "2018"),
    ],
)
def test_attested_date_keeps_only_its_precision(precision, given, stored, vi, en):
    post = factories.position(attested_on=given, attested_precision=precision)
    post.refresh_from_db()
    assert post.attested_on == stored
    with translation.override("vi"):
        assert post.attested_display == vi
    with translation.override("en"):
        assert post.attested_display == en


@pytest.mark.parametrize(
    ("precision", "day", "held"),
    [
        (MONTH, date(2024, 6, 20), True),  # any day of the month
        (MONTH, date(2024, 7, 1), False),
        (MONTH, date(2024, 5, 31), False),
        (YEAR, date(2024, 12, 31), True),
        (YEAR, date(2025, 1, 1), False),
        (DAY, date(2024, 6, 1), True),
        (DAY, date(2024, 6, 2), False),
    ],
)
def test_a_post_known_for_a_month_or_year_counts_for_all_of_it_in_python_and_sql(precision, day, held):
    post = factories.position(attested_on=date(2024, 6, 1), attested_precision=precision)
    assert post.is_held_during(day, day) is held
    assert Position.objects.held_on(day).filter(pk=post.pk).exists() is held


def test_demo_posts_take_their_event_s_precision():
    load_demo()
    da_lat = Event.objects.get(date_precision=Event.Precision.MONTH)
    speakers = {item.speaker_id for item in da_lat.agenda.all() if item.speaker_id}
    posts = Position.objects.filter(person__in=speakers, attested_on=da_lat.start_date)
    assert posts.exists()
    assert set(posts.values_list("attested_precision", flat=True)) == {MONTH}
    day_posts = Position.objects.filter(attested_precision=DAY, attested_on__isnull=False)
    assert day_posts.exists()  # the events known to the day keep day precision
    for event in Event.objects.exclude(date_precision=Event.Precision.DAY):
        people = [item.speaker_id for item in event.agenda.all()] + [o.person_id for o in event.officials.all()]
        attested = Position.objects.filter(person__in=people, attested_on=event.start_date, start_date__isnull=True)
        assert set(attested.values_list("attested_precision", flat=True)) <= {event.date_precision}


def test_entry_service_dates_a_new_post_at_the_event_s_precision():
    event = factories.event(start_date=date(2019, 1, 1), date_precision=Event.Precision.YEAR)
    organisation = factories.organisation()
    data = NewPerson(family_name="Trần", given_name="Bình", post_title="Cục trưởng", organisation=organisation)
    add_new_person(event, data)
    post = Position.objects.get(title="Cục trưởng")
    assert (post.attested_on, post.attested_precision, post.attested_display) == (date(2019, 1, 1), YEAR, "2019")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


BEFORE = [("events", "0007_event_search_index"), ("people", "0007_remove_person_academic_title")]
AFTER = [("events", "0008_agenda_times_event_published_at")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_dates_posts_by_their_events_and_published_events_by_their_last_save():
    try:
        old = _migrate(BEFORE)
        Organisation = old.get_model("people", "Organisation")
        Person = old.get_model("people", "Person")
        Position_ = old.get_model("people", "Position")
        Event_ = old.get_model("events", "Event")
        AgendaItem = old.get_model("events", "AgendaItem")
        EventOfficial = old.get_model("events", "EventOfficial")
        mic = Organisation.objects.create(name="Bộ TT&TT", kind="ministry", slug="mic")
        speaker = Person.objects.create(given_name="Bình", slug="binh")
        guest = Person.objects.create(given_name="An", slug="an")
        other = Person.objects.create(given_name="Chi", slug="chi")
        month = Event_.objects.create(
            kind="training",
            title="Tập huấn 6/2024",
            slug="t",
            start_date=date(2024, 6, 1),
            date_precision="month",
            status="published",
        )
        year = Event_.objects.create(
            kind="training", title="Hội nghị 2018", slug="y", start_date=date(2018, 1, 1), date_precision="year"
        )
        AgendaItem.objects.create(event=month, speaker=speaker)
        EventOfficial.objects.create(event=year, person=guest)
        from_month = Position_.objects.create(
            person=speaker, organisation=mic, title="Vụ trưởng", attested_on=date(2024, 6, 1), source="Báo X"
        )
        from_year = Position_.objects.create(
            person=guest, organisation=mic, title="Thứ trưởng", attested_on=date(2018, 1, 1), source="Hội nghị 2018"
        )
        unknown = Position_.objects.create(
            person=other, organisation=mic, title="Cục trưởng", attested_on=date(2024, 6, 1)
        )

        new = _migrate(AFTER)
        precision = dict(new.get_model("people", "Position").objects.values_list("pk", "attested_precision"))
        assert precision == {from_month.pk: "month", from_year.pk: "year", unknown.pk: "day"}
        events = new.get_model("events", "Event").objects
        published = events.get(slug="t")
        assert published.published_at == published.updated_at
        assert events.get(slug="y").published_at is None  # a draft was never published
    finally:
        _migrate_to_latest()
