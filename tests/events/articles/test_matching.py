"""Matching a proposal with the record (issue 14): people, organisations, directives, the province of the day."""

from datetime import date

import pytest

from events.articles.matching import match_proposal, name_key, organisation_key
from events.articles.proposal import DirectiveProposal, OrganiserProposal, PersonProposal, Proposal
from people.models import Organisation, Province
from tests import factories

pytestmark = pytest.mark.django_db


def _person(name, post="", organisation="", part="speech"):
    return PersonProposal(
        name=name,
        honorific="",
        academic_title="",
        post=post,
        organisation=organisation,
        part=part,
        talk_title="",
        evidence=f"{name}, {post} {organisation} phát biểu.",
    )


def _ministry():
    return factories.organisation(name="Bộ Thông tin và Truyền thông", abbreviation="Bộ TT&TT")


def test_organisation_key_expands_the_abbreviations_of_the_press():
    assert organisation_key("Bộ TT-TT") == organisation_key("Bộ Thông tin và Truyền thông")
    assert organisation_key("Bộ TT&TT") == organisation_key("Bộ Thông tin Truyền thông")
    assert organisation_key("UBND tỉnh Lâm Đồng") == organisation_key("Ủy ban nhân dân tỉnh Lâm Đồng")
    assert organisation_key("Cục TTĐN") == organisation_key("Cục Thông tin đối ngoại")
    assert organisation_key("BCĐ") == "ban chi dao"


def test_name_key_lets_the_tone_mark_sit_on_either_vowel_but_keeps_the_tone():
    assert name_key("Nguyễn Thị Hoà") == name_key("Nguyễn Thị Hòa")
    assert name_key("Nguyễn Văn Hiếu") != name_key("Nguyễn Văn Hiệu")


@pytest.mark.parametrize(
    "written", ["Bộ TT-TT", "Bộ TT&TT", "Bộ Thông tin và Truyền thông", "bộ thông tin truyền thông"]
)
def test_the_ministry_is_matched_by_name_and_abbreviation(written):
    ministry = _ministry()
    factories.organisation(name="Bộ Khoa học và Công nghệ", abbreviation="Bộ KH&CN")
    proposal = match_proposal(Proposal(organisers=[OrganiserProposal(name=written, role="lead", evidence="")]))
    assert proposal.organisers[0].match == ministry.pk


def test_the_peoples_committee_is_matched_by_its_abbreviation_on_the_event_day():
    old_lam_dong = factories.province("Tỉnh Lâm Đồng", date(2024, 6, 7))
    committee = factories.organisation(
        name="Ủy ban nhân dân tỉnh Lâm Đồng", kind=Organisation.Kind.PEOPLES_COMMITTEE, province=old_lam_dong
    )
    factories.organisation(name="Ủy ban nhân dân tỉnh Lạng Sơn", kind=Organisation.Kind.PEOPLES_COMMITTEE)
    proposal = Proposal(
        start_date=date(2024, 6, 7),
        organisers=[
            OrganiserProposal(name="UBND tỉnh Lâm Đồng", role="co", evidence=""),
            OrganiserProposal(name="Ủy ban nhân dân tỉnh Lâm Đồng", role="co", evidence=""),
        ],
    )
    assert [o.match for o in match_proposal(proposal).organisers] == [committee.pk, committee.pk]


def test_a_body_named_without_its_province_takes_the_province_of_the_event():
    committee = factories.organisation(name="Ủy ban nhân dân tỉnh Lâm Đồng", kind=Organisation.Kind.PEOPLES_COMMITTEE)
    proposal = Proposal(
        start_date=date(2024, 6, 7),
        place_province="Lâm Đồng",
        organisers=[OrganiserProposal(name="UBND tỉnh", role="co", evidence="")],
    )
    assert match_proposal(proposal).organisers[0].match == committee.pk


def test_a_body_of_another_province_is_not_matched_however_close_the_name():
    factories.organisation(name="Ủy ban nhân dân tỉnh Hà Nội", kind=Organisation.Kind.PEOPLES_COMMITTEE)
    proposal = Proposal(organisers=[OrganiserProposal(name="UBND tỉnh Hà Nam", role="co", evidence="")])
    assert match_proposal(proposal).organisers[0].match is None


def test_an_unknown_body_is_not_matched():
    _ministry()
    proposal = Proposal(organisers=[OrganiserProposal(name="Sở TT&TT tỉnh Khánh Hòa", role="co", evidence="")])
    assert match_proposal(proposal).organisers[0].match is None


def test_an_existing_person_is_matched_and_a_recorded_post_is_not_proposed_again():
    ministry = _ministry()
    post = factories.position(
        person=factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng"),
        organisation=ministry,
        title="Thứ trưởng",
        start_date=date(2015, 1, 1),
    )
    proposal = match_proposal(
        Proposal(start_date=date(2016, 3, 17), people=[_person("Nguyễn Thành Hưng", "Thứ trưởng", "Bộ TT&TT")])
    )
    person = proposal.people[0]
    assert (person.match, person.organisation_match) == (post.person.pk, ministry.pk)
    assert getattr(person, "post_is_new", False) is False
    assert proposal.warnings == []


def test_a_post_the_record_does_not_hold_on_the_day_is_proposed_as_a_dated_post():
    ministry = _ministry()
    post = factories.position(
        person=factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng"),
        organisation=ministry,
        title="Vụ trưởng",
        start_date=date(2010, 1, 1),
        end_date=date(2014, 12, 31),
    )
    proposal = match_proposal(
        Proposal(start_date=date(2016, 3, 17), people=[_person("Nguyễn Thành Hưng", "Thứ trưởng", "Bộ TT-TT")])
    )
    assert proposal.people[0].match == post.person.pk
    assert proposal.people[0].post_is_new is True
    assert len(proposal.warnings) == 1
    assert "Thứ trưởng" in proposal.warnings[0]


def test_a_name_with_another_tone_is_another_person():
    factories.person(family_name="Nguyễn", middle_name="Văn", given_name="Hiệu")
    proposal = match_proposal(Proposal(start_date=date(2025, 3, 8), people=[_person("Nguyễn Văn Hiếu")]))
    assert proposal.people[0].match is None


def test_namesakes_are_told_apart_by_the_body_of_their_post_or_left_to_the_editor():
    ministry = _ministry()
    first = factories.person(family_name="Lê", middle_name="Hải", given_name="Bình")
    factories.person(family_name="Lê", middle_name="Hải", given_name="Bình")
    factories.position(person=first, organisation=ministry, title="Vụ trưởng", start_date=date(2015, 1, 1))
    told = match_proposal(
        Proposal(start_date=date(2016, 3, 17), people=[_person("Lê Hải Bình", "Vụ trưởng", "Bộ TT&TT")])
    )
    untold = match_proposal(Proposal(start_date=date(2016, 3, 17), people=[_person("Lê Hải Bình")]))
    assert told.people[0].match == first.pk
    assert untold.people[0].match is None
    assert len(untold.warnings) == 1


def test_directives_by_symbol_and_by_kind_and_number():
    from briefings.models import Directive

    conclusion = factories.directive(kind=Directive.Kind.CONCLUSION, symbol="57-KL/TW", issue_date=date(2023, 6, 15))
    resolution = factories.directive(kind=Directive.Kind.RESOLUTION, symbol="47/NQ-CP", issue_date=date(2024, 4, 15))
    factories.directive(kind=Directive.Kind.RESOLUTION, symbol="57/NQ-CP", issue_date=date(2020, 1, 1))
    proposal = match_proposal(
        Proposal(
            directives=[
                DirectiveProposal(symbol="57-KL/TW", name="Kết luận số 57-KL/TW", evidence=""),
                DirectiveProposal(symbol="", name="Kết luận số 57", evidence="theo Kết luận số 57 của Bộ Chính trị"),
                DirectiveProposal(symbol="47/NQ-CP", name="Nghị quyết 47/NQ-CP", evidence=""),
                DirectiveProposal(symbol="99-KL/TW", name="Kết luận 99-KL/TW", evidence=""),
            ]
        )
    )
    assert [d.match for d in proposal.directives] == [conclusion.pk, conclusion.pk, resolution.pk, None]
    assert proposal.directives[1].symbol == "57-KL/TW"


def test_a_local_plan_needs_its_date_to_be_matched():
    from briefings.models import Directive

    plan = factories.directive(kind=Directive.Kind.PLAN, symbol="190/KH-UBND", issue_date=date(2019, 4, 18))
    proposal = match_proposal(
        Proposal(
            directives=[
                DirectiveProposal(
                    symbol="190/KH-UBND", name="Kế hoạch số 190/KH-UBND", evidence="Kế hoạch số 190/KH-UBND"
                ),
                DirectiveProposal(
                    symbol="190/KH-UBND",
                    name="Kế hoạch số 190/KH-UBND",
                    evidence="thực hiện Kế hoạch số 190/KH-UBND ngày 18/4/2019 của UBND tỉnh",
                ),
            ]
        )
    )
    assert [d.match for d in proposal.directives] == [None, plan.pk]


@pytest.mark.parametrize(
    ("place", "day", "code", "valid_to"),
    [
        ("Khánh Hòa", date(2018, 11, 6), "56", date(2025, 6, 30)),  # Nha Trang, 2018: the Khánh Hòa of 2018
        ("Lâm Đồng", date(2024, 6, 7), "68", date(2025, 6, 30)),  # Đà Lạt, 2024: the old Lâm Đồng
        ("Lâm Đồng", date(2025, 8, 1), "68", None),  # Đà Lạt, 8/2025: the new Lâm Đồng
        ("Đắk Nông", date(2025, 8, 1), "68", None),  # a unit merged away: what it became
        ("TP Hồ Chí Minh", date(2025, 3, 8), "79", date(2025, 6, 30)),
    ],
)
def test_the_province_is_the_unit_of_the_event_day(place, day, code, valid_to):
    proposal = match_proposal(Proposal(start_date=day, place_province=place))
    unit = Province.objects.get(code=code, valid_to=valid_to)
    assert proposal.province == {"code": code, "name": unit.name}
    assert proposal.warnings == []


def test_without_a_date_the_province_is_todays_unit_with_a_warning():
    proposal = match_proposal(Proposal(place_province="Lâm Đồng"))
    assert proposal.province == {"code": "68", "name": Province.objects.current().get(code="68").name}
    assert len(proposal.warnings) == 1


@pytest.mark.parametrize("n", [1, 6])
def test_matching_asks_the_same_few_queries_however_long_the_article(n, django_assert_num_queries):
    ministry = _ministry()
    for i in range(n):
        factories.position(
            person=factories.person(family_name="Trần", middle_name="Văn", given_name=f"Người{i}"),
            organisation=ministry,
            start_date=date(2015, 1, 1),
        )
        factories.directive(symbol=f"{i + 1}-KL/TW", kind="conclusion")
    proposal = Proposal(
        start_date=date(2016, 3, 17),
        place_province="Lâm Đồng",
        organisers=[OrganiserProposal(name="Bộ TT&TT", role="lead", evidence="")] * n,
        people=[_person(f"Trần Văn Người{i}", "Thứ trưởng", "Bộ TT&TT") for i in range(n)],
        directives=[DirectiveProposal(symbol=f"{i + 1}-KL/TW", name="", evidence="") for i in range(n)],
    )
    with django_assert_num_queries(5):
        match_proposal(proposal)
    assert all(p.match for p in proposal.people)
