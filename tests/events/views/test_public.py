from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from briefings.models import Directive, DirectiveRelation
from events.models import AgendaItem, Event
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    """get_absolute_url() gives the Vietnamese pages, as for a reader who has chosen nothing."""
    with translation.override("vi"):
        yield


PUBLISHED = Event.Status.PUBLISHED


def url(name, *args, language="vi", **kwargs):
    with translation.override(language):
        return reverse(f"events:{name}", args=args, kwargs=kwargs)


def published_event(**kw):
    return factories.event(status=PUBLISHED, **kw)


def count_queries(client, path, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, path
    return len(queries)


def test_root_goes_to_vietnamese_by_default_and_to_the_chosen_language_after(client):
    assert client.get("/").url == "/vi/"
    client.cookies["django_language"] = "en"
    assert client.get("/").url == "/en/"


@pytest.mark.parametrize(("language", "greeting"), [("vi", "Sự kiện"), ("en", "Events")])
def test_pages_declare_their_language(client, language, greeting):
    page = client.get(url("home", language=language)).content.decode()
    assert f'<html lang="{language}">' in page
    assert greeting in page


def test_home_lists_recent_and_upcoming_published_events_and_directives(client):
    past = published_event(title="Hội nghị đã qua", start_date=date(2024, 6, 7))
    future = published_event(title="Hội nghị sắp tới", start_date=date(2099, 1, 10))
    factories.event(title="Bản nháp", start_date=date(2024, 6, 8))
    nq47 = factories.directive(symbol="47/NQ-CP")
    factories.event_directive(event=past, directive=nq47)
    response = client.get(url("home"))
    assert list(response.context["recent"]) == [past]
    assert list(response.context["upcoming"]) == [future]
    assert [(d, d.event_count) for d in response.context["directives"]] == [(nq47, 1)]
    assert "Bản nháp" not in response.content.decode()


def test_event_list_shows_published_and_cancelled_but_never_drafts(client):
    published = published_event(title="Đã công bố")
    cancelled = factories.event(title="Đã hủy", status=Event.Status.CANCELLED)
    factories.event(title="Bản nháp")
    response = client.get(url("event-list"))
    assert set(response.context["page"]) == {published, cancelled}


def test_event_list_filters_by_text_without_diacritics(client):
    dalat = published_event(title="Tập huấn", city="Đà Lạt")
    published_event(title="Hội nghị", city="Hà Nội")
    assert list(client.get(url("event-list"), {"q": "da lat"}).context["page"]) == [dalat]


def test_province_filter_of_today_finds_events_in_the_provinces_merged_into_it(client):
    old_lam_dong = factories.province("Tỉnh Lâm Đồng", on=date(2024, 6, 7))
    dak_nong = factories.province("Tỉnh Đắk Nông", on=date(2024, 6, 7))
    new_lam_dong = factories.province("Tỉnh Lâm Đồng", on=date(2026, 1, 1))
    dalat_2024 = published_event(title="Đà Lạt 2024", start_date=date(2024, 6, 7), province=old_lam_dong)
    gia_nghia = published_event(title="Gia Nghĩa 2023", start_date=date(2023, 5, 1), province=dak_nong)
    today = published_event(title="Đà Lạt 2026", start_date=date(2026, 4, 1), province=new_lam_dong)
    published_event(title="Hà Nội", province=factories.province("Thành phố Hà Nội"))
    response = client.get(url("event-list"), {"province": "68"})
    assert set(response.context["page"]) == {dalat_2024, gia_nghia, today}


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"year": "2016"}, ["AMRI-13"]),
        ({"kind": "ministerial"}, ["AMRI-13"]),
        ({"series": "amri"}, ["AMRI-13"]),
        ({"organiser": "mic"}, ["Đà Lạt"]),
        ({"directive": "nghi-quyet-47-nq-cp"}, ["Đà Lạt"]),
        ({"sort": "date"}, ["AMRI-13", "Đà Lạt"]),
        ({"sort": "-date"}, ["Đà Lạt", "AMRI-13"]),
    ],
)
def test_event_list_filters(client, params, titles):
    amri = factories.series(name="AMRI", abbreviation="AMRI")
    published_event(title="AMRI-13", kind=Event.Kind.MINISTERIAL, start_date=date(2016, 3, 17), series=amri, edition=13)
    dalat = published_event(title="Đà Lạt", start_date=date(2024, 6, 7))
    factories.organiser(event=dalat, organisation=factories.organisation(name="Bộ TT&TT", abbreviation_en="MIC"))
    factories.organiser(event=dalat)  # a second organiser must not repeat the event
    factories.event_directive(event=dalat, directive=factories.directive(symbol="47/NQ-CP"))
    response = client.get(url("event-list"), params)
    assert [e.title for e in response.context["page"]] == titles


@pytest.mark.parametrize(
    "params",
    [{"year": "abc"}, {"year": "0"}, {"year": "99999999999"}, {"kind": "party"}, {"province": "99"}, {"sort": "title"}],
)
def test_bad_filter_value_is_a_400_page_that_explains(client, params):
    response = client.get(url("event-list"), params)
    assert response.status_code == 400
    assert "not valid" in response.content.decode() or "không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("page", ["9", "0", "abc"])
def test_page_out_of_range_is_a_friendly_404(client, page):
    published_event()
    response = client.get(url("event-list"), {"page": page})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_event_list_paginates_and_keeps_filters_in_the_links(client):
    for _ in range(25):
        published_event(kind=Event.Kind.TRAINING)
    response = client.get(url("event-list"), {"kind": "training"})
    assert len(response.context["page"]) == 20
    assert "?kind=training&amp;page=2" in response.content.decode()
    assert len(client.get(url("event-list"), {"kind": "training", "page": 2}).context["page"]) == 5


@pytest.mark.parametrize(("name", "args"), [("home", []), ("event-list", []), ("search", [])])
def test_list_pages_query_count_does_not_grow_with_events(client, name, args):
    def make(n):
        for _ in range(n):
            event = published_event(city="Đà Lạt", province=factories.province())
            factories.organiser(event=event)

    make(5)
    few = count_queries(client, url(name, *args), q="da lat")
    make(195)
    many = count_queries(client, url(name, *args), q="da lat")
    assert many == few
    assert many <= 15


def test_event_page_query_count_does_not_grow_with_its_parts(client):
    def build(n):
        event = published_event(series=factories.series(), edition=n)
        for _ in range(n):
            speaker = factories.person()
            factories.position(person=speaker, attested_on=event.start_date)
            factories.agenda_item(event=event, speaker=speaker)
            factories.event_official(event=event, person=speaker)
            factories.organiser(event=event)
            factories.outcome(event=event, directive=factories.directive())
            factories.event_directive(event=event)
            factories.photo(event=event)
            factories.source(event=event)
            factories.participant_group(event=event)
            other = published_event()
            factories.organiser(event=other)
            factories.event_relation(from_event=event, to_event=other)
            factories.event_relation(from_event=published_event(), to_event=event, kind="part_of")
        return event

    few = count_queries(client, build(1).get_absolute_url())
    many = count_queries(client, build(8).get_absolute_url())
    assert many == few
    assert many <= 16  # 15, and one for the public materials (registrations' {% public_materials %})


def test_event_page_shows_the_speakers_post_held_on_the_event_date(client):
    hung = factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng")
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông")
    factories.position(person=hung, title="Thứ trưởng", organisation=mic, attested_on=date(2016, 3, 17))
    factories.position(person=hung, title="Chủ tịch", start_date=date(2020, 1, 1))
    amri = published_event(title="AMRI-13", start_date=date(2016, 3, 17))
    factories.agenda_item(event=amri, speaker=hung, kind=AgendaItem.Kind.SPEECH)
    later = published_event(title="Hội nghị 2024", start_date=date(2024, 6, 7))
    factories.agenda_item(event=later, speaker=hung)

    old_page = client.get(amri.get_absolute_url()).content.decode()
    assert 'Nguyễn Thành Hưng</a><span class="posts">, Thứ trưởng, Bộ Thông tin và Truyền thông</span>' in old_page
    assert "Chủ tịch" not in old_page
    new_page = client.get(later.get_absolute_url()).content.decode()
    assert "Chủ tịch" in new_page
    assert "Thứ trưởng" not in new_page


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"start_date": date(2024, 6, 7), "date_precision": Event.Precision.YEAR}, ">2024<"),
        ({"start_date": date(2016, 3, 17)}, ">17/3/2016<"),
        ({"start_date": date(2025, 3, 8), "part_of_day": Event.PartOfDay.AFTERNOON}, ">chiều 8/3/2025<"),
    ],
)
def test_event_page_shows_the_date_at_its_precision(client, fields, shown):
    event = published_event(**fields)
    assert shown in client.get(event.get_absolute_url()).content.decode()


def test_draft_event_is_not_found_and_cancelled_event_says_so(client):
    draft = factories.event()
    assert client.get(url("event-detail", slug=draft.slug)).status_code == 404
    cancelled = factories.event(status=Event.Status.CANCELLED)
    response = client.get(url("event-detail", slug=cancelled.slug))
    assert response.status_code == 200
    assert "Sự kiện này đã bị hủy." in response.content.decode()


def test_unknown_slugs_are_friendly_404s(client):
    for name in ["event-detail", "directive-detail", "person-detail", "organisation-detail"]:
        response = client.get(url(name, slug="khong-co"))
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()


def test_english_page_uses_english_text_and_marks_vietnamese_fallbacks(client):
    event = published_event(title="Hội nghị tập huấn", title_en="Training conference", summary="Chỉ có tiếng Việt")
    page = client.get(url("event-detail", slug=event.slug, language="en")).content.decode()
    assert "<h1>Training conference</h1>" in page
    assert (
        '<span lang="vi">Chỉ có tiếng Việt</span> <abbr class="lang-mark" title="Only in Vietnamese">VI</abbr>' in page
    )


def test_language_switch_keeps_the_page_and_its_filters(client):
    page = client.get(url("event-list"), {"kind": "training"}).content.decode()
    # The switch goes through /language/en/, which remembers the choice (tests/events/views/test_language.py).
    assert 'href="/language/en/?next=%2Fen%2Fevents%2F%3Fkind%3Dtraining" hreflang="en"' in page


def test_series_page_links_previous_and_next(client):
    amri = factories.series(name="AMRI", abbreviation="AMRI")
    thirteen = published_event(title="AMRI-13", start_date=date(2016, 3, 17), series=amri, edition=13)
    fourteen = published_event(title="AMRI-14", start_date=date(2018, 1, 1), series=amri, edition=14)
    response = client.get(thirteen.get_absolute_url())
    assert (response.context["previous"], response.context["following"]) == (None, fourteen)
    response = client.get(fourteen.get_absolute_url())
    assert (response.context["previous"], response.context["following"]) == (thirteen, None)


def test_photos_are_lazy_with_their_caption_as_alt_text(client):
    photo = factories.photo(event=published_event(), caption="Quang cảnh hội nghị")
    page = client.get(photo.event.get_absolute_url()).content.decode()
    assert f'src="{photo.thumbnail.url}" alt="Quang cảnh hội nghị" loading="lazy"' in page


def test_directive_page_shows_relations_both_ways_and_events_by_year(client):
    kl57 = factories.directive(kind=Directive.Kind.CONCLUSION, symbol="57-KL/TW", title="Kết luận 57")
    nq47 = factories.directive(symbol="47/NQ-CP", title="Chương trình hành động")
    factories.directive_relation(source=nq47, target=kl57, kind=DirectiveRelation.Kind.IMPLEMENTS)
    dalat = published_event(title="Đà Lạt 2024", start_date=date(2024, 6, 7))
    hcm = published_event(title="TP HCM 2025", start_date=date(2025, 3, 8))
    factories.event_directive(event=dalat, directive=kl57)
    factories.event_directive(event=hcm, directive=kl57)
    factories.event_directive(event=factories.event(title="Bản nháp"), directive=kl57)

    response = client.get(url("directive-detail", slug=kl57.slug, language="en"))
    assert [(r.label, r.directive) for r in response.context["relations"]] == [("is implemented by", nq47)]
    assert [(year, [link.event for link in links]) for year, links in response.context["years"]] == [
        (2025, [hcm]),
        (2024, [dalat]),
    ]
    assert "Bản nháp" not in response.content.decode()
    response = client.get(url("directive-detail", slug=nq47.slug, language="en"))
    assert [(r.label, r.directive) for r in response.context["relations"]] == [("implements", kl57)]


@pytest.mark.parametrize(
    ("params", "expected"), [({"kind": "conclusion"}, ["57-KL/TW"]), ({"year": "2024"}, ["47/NQ-CP"])]
)
def test_directive_list_filters(client, params, expected):
    factories.directive(kind=Directive.Kind.CONCLUSION, symbol="57-KL/TW", issue_date=date(2023, 6, 15))
    factories.directive(symbol="47/NQ-CP", issue_date=date(2024, 4, 15))
    response = client.get(url("directive-list"), params)
    assert [d.symbol for d in response.context["page"]] == expected


def test_person_page_shows_posts_over_time_and_talks_with_the_post_of_the_day(client):
    person = factories.person(family_name="Lê", middle_name="Hải", given_name="Bình")
    factories.position(person=person, title="Vụ trưởng", start_date=date(2015, 1, 1), end_date=date(2019, 12, 31))
    factories.position(person=person, title="Thứ trưởng", start_date=date(2020, 1, 1))
    talk = factories.agenda_item(event=published_event(start_date=date(2016, 3, 17)), speaker=person)
    response = client.get(person.get_absolute_url())
    assert [p.title for p in response.context["positions"]] == ["Thứ trưởng", "Vụ trưởng"]
    shown = [(e.talks, [p.title for p in e.posts]) for e in response.context["page"]]
    assert shown == [([talk], ["Vụ trưởng"])]


def test_person_known_only_from_drafts_has_no_public_page(client):
    person = factories.person()
    factories.agenda_item(event=factories.event(), speaker=person)
    assert client.get(person.get_absolute_url()).status_code == 404


def test_organisation_page_shows_parent_units_lineage_and_events(client):
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông")
    most = factories.organisation(name="Bộ Khoa học và Công nghệ")
    unit = factories.organisation(name="Vụ Hợp tác quốc tế", parent=mic)
    factories.organisation_change(organisation=mic, successor=most, date=date(2025, 3, 1))
    event = published_event(title="Đà Lạt 2024")
    factories.organiser(event=event, organisation=mic)
    page = client.get(mic.get_absolute_url()).content.decode()
    assert "Vụ Hợp tác quốc tế" in page and unit.get_absolute_url() in page
    assert "Đà Lạt 2024" in page
    assert "Bộ Khoa học và Công nghệ" in page and "1/3/2025" in page
    assert "Bộ Thông tin và Truyền thông" in client.get(most.get_absolute_url()).content.decode()


def test_search_with_a_nul_character_is_an_ordinary_empty_search(client):
    response = client.get(url("search"), {"q": "da\x00 lat"})
    assert response.status_code == 200


def test_search_page_finds_all_kinds_without_diacritics(client):
    event = published_event(title="Tập huấn tại Đà Lạt")
    directive = factories.directive(symbol="47/NQ-CP")
    person = factories.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng")
    factories.agenda_item(event=event, speaker=person)
    organisation = factories.organisation(name="Bộ Thông tin và Truyền thông")
    results = client.get(url("search"), {"q": "da lat"}).context["results"]
    assert list(results["events"]) == [event]
    assert list(client.get(url("search"), {"q": "nghi quyet 47"}).context["results"]["directives"]) == [directive]
    assert list(client.get(url("search"), {"q": "nguyen thanh hung"}).context["results"]["people"]) == [person]
    assert list(client.get(url("search"), {"q": "bo thong tin"}).context["results"]["organisations"]) == [organisation]


def _linked_world(n):
    """A directive, a person and an organisation, each linked to `n` published events."""
    directive = factories.directive(kind=Directive.Kind.CONCLUSION)
    person = factories.person(family_name="Lê", middle_name="Hải", given_name="Bình")
    organisation = factories.organisation(name="Bộ Ngoại giao")
    for _ in range(n):
        event = published_event(province=factories.province())
        factories.event_directive(event=event, directive=directive)
        factories.outcome(event=event, directive=directive)
        factories.directive_relation(source=factories.directive(), target=directive)
        factories.position(person=person, attested_on=event.start_date, organisation=factories.organisation())
        factories.agenda_item(event=event, speaker=person)
        factories.organiser(event=event, organisation=organisation)
        factories.organisation(parent=organisation)
        factories.organisation_change(organisation=organisation)
    return directive, person, organisation


@pytest.mark.parametrize("which", ["directive", "person", "organisation", "directive-list"])
def test_detail_pages_query_count_does_not_grow_with_what_they_list(client, which):
    def path(world):
        directive, person, organisation = world
        return {
            "directive": directive.get_absolute_url(),
            "person": person.get_absolute_url(),
            "organisation": organisation.get_absolute_url(),
            "directive-list": url("directive-list"),
        }[which]

    few = count_queries(client, path(_linked_world(2)))
    many = count_queries(client, path(_linked_world(12)))
    assert many == few
    assert many <= 15


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_public_page_answers_in_both_languages(client, language):
    directive, person, organisation = _linked_world(1)
    event = directive.event_links.get().event
    paths = [
        url("home", language=language),
        url("event-list", language=language),
        url("event-detail", slug=event.slug, language=language),
        url("directive-list", language=language),
        url("directive-detail", slug=directive.slug, language=language),
        url("person-detail", slug=person.slug, language=language),
        url("organisation-detail", slug=organisation.slug, language=language),
        url("search", language=language) + "?q=le+hai+binh",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'<html lang="{language}">' in response.content.decode(), path


def test_a_source_without_a_title_names_its_publisher_once(client):
    event = published_event()
    event.sources.create(publisher="Cổng thông tin điện tử tỉnh Lâm Đồng", published_on=date(2018, 11, 7))

    page = client.get(event.get_absolute_url()).content.decode()

    assert page.count("Cổng thông tin điện tử tỉnh Lâm Đồng") == 1
    assert ", 7/11/2018" in page


def test_event_page_shows_each_speakers_academic_title_of_the_event_date(client):
    binh = factories.person(family_name="Lê", middle_name="Hải", given_name="Bình")
    factories.academic_title(person=binh, title="TS", held_from=date(2018, 1, 1), precision="year")
    factories.academic_title(person=binh, title="PGS.TS", held_from=date(2025, 3, 8))
    in_2018 = published_event(start_date=date(2018, 11, 6))
    factories.agenda_item(event=in_2018, speaker=binh)
    in_2025 = published_event(start_date=date(2025, 3, 8))
    factories.event_official(event=in_2025, person=binh)

    assert ">TS Lê Hải Bình</a>" in client.get(in_2018.get_absolute_url()).content.decode()
    assert ">PGS.TS Lê Hải Bình</a>" in client.get(in_2025.get_absolute_url()).content.decode()


def test_person_page_lists_academic_titles_at_their_recorded_precision(client):
    binh = factories.person(family_name="Lê", middle_name="Hải", given_name="Bình")
    factories.academic_title(person=binh, title="TS", held_from=date(2018, 11, 6), precision="year")
    factories.academic_title(person=binh, title="PGS.TS", held_from=date(2025, 3, 8))
    factories.agenda_item(event=published_event(), speaker=binh)

    page = client.get(url("person-detail", slug=binh.slug, language="en")).content.decode()
    assert "<h1>PGS.TS Lê Hải Bình</h1>" in page
    assert "since 2018" in page
    assert "1/1/2018" not in page
    assert "since 8 Mar 2025" in page
