"""Search (events/search.py, people/words.py): one table of queries and what each must and must not
find, run on whichever database the suite runs on (SQLite's FTS5, PostgreSQL's tsvector and pg_trgm)."""

from datetime import date

import pytest
from django.urls import reverse

from briefings.models import Directive
from events import queries
from events.models import Event, EventOfficial, EventSearchIndex
from events.search import (
    SearchQuery,
    _fts5_query,
    _tsquery,
    index_all_events,
    match_snippet,
    search_events,
    similar_terms,
    similarity,
)
from people.models import Organisation, Person
from tests import factories as f

pytestmark = pytest.mark.django_db

PUBLISHED = Event.Status.PUBLISHED


@pytest.fixture
def world():
    """Six published events from the seed articles, the seminar that "da lat" used to find first, a
    draft, and the people, organisations and directives they name."""
    bttt = f.organisation(name="Bộ Thông tin và Truyền thông", abbreviation="BTTTT", name_en="Ministry of Information")
    dav = f.organisation(name="Học viện Ngoại giao", abbreviation="DAV", name_en="Diplomatic Academy of Vietnam")
    ban = f.organisation(name="Ban Tuyên giáo và Dân vận Trung ương")
    lam = f.person(family_name="Nguyễn", middle_name="Thanh", given_name="Lâm")
    hung = f.person(family_name="Nguyễn", middle_name="Thành", given_name="Hưng")
    thai = f.person(family_name="Trần", middle_name="Việt", given_name="Thái")
    hieu = f.person(family_name="Nguyễn", middle_name="Văn", given_name="Hiếu")
    iswaran = f.person(family_name="", middle_name="S.", given_name="Iswaran")
    kl57 = f.directive(kind=Directive.Kind.CONCLUSION, symbol="57-KL/TW", title="Kết luận về thông tin đối ngoại")
    nq47 = f.directive(kind=Directive.Kind.RESOLUTION, symbol="47/NQ-CP", title="Chương trình hành động")
    nq147 = f.directive(kind=Directive.Kind.RESOLUTION, symbol="147/NQ-CP", title="Một nghị quyết khác")
    amri = f.series(name="Hội nghị Bộ trưởng Thông tin ASEAN", abbreviation="AMRI")

    dalat = f.event(
        title="Tập huấn truyền thông quảng bá hình ảnh Việt Nam",
        start_date=date(2024, 6, 7),
        city="Đà Lạt",
        province=f.province("Tỉnh Lâm Đồng", date(2024, 6, 7)),
        status=PUBLISHED,
    )
    f.organiser(event=dalat, organisation=bttt)
    f.agenda_item(event=dalat, speaker=lam, title="Quảng bá hình ảnh quốc gia")
    f.event_directive(event=dalat, directive=kl57)
    seminar = f.event(
        kind=Event.Kind.SEMINAR,
        title="Hội thảo chính sách dân tộc",
        title_en="Seminar on international relations and ethnic policy",
        start_date=date(2025, 1, 10),
        city="Hà Nội",
        status=PUBLISHED,
    )
    f.organiser(event=seminar, organisation=dav)
    f.agenda_item(event=seminar, speaker=thai, title="Quan hệ quốc tế")
    hcm = f.event(
        title="Hội nghị tập huấn công tác thông tin đối ngoại năm 2025",
        start_date=date(2025, 3, 8),
        city="TP Hồ Chí Minh",
        province=f.province("Thành phố Hồ Chí Minh", date(2025, 3, 8)),
        status=PUBLISHED,
    )
    f.organiser(event=hcm, organisation=ban)
    f.agenda_item(event=hcm, speaker=hieu)
    f.event_directive(event=hcm, directive=nq47)
    amri13 = f.event(
        kind=Event.Kind.MINISTERIAL,
        title="Hội nghị Bộ trưởng Thông tin ASEAN lần thứ 13",
        start_date=date(2016, 3, 17),
        city="Cebu",
        country="Philippines",
        series=amri,
        status=PUBLISHED,
    )
    f.event_official(event=amri13, person=hung, role=EventOfficial.Role.HEAD_OF_DELEGATION)
    f.agenda_item(event=amri13, speaker=iswaran, title="")
    daknong = f.event(
        title="Tập huấn thông tin đối ngoại cho cán bộ cơ sở",
        start_date=date(2023, 5, 10),
        city="Gia Nghĩa",
        province=f.province("Tỉnh Đắk Nông", date(2023, 5, 10)),
        status=PUBLISHED,
    )
    f.organiser(event=daknong, organisation=bttt)
    nhatrang = f.event(
        kind=Event.Kind.CONFERENCE,
        title="Gặp mặt báo chí nước ngoài",
        start_date=date(2024, 9, 1),
        city="Nha Trang",
        province=f.province("Tỉnh Khánh Hòa", date(2024, 9, 1)),
        summary="Giới thiệu quần đảo Trường Sa với phóng viên <b>quốc tế</b>.",
        status=PUBLISHED,
    )
    hue = f.event(
        title="Bồi dưỡng kỹ năng phát ngôn",
        start_date=date(2024, 11, 20),
        province=f.province("Tỉnh Thừa Thiên Huế", date(2024, 11, 20)),
        status=PUBLISHED,
    )
    danang = f.event(
        title="Hội nghị Đà Nẵng",
        start_date=date(2025, 5, 2),
        city="Đà Nẵng",
        summary="Đại biểu nghỉ giải lao một lát rồi thảo luận.",
        status=PUBLISHED,
    )
    # Written in abbreviations; its organisers in full; Hồ Chí Minh named, not the city.
    boiduong = f.event(
        title="Bồi dưỡng nghiệp vụ TTĐN cho phóng viên",
        start_date=date(2022, 8, 15),
        city="Vinh",
        province=f.province("Tỉnh Nghệ An", date(2022, 8, 15)),
        theme="Học tập tư tưởng Hồ Chí Minh",
        status=PUBLISHED,
    )
    f.organiser(event=boiduong, organisation=f.organisation(name="Ủy ban nhân dân tỉnh Nghệ An"))
    f.organiser(event=boiduong, organisation=f.organisation(name="Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An"))
    draft = f.event(title="Tập huấn ở Đà Lạt (bản nháp)", city="Đà Lạt", start_date=date(2025, 6, 1))
    return {
        **{"dalat": dalat, "seminar": seminar, "hcm": hcm, "amri13": amri13, "daknong": daknong},
        **{"nhatrang": nhatrang, "hue": hue, "danang": danang, "boiduong": boiduong, "draft": draft},
        **{"lam": lam, "hung": hung, "thai": thai, "hieu": hieu, "iswaran": iswaran},
        **{"bttt": bttt, "dav": dav, "ban": ban, "kl57": kl57, "nq47": nq47, "nq147": nq147},
    }


# query, (events that must be found | "-" name: must not), people, organisations, directives (same form).
# Events are searched among the public ones; people, organisations and directives among all.
CASES = [
    # places, with and without diacritics, any case; the old province of the day and today's unit
    ("da lat", ["dalat", "-seminar", "-draft", "-hcm"], [], [], []),
    ("Đà Lạt", ["dalat", "-seminar"], [], [], []),
    ("ĐÀ LẠT", ["dalat", "-seminar"], [], [], []),
    ('"da lat"', ["dalat", "-danang", "-seminar"], [], [], []),
    ('"lat da"', ["-dalat", "-danang"], [], [], []),
    ("dak nong", ["daknong", "-dalat", "-seminar"], [], [], []),
    ("Đắk Nông", ["daknong"], [], [], []),
    ("lam dong", ["dalat", "daknong", "-hcm"], ["-lam"], [], []),
    ("khanh hoa", ["nhatrang", "-dalat"], [], [], []),
    ("nha trang", ["nhatrang"], [], [], []),
    ("thua thien hue", ["hue"], [], [], []),
    ("hue", ["hue", "-hcm"], [], [], []),
    ("ho chi minh", ["hcm", "-dalat"], [], [], []),
    ("cebu", ["amri13"], [], [], []),
    ("philippines", ["amri13", "-dalat"], [], [], []),
    ("ha noi", ["seminar", "-dalat"], [], [], []),
    ("truong sa", ["nhatrang"], [], [], []),
    # titles and themes
    ("thong tin doi ngoai", ["hcm", "daknong", "-seminar", "-nhatrang"], [], [], ["kl57"]),
    ("hoi nghi", ["hcm", "amri13", "danang", "-dalat", "-seminar"], [], [], []),
    ("HỘI NGHỊ TẬP HUẤN", ["hcm", "-dalat"], [], [], []),
    ("tap huan", ["dalat", "hcm", "daknong", "-seminar", "-draft"], [], [], []),
    ("quang ba hinh anh", ["dalat", "-hcm"], [], [], []),
    ("relations", ["seminar", "-dalat"], [], [], []),
    ("dan toc", ["seminar", "-dalat"], [], [], []),
    ("bao chi nuoc ngoai", ["nhatrang"], [], [], []),
    ("quoc te", ["seminar", "nhatrang", "-dalat"], [], [], []),
    # organisers, names and abbreviations
    ("btttt", ["dalat", "daknong", "-hcm"], [], ["bttt", "-dav"], []),
    ("bo thong tin va truyen thong", ["dalat", "daknong"], [], ["bttt"], []),
    ("hoc vien ngoai giao", ["seminar", "-dalat"], [], ["dav", "-bttt"], []),
    ("DAV", ["seminar"], [], ["dav"], []),
    ("diplomatic academy", ["seminar"], [], ["dav"], []),
    ("ban tuyen giao", ["hcm", "-dalat"], [], ["ban"], []),
    # speakers and officials
    ("tran viet thai", ["seminar", "-dalat"], ["thai", "-hung"], [], []),
    ("Trần Việt Thái", ["seminar"], ["thai"], [], []),
    ("nguyen thanh hung", ["amri13", "-dalat"], ["hung", "-lam"], [], []),
    ("nguyen thanh lam", ["dalat", "-amri13"], ["lam", "-hung"], [], []),
    ('"nguyen thanh"', ["dalat", "amri13", "-hcm"], ["lam", "hung", "-hieu", "-thai"], [], []),
    ("iswaran", ["amri13", "-dalat"], ["iswaran"], [], []),
    ("nguyen van hieu", ["hcm"], ["hieu", "-lam"], [], []),
    ("thanh hung", ["amri13"], ["hung", "-lam"], [], []),
    ("nguy", ["-dalat", "-amri13"], ["-lam"], [], []),  # a word, not the start of one, on the public side
    # directives: symbols, short names; 47 is not 147
    ("57-KL/TW", ["dalat", "-hcm"], [], [], ["kl57", "-nq47"]),
    ("ket luan 57", ["dalat"], [], [], ["kl57"]),
    ("47/NQ-CP", ["hcm", "-dalat"], [], [], ["nq47", "-nq147"]),
    ("nghi quyet 47", ["hcm"], [], [], ["nq47", "-nq147"]),
    ("147/nq-cp", ["-hcm"], [], [], ["nq147", "-nq47"]),
    ("Nghị quyết", ["hcm", "-dalat"], [], [], ["nq47", "nq147", "-kl57"]),
    # abbreviations of official press find what they stand for, and what is written so
    ("ttdn", ["hcm", "daknong", "boiduong", "-seminar", "-nhatrang"], [], [], []),
    ("TTĐN", ["hcm", "boiduong", "-dalat"], [], [], []),
    ("hcm", ["hcm", "-boiduong", "-dalat"], [], [], []),  # the city, not every Hồ Chí Minh
    ("tp.hcm", ["hcm", "-boiduong"], [], [], []),
    ("TPHCM", ["hcm", "-boiduong"], [], [], []),
    ("tt&tt", ["dalat", "daknong", "-hcm", "-boiduong"], [], [], []),
    ("tttt", ["dalat", "daknong", "-hcm"], [], [], []),
    ("vhttdl", ["boiduong", "-dalat"], [], [], []),
    ("ubnd", ["boiduong", "-hcm"], [], [], []),
    ("kl57", ["dalat", "-hcm"], [], [], []),
    ("nq47", ["hcm", "-dalat"], [], [], []),
    ("nq147", ["-hcm"], [], [], []),
    ("ttxvn", ["-hcm", "-boiduong", "-daknong"], [], [], []),  # stands for what none of them names
    # the series
    ("amri", ["amri13", "-hcm"], [], [], []),
    ("asean", ["amri13", "-dalat"], [], [], []),
    # no false matches inside words, nothing for nonsense or misspellings
    ("da", ["dalat", "danang", "-seminar", "-hcm"], [], [], []),
    ("lat", ["dalat", "danang", "-seminar"], [], [], []),
    ("daknong", ["-daknong"], [], [], []),
    ("thong tin doi ngoaii", ["-hcm", "-daknong"], [], [], []),
    ("!!!", ["-dalat", "-hcm"], ["-lam"], ["-bttt"], ["-kl57"]),
]


def _names(world, expected):
    wanted = {name for name in expected if not name.startswith("-")}
    refused = {name[1:] for name in expected if name.startswith("-")}
    return {world[n].pk for n in wanted}, {world[n].pk for n in refused}


def _check(world, found, expected, what, query):
    wanted, refused = _names(world, expected)
    found = set(found)
    assert wanted <= found, f"{query!r}: {what} missing {sorted(wanted - found)}"
    assert not refused & found, f"{query!r}: {what} must not find {sorted(refused & found)}"


def test_the_table_has_forty_queries_or_more():
    assert len(CASES) >= 40


@pytest.mark.parametrize(("query", "events", "people", "organisations", "directives"), CASES)
def test_search_finds_whole_words(world, query, events, people, organisations, directives):
    public = Event.objects.filter(status=PUBLISHED)
    _check(world, search_events(public, query).values_list("pk", flat=True), events, "events", query)
    _check(world, Person.objects.search(query).values_list("pk", flat=True), people, "people", query)
    _check(world, Organisation.objects.search(query).values_list("pk", flat=True), organisations, "orgs", query)
    _check(world, Directive.objects.search(query).values_list("pk", flat=True), directives, "directives", query)


# typo, the name suggested (as written)
TYPOS = [
    ("daknong", "Đắk Nông"),
    ("dak nog", "Đắk Nông"),
    ("nguyen thanh hng", "Nguyễn Thành Hưng"),
    ("tran viet thay", "Trần Việt Thái"),
    ("iswaren", "S. Iswaran"),
    ("khan hoa", "Khánh Hòa"),
]


@pytest.mark.parametrize(("typo", "name"), TYPOS)
def test_a_typo_suggests_the_name(world, typo, name):
    assert similar_terms(typo)[0] == name


def test_similarity_is_pg_trgms():
    assert similarity("daknong", "dak nong") == pytest.approx(6 / 11)
    assert similarity("abc", "abc") == 1.0
    assert similarity("", "abc") == 0.0


# ranking


def _ranked(query, **kw):
    return list(search_events(Event.objects.filter(status=PUBLISHED), query, **kw))


def test_da_lat_lists_the_event_in_da_lat_first(world):
    assert _ranked("da lat")[0] == world["dalat"]


def test_title_matches_come_before_organisers_and_the_rest(world):
    # "thong tin": in the titles of hcm, daknong, amri13; in the organiser's name of dalat; newest first.
    assert _ranked("thong tin") == [world["hcm"], world["daknong"], world["amri13"], world["dalat"]]


def test_the_whole_phrase_in_a_title_comes_first(world):
    phrase_event = f.event(title="Hội nghị thông tin", start_date=date(2020, 1, 1), status=PUBLISHED)
    scattered = f.event(title="Thông tin về hội nghị", start_date=date(2026, 1, 1), status=PUBLISHED)
    ranked = _ranked("hoi nghi thong tin")
    assert ranked.index(phrase_event) < ranked.index(scattered)


def test_a_speaker_ranks_above_a_mention_in_the_summary(world):
    mention = f.event(
        title="Tọa đàm", summary="Nhắc tới Trần Việt Thái.", start_date=date(2026, 1, 1), status=PUBLISHED
    )
    assert _ranked("tran viet thai") == [world["seminar"], mention]


def test_the_last_word_may_be_a_prefix_while_typing(world):
    assert world["amri13"] in _ranked("nguyen thanh hu", prefix_last=True)
    assert world["amri13"] not in _ranked("nguyen thanh hu")
    assert world["amri13"] not in _ranked('"nguyen thanh hu"', prefix_last=True)  # a closed phrase is whole


def test_an_abbreviation_is_searched_as_written_or_expanded():
    ttdn = SearchQuery.parse("ttdn")
    assert _tsquery(ttdn) == "('ttdn' | ('thong' <-> 'tin' <-> 'doi' <-> 'ngoai'))"
    assert _fts5_query(ttdn) == '("ttdn" OR "thong tin doi ngoai")'
    assert _tsquery(SearchQuery.parse("Bộ TT&TT"), "A") == (
        "('bo':A) & (('tt':A <-> 'tt':A) | ('thong':A <-> 'tin':A <-> 'va':A <-> 'truyen':A <-> 'thong':A))"
    )
    assert _fts5_query(SearchQuery.parse("kl57")) == '("kl57" OR "kl 57" OR "57 kl" OR "ket luan 57")'
    assert _fts5_query(SearchQuery.parse("57-KL/TW 2023")) == '"57" AND "kl" AND ("tw" OR "trung uong") AND "2023"'


def test_the_typed_abbreviation_may_be_a_prefix_not_its_expansion():
    assert _fts5_query(SearchQuery.parse("hoi ttdn", prefix_last=True)) == (
        '"hoi" AND ("ttdn"* OR "thong tin doi ngoai")'
    )


def test_an_abbreviation_expanded_in_a_title_is_the_whole_phrase(world):
    # daknong has "tập huấn thông tin đối ngoại"; the newer hcm has the words apart
    assert _ranked("tap huan ttdn")[:2] == [world["daknong"], world["hcm"]]


def test_an_abbreviation_still_being_typed(world):
    assert world["boiduong"] in _ranked("ttd", prefix_last=True)
    assert {world["hcm"], world["boiduong"]} <= set(_ranked("ttdn", prefix_last=True))


# kept current


def test_renaming_a_person_reindexes_their_events(world):
    hung = world["hung"]
    hung.given_name = "Cường"
    hung.save()
    assert _ranked("nguyen thanh cuong") == [world["amri13"]]
    assert _ranked("nguyen thanh hung") == []


def test_an_organisation_given_an_abbreviation_finds_its_events(world):
    ban = world["ban"]
    ban.abbreviation = "BTGDVTW"
    ban.save()
    assert _ranked("btgdvtw") == [world["hcm"]]


def test_adding_and_removing_a_speaker_reindexes_the_event(world):
    item = f.agenda_item(event=world["hue"], speaker=world["thai"])
    assert world["hue"] in _ranked("tran viet thai")
    item.delete()
    assert world["hue"] not in _ranked("tran viet thai")


def test_a_directive_and_a_series_renamed_reindex_their_events(world):
    kl57 = world["kl57"]
    kl57.symbol = "58-KL/TW"
    kl57.save()
    assert _ranked("58-kl/tw") == [world["dalat"]]
    amri = world["amri13"].series
    amri.abbreviation = "AMRIX"
    amri.save()
    assert _ranked("amrix") == [world["amri13"]]


def test_deleting_an_event_deletes_its_index_row(world):
    pk = world["dalat"].pk
    world["dalat"].delete()
    assert not EventSearchIndex.objects.filter(pk=pk).exists()
    assert world["dalat"] not in _ranked("da lat")


def test_rebuilding_the_whole_index_changes_nothing(world):
    before = _ranked("tap huan")
    EventSearchIndex.objects.all().delete()
    assert _ranked("tap huan") == []
    assert index_all_events() == Event.objects.count()
    assert _ranked("tap huan") == before


# why it matched


def test_the_snippet_marks_the_words_as_written_and_escapes_the_rest(world):
    parts = EventSearchIndex.objects.get(pk=world["nhatrang"].pk).parts
    snippet = match_snippet(parts, "truong sa")
    assert "<mark>Trường</mark> <mark>Sa</mark>" in snippet
    assert "&lt;b&gt;quốc" in snippet
    assert "<b>" not in snippet


def test_the_snippet_marks_an_abbreviations_expansion(world):
    parts = EventSearchIndex.objects.get(pk=world["daknong"].pk).parts
    assert "<mark>thông</mark> <mark>tin</mark> <mark>đối</mark> <mark>ngoại</mark>" in match_snippet(parts, "ttdn")


def test_the_snippet_says_where_a_speaker_matched(world):
    parts = EventSearchIndex.objects.get(pk=world["seminar"].pk).parts
    assert match_snippet(parts, "tran viet thai") == (
        'Speakers: <span lang="vi"><mark>Trần</mark> <mark>Việt</mark> <mark>Thái</mark></span>'  # English page
    )


# the pages


def test_search_page_lists_the_right_event_first_with_why(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get(reverse("events:search"), {"q": "da lat"}, headers={"accept-language": "en"})
    events = response.context["results"]["events"]
    assert events[0] == world["dalat"]
    assert world["seminar"] not in events
    assert "<mark>Đà</mark> <mark>Lạt</mark>" in response.content.decode()


def test_search_page_suggests_a_name_for_a_typo(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get(reverse("events:search"), {"q": "daknong"})
    assert response.context["suggested"] == "Đắk Nông"
    assert "?q=%C4%90%E1%BA%AFk%20N%C3%B4ng" in response.content.decode()


def test_search_page_suggests_nothing_when_enough_is_found(client, world):
    response = client.get(reverse("events:search"), {"q": "tap huan"})
    assert response.context["suggested"] is None


def test_search_page_without_a_word_finds_nothing(client, world):
    response = client.get(reverse("events:search"), {"q": "!!!"})
    assert response.context["results"] == {}


def test_event_list_q_is_ranked_unless_a_sort_is_chosen(client, world):
    url = reverse("events:event-list")
    ranked = list(client.get(url, {"q": "thong tin"}).context["page"].object_list)
    assert ranked == [world["hcm"], world["daknong"], world["amri13"], world["dalat"]]
    oldest = list(client.get(url, {"q": "thong tin", "sort": "date"}).context["page"].object_list)
    assert oldest == [world["amri13"], world["daknong"], world["dalat"], world["hcm"]]


def test_public_search_leaves_out_drafts(world):
    assert world["draft"] not in search_events(queries.public_events(), "da lat")


def test_admin_autocomplete_completes_the_last_word(admin_client, world):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "nguyen thanh hu", "app_label": "events", "model_name": "agendaitem", "field_name": "speaker"},
    )
    assert [row["text"] for row in response.json()["results"]][:1] == [str(world["hung"])]


def test_admin_search_box_matches_whole_words(admin_client, world):
    response = admin_client.get(reverse("admin:people_person_changelist"), {"q": "nguy"})
    assert list(response.context["cl"].result_list) == []
    response = admin_client.get(reverse("admin:people_person_changelist"), {"q": "thanh hung"})
    assert list(response.context["cl"].result_list) == [world["hung"]]


# the index rows' copies of the event's date and visibility (the public search's walk on PostgreSQL)


def _copies(event):
    row = EventSearchIndex.objects.get(pk=event.pk)
    return row.start_date, row.public


def test_the_index_copies_follow_publishing_and_the_date(world):
    from events.services.publishing import set_status

    event = world["dalat"]
    before = list(search_events(queries.events_for_list(), "da lat", public=True))
    assert before == list(search_events(queries.events_for_list(), "da lat"))  # the same rows in the same order
    assert _copies(event) == (event.start_date, True)
    set_status(Event.objects.filter(pk=event.pk), Event.Status.DRAFT)
    assert _copies(event) == (event.start_date, False)
    assert event not in search_events(queries.events_for_list(), "da lat", public=True)
    set_status(Event.objects.filter(pk=event.pk), PUBLISHED)
    assert _copies(event) == (event.start_date, True)
    event.refresh_from_db()
    event.start_date = date(2030, 1, 2)
    event.save()
    assert _copies(event) == (date(2030, 1, 2), True)
    for query in ("da lat", "thong tin", "tap huan", "hoi nghi"):
        public = search_events(queries.events_for_list(), query, public=True)
        assert list(public) == list(search_events(queries.events_for_list(), query)), query
        assert list(public[1:3]) == list(search_events(queries.events_for_list(), query)[1:3]), query
    assert list(search_events(queries.events_for_list(), "da lat", public=True))[0] == event


def test_the_public_search_ranks_as_the_other_path_past_the_ranked_newest(world, monkeypatch):
    from events import search

    monkeypatch.setattr(search, "RANKED_NEWEST", 2)
    for query in ("thong tin", "tap huan", "da lat"):
        events = queries.events_for_list()
        assert list(search_events(events, query, public=True)) == list(search_events(events, query)), query
        assert list(search_events(events, query, public=True)[2:4]) == list(search_events(events, query)[2:4])
