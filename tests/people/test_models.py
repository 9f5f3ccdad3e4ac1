from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from people.models import Organisation, Person, Position
from people.queries import positions_held_on
from tests import factories

pytestmark = pytest.mark.django_db


def test_person_name_keeps_its_parts_family_name_first():
    hung = factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng")
    assert hung.full_name == "Nguyễn Thành Hưng"
    assert hung.slug == "nguyen-thanh-hung"
    factories.person(family_name="Phạm", middle_name="", given_name="S")
    assert Person.objects.get(given_name="S").full_name == "Phạm S"


def test_academic_title_is_shown_but_not_part_of_the_name():
    binh = factories.person(family_name="Lê", middle_name="Hải", given_name="Bình", academic_title="PGS.TS")
    assert binh.full_name == "Lê Hải Bình"
    assert binh.display_name == "PGS.TS Lê Hải Bình"


@pytest.mark.parametrize("query", ["nguyen thanh hung", "NGUYỄN THÀNH HƯNG", "thanh hung", "Hưng Nguyễn"])
def test_person_search_ignores_case_and_diacritics(query):
    hung = factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng")
    factories.person(family_name="Nguyễn", middle_name="Thanh", given_name="Lâm")
    assert list(Person.objects.search(query)) == [hung]


def test_post_known_from_one_article_is_held_that_day_only():
    hung = factories.person()
    post = factories.position(person=hung, title="Thứ trưởng", attested_on=date(2016, 3, 17))
    assert list(positions_held_on(hung, date(2016, 3, 17))) == [post]
    assert list(positions_held_on(hung, date(2026, 1, 1))) == []
    assert list(positions_held_on(hung, date(2015, 1, 1))) == []


def test_post_with_start_and_no_end_is_held_until_today():
    person = factories.person()
    post = factories.position(person=person, start_date=date(2020, 1, 1))
    assert list(positions_held_on(person, date(2026, 1, 1))) == [post]
    assert list(positions_held_on(person, date(2019, 12, 31))) == []


def test_post_that_changed_shows_the_old_post_on_the_old_date():
    person = factories.person()
    old = factories.position(person=person, title="Vụ trưởng", start_date=date(2015, 1, 1), end_date=date(2019, 12, 31))
    new = factories.position(person=person, title="Thứ trưởng", start_date=date(2020, 1, 1))
    assert list(positions_held_on(person, date(2016, 3, 17))) == [old]
    assert list(positions_held_on(person, date(2024, 6, 7))) == [new]


def test_post_ending_before_it_starts_is_refused():
    position = factories.position(start_date=date(2020, 1, 1))
    position.end_date = date(2019, 1, 1)
    with pytest.raises(ValidationError) as error:
        position.full_clean()
    assert error.value.message_dict["end_date"] == ["A post cannot end before it starts."]


def test_post_ending_before_it_starts_is_refused_by_the_database_too():
    with pytest.raises(IntegrityError):
        factories.position(start_date=date(2020, 1, 1), end_date=date(2019, 1, 1))


def test_post_needs_a_start_or_a_date_it_was_held():
    position = factories.position(attested_on=date(2016, 3, 17))
    position.attested_on = None
    with pytest.raises(ValidationError) as error:
        position.full_clean()
    assert "attested_on" in error.value.message_dict


def test_organisation_cannot_be_part_of_itself_through_its_units():
    ministry = factories.organisation(name="Bộ Thông tin và Truyền thông")
    department = factories.organisation(name="Vụ Hợp tác quốc tế", parent=ministry, kind=Organisation.Kind.DEPARTMENT)
    ministry.parent = department
    with pytest.raises(ValidationError) as error:
        ministry.full_clean()
    assert "parent" in error.value.message_dict


def test_organisation_change_into_itself_is_refused():
    mic = factories.organisation()
    change = factories.organisation_change(organisation=mic)
    change.successor = mic
    with pytest.raises(ValidationError):
        change.full_clean()


def test_merger_keeps_the_old_organisation_and_its_name():
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông", abbreviation="Bộ TT&TT", abbreviation_en="MIC")
    most = factories.organisation(name="Bộ Khoa học và Công nghệ")
    factories.organisation_change(organisation=mic, successor=most, date=date(2025, 3, 1))
    mic.refresh_from_db()
    assert mic.name == "Bộ Thông tin và Truyền thông"
    assert [c.successor for c in mic.changes.all()] == [most]
    assert [c.organisation for c in most.precursor_changes.all()] == [mic]


def test_organisation_search_finds_abbreviations_and_unaccented_names():
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông", abbreviation="Bộ TT&TT", abbreviation_en="MIC")
    assert list(Organisation.objects.search("bo thong tin")) == [mic]
    assert list(Organisation.objects.search("mic")) == [mic]
    assert mic.slug == "mic"


@pytest.mark.parametrize(
    ("start", "end", "attested"),
    [
        (None, None, date(2016, 3, 17)),
        (date(2015, 1, 1), None, None),
        (date(2015, 1, 1), date(2019, 12, 31), None),
        (None, date(2019, 12, 31), date(2016, 3, 17)),
        (date(2016, 3, 17), date(2016, 3, 17), date(2016, 3, 17)),
    ],
)
def test_python_and_sql_agree_on_which_posts_were_held(start, end, attested):
    post = factories.position(start_date=start, end_date=end, attested_on=attested)
    days = [
        date(2014, 6, 1),
        date(2015, 1, 1),
        date(2016, 3, 17),
        date(2018, 1, 1),
        date(2019, 12, 31),
        date(2026, 1, 1),
    ]
    for first in days:
        for last in [d for d in days if d >= first]:
            in_sql = Position.objects.held_during(first, last).filter(pk=post.pk).exists()
            assert post.is_held_during(first, last) == in_sql, (first, last)


@pytest.mark.parametrize(
    "kind", ["provincial_party_committee", "provincial_party_board", "steering_committee", "research_institute"]
)
def test_organisation_kinds_for_provincial_party_bodies_steering_committees_and_institutes(kind):
    organisation = factories.organisation(name="Tỉnh ủy Đắk Nông", kind=kind)
    organisation.full_clean()
    assert Organisation.objects.get(pk=organisation.pk).kind == kind


def test_earlier_organisation_kinds_stay_valid():
    assert {"party_committee", "academy", "agency", "other"} <= set(Organisation.Kind.values)
