"""create_draft (issue 14): a draft event with its parts from a reviewed article, in one transaction."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from events.models import Event, EventOrganiser, Source
from events.services import articles
from events.services.entry import NewPerson
from people.models import Organisation, Person, Position
from tests import factories

pytestmark = pytest.mark.django_db

DAY = date(2018, 11, 6)


def _reviewed(**kw):
    kw.setdefault("title", "Hội nghị tập huấn công tác thông tin đối ngoại năm 2018")
    kw.setdefault("kind", Event.Kind.TRAINING)
    kw.setdefault("start_date", DAY)
    kw.setdefault("city", "Nha Trang")
    kw.setdefault("province", factories.province("Tỉnh Khánh Hòa", DAY))
    kw.setdefault("publisher", "Báo Khánh Hòa")
    kw.setdefault("url", "https://baokhanhhoa.vn/bai-viet")
    kw.setdefault("published_on", date(2018, 11, 7))
    return articles.ReviewedArticle(**kw)


def test_a_reviewed_article_becomes_a_draft_with_its_parts():
    ministry = factories.organisation(name="Bộ Thông tin và Truyền thông", abbreviation="Bộ TT&TT")
    known = factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng")
    conclusion = factories.directive(kind="conclusion", symbol="57-KL/TW")
    editor = factories.account(is_staff=True)
    people_before = Person.objects.count()
    event = articles.create_draft(
        _reviewed(
            organisers=[
                articles.ReviewedOrganiser(role="lead", organisation=ministry),
                articles.ReviewedOrganiser(
                    role="co", new_name="Ủy ban nhân dân tỉnh Khánh Hòa", new_kind="peoples_committee"
                ),
            ],
            people=[
                articles.ReviewedPerson(
                    part="talk:speech", person=known, add_post=True, post_title="Thứ trưởng", organisation=ministry
                ),
                articles.ReviewedPerson(
                    part="talk:presentation",
                    talk_title="Kỹ năng trả lời phỏng vấn",
                    new=NewPerson(
                        family_name="Lê",
                        middle_name="Thị",
                        given_name="Hoa",
                        academic_title="TS",
                        post_title="Cục trưởng",
                        new_organisation="Cục Thông tin đối ngoại",
                        new_organisation_kind="agency",
                        part="talk:presentation",
                        talk_title="Kỹ năng trả lời phỏng vấn",
                    ),
                ),
            ],
            directives=[conclusion, conclusion],
            delegates=150,
            delegates_qualifier="more_than",
            provinces=63,
        ),
        actor=editor,
    )
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    assert Event.objects.published().count() == 0
    assert [(o.organisation.name, o.role) for o in event.organisers.all()] == [
        ("Bộ Thông tin và Truyền thông", "lead"),
        ("Ủy ban nhân dân tỉnh Khánh Hòa", "co"),
    ]
    assert Person.objects.count() == people_before + 1  # the recorded person is not made again
    assert [(a.speaker.full_name, a.kind) for a in event.agenda.all()] == [
        ("Nguyễn Thành Hưng", "speech"),
        ("Lê Thị Hoa", "presentation"),
    ]
    posts = Position.objects.filter(attested_on=DAY).order_by("pk")
    assert [(p.person.full_name, p.title, p.organisation.name) for p in posts] == [
        ("Nguyễn Thành Hưng", "Thứ trưởng", "Bộ Thông tin và Truyền thông"),
        ("Lê Thị Hoa", "Cục trưởng", "Cục Thông tin đối ngoại"),
    ]
    assert [link.directive for link in event.directive_links.all()] == [conclusion]
    source = event.sources.get()
    assert (source.publisher, source.delegates_text, source.provinces_text) == ("Báo Khánh Hòa", "more than 150", "63")
    assert event.history.get().history_change_reason == "article reader"
    assert event.history.get().history_user == editor
    assert Organisation.history.filter(name="Cục Thông tin đối ngoại").get().history_change_reason == "article reader"
    assert posts[0].history.get().history_change_reason == "article reader"
    assert Person.history.filter(given_name="Hoa").get().history_change_reason == "article reader"


def test_a_failure_saves_nothing():
    factories.person(family_name="Lê", middle_name="Thị", given_name="Hoa")
    counts = (Event.objects.count(), Organisation.objects.count(), Person.objects.count(), Source.objects.count())
    with pytest.raises(articles.ArticleDraftError) as raised:
        articles.create_draft(
            _reviewed(
                organisers=[
                    articles.ReviewedOrganiser(
                        role="lead", new_name="Sở TT&TT Khánh Hòa", new_kind="provincial_department"
                    )
                ],
                people=[
                    articles.ReviewedPerson(
                        part="talk:speech",
                        new=NewPerson(family_name="Lê", middle_name="Thị", given_name="Hoa", part="talk:speech"),
                    )
                ],
            ),
            actor=None,
        )
    assert (raised.value.code, raised.value.field) == ("person_exists", "people.0")
    after = (Event.objects.count(), Organisation.objects.count(), Person.objects.count(), Source.objects.count())
    assert after == counts
    assert EventOrganiser.objects.count() == 0


def test_a_province_that_did_not_exist_on_the_day_is_refused():
    with pytest.raises(ValidationError) as raised:
        articles.create_draft(_reviewed(province=factories.current_province("Tỉnh Khánh Hòa")), actor=None)
    assert "province" in raised.value.message_dict
    assert Event.objects.count() == 0
