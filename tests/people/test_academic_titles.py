"""An academic title held as of a date: TS in 2018, PGS.TS in 2025."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from people.models import AcademicTitle, Person, title_held_during
from tests import factories

pytestmark = pytest.mark.django_db


def _rows(*specs):
    return [AcademicTitle(title=title, held_from=day) for title, day in specs]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2017, 12, 31), "ThS"),  # before every dated row: the undated one
        (date(2018, 6, 1), "TS"),
        (date(2024, 12, 31), "TS"),
        (date(2025, 3, 8), "PGS.TS"),
        (date(2030, 1, 1), "PGS.TS"),
    ],
)
def test_title_of_a_day_is_the_latest_dated_one_else_the_undated_one(day, expected):
    titles = _rows(("ThS", None), ("TS", date(2018, 1, 1)), ("PGS.TS", date(2025, 3, 8)))
    assert title_held_during(titles, day, day) == expected


def test_title_without_date_counts_at_any_date_and_no_title_is_empty():
    assert title_held_during(_rows(("TS", None)), date(1990, 1, 1), date(1990, 1, 1)) == "TS"
    assert title_held_during([], date(2020, 1, 1), date(2020, 1, 1)) == ""
    assert title_held_during(_rows(("TS", date(2018, 1, 1))), date(2017, 1, 1), date(2017, 1, 1)) == ""


def test_title_counts_for_an_event_period_that_reaches_its_date():
    titles = _rows(("TS", date(2018, 11, 6)))
    assert title_held_during(titles, date(2018, 1, 1), date(2018, 12, 31)) == "TS"


def test_title_date_keeps_only_its_precision_and_shows_no_invented_day():
    binh = factories.person()
    year = factories.academic_title(person=binh, title="TS", held_from=date(2018, 11, 6), precision="year")
    month = factories.academic_title(person=binh, title="PGS.TS", held_from=date(2025, 3, 8), precision="month")
    day = factories.academic_title(person=binh, title="GS.TS", held_from=date(2026, 1, 9))
    assert year.held_from == date(2018, 1, 1)
    assert [year.display_date, month.display_date, day.display_date] == ["2018", "Mar 2025", "9 Jan 2026"]
    assert str(factories.academic_title(person=binh, title="ThS")) == "MA"


def test_display_name_uses_the_title_held_today():
    binh = factories.person(family_name="Lê", middle_name="Hải", given_name="Bình")
    factories.academic_title(person=binh, title="TS", held_from=date(2018, 1, 1))
    factories.academic_title(person=binh, title="PGS.TS", held_from=date(2025, 3, 8))
    assert Person.objects.get(pk=binh.pk).display_name == "PGS.TS Lê Hải Bình"


def test_person_known_by_one_name_has_a_slug_and_is_found():
    aung_kyi = factories.person(family_name="", middle_name="", given_name="Aung Kyi", honorific="u")
    aung_kyi.full_clean()
    assert aung_kyi.full_name == "Aung Kyi"
    assert aung_kyi.slug == "aung-kyi"
    assert list(Person.objects.search("aung kyi")) == [aung_kyi]


def test_person_needs_a_given_name():
    with pytest.raises(ValidationError) as error:
        Person(family_name="Nguyễn").full_clean()
    assert error.value.message_dict["given_name"] == [
        "A person needs a given name; for a person known by one name, give it here."
    ]


@pytest.mark.parametrize("honorific", ["mr", "ms", "comrade", "excellency", "u", "daw"])
def test_every_honorific_is_stored(honorific):
    person = factories.person(honorific=honorific)
    person.full_clean()
    assert Person.objects.get(pk=person.pk).honorific == honorific
