"""Issue 16, the language half: /en/ in English wherever English exists, the reader's language kept,
Vietnamese order and labels."""

from datetime import date

import pytest
from django.utils import translation

from events.demo import load_demo
from events.models import Event, Outcome
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISHED = Event.Status.PUBLISHED


def published_event(**kw):
    return factories.event(status=PUBLISHED, **kw)


def page(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, path
    return response.content.decode()


# The reader's language is kept.


def test_root_without_cookie_or_browser_language_goes_to_vietnamese(client):
    assert client.get("/").url == "/vi/"


def test_root_with_an_english_cookie_goes_to_english(client):
    client.cookies["django_language"] = "en"

    assert client.get("/").url == "/en/"


def test_root_follows_the_browsers_language_on_a_first_visit(client):
    assert client.get("/", headers={"accept-language": "en-GB,en;q=0.9"}).url == "/en/"
    assert client.get("/", headers={"accept-language": "vi-VN,vi;q=0.9,en;q=0.5"}).url == "/vi/"
    assert client.get("/", headers={"accept-language": "fr"}).url == "/vi/"


def test_root_prefers_the_readers_choice_to_the_browsers_language(client):
    client.cookies["django_language"] = "vi"

    response = client.get("/", headers={"accept-language": "en"})

    assert response.url == "/vi/"
    assert "Cookie" in response["Vary"] and "Accept-Language" in response["Vary"]


def test_language_switch_keeps_the_page_and_its_filters_and_remembers_the_choice(client):
    html = page(client, "/vi/events/", kind="training")
    assert 'href="/language/en/?next=%2Fen%2Fevents%2F%3Fkind%3Dtraining" hreflang="en"' in html

    response = client.get("/language/en/", {"next": "/en/events/?kind=training"})

    assert response.url == "/en/events/?kind=training"
    assert response.cookies["django_language"].value == "en"
    assert client.get("/").url == "/en/"


def test_language_switch_never_leads_off_the_site(client):
    response = client.get("/language/en/", {"next": "https://example.com/"})

    assert response.url == "/en/"


def test_language_switch_refuses_an_unknown_language(client):
    assert client.get("/language/fr/", {"next": "/vi/"}).status_code == 404


# /en/ in English wherever English exists.


def test_event_card_in_english_names_organisers_place_and_country_in_english(client):
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông", abbreviation="Bộ TT&TT", abbreviation_en="MIC")
    committee = factories.organisation(name="Ủy ban nhân dân tỉnh Lâm Đồng", abbreviation="UBND tỉnh Lâm Đồng")
    event = published_event(province=factories.province("Tỉnh Lâm Đồng"))
    factories.organiser(event=event, organisation=mic, order=0)
    factories.organiser(event=event, organisation=committee, order=1)
    published_event(title="AMRI-13", country="Philippines", city="Cebu", start_date=date(2016, 3, 17))

    html = page(client, "/en/events/")

    assert '<p class="meta">Lâm Đồng Province · MIC, <span lang="vi">UBND tỉnh Lâm Đồng</span> <abbr' in html
    assert '<span lang="vi">Cebu</span>, Philippines</p>' in html
    assert '<span class="date">17 Mar 2016</span>' in html


def test_event_card_in_vietnamese_keeps_the_vietnamese(client):
    mic = factories.organisation(name="Bộ Thông tin và Truyền thông", abbreviation="Bộ TT&TT", abbreviation_en="MIC")
    event = published_event(province=factories.province("Tỉnh Lâm Đồng"))
    factories.organiser(event=event, organisation=mic)

    html = page(client, "/vi/events/")

    assert '<p class="meta">Tỉnh Lâm Đồng · Bộ TT&amp;TT</p>' in html
    assert '<span class="date">7/6/2024</span>' in html


def test_event_card_without_place_or_organiser_prints_no_empty_line(client):
    published_event(country="Việt Nam")

    html = page(client, "/en/events/")

    assert '<p class="meta"></p>' not in html
    assert html.count('class="meta"') == 1  # the date line only


@pytest.mark.parametrize(
    ("precision", "part_of_day", "english", "vietnamese"),
    [
        ("day", "", "8 Mar 2025", "8/3/2025"),
        ("day", "afternoon", "afternoon 8 Mar 2025", "chiều 8/3/2025"),
        ("month", "", "Mar 2025", "3/2025"),
        ("year", "", "2025", "2025"),
    ],
)
def test_event_date_at_its_precision_in_each_language(precision, part_of_day, english, vietnamese):
    event = factories.event(start_date=date(2025, 3, 8), date_precision=precision, part_of_day=part_of_day)

    with translation.override("en"):
        assert event.display_date == english
    with translation.override("vi"):
        assert event.display_date == vietnamese


def test_event_date_range_in_english(client):
    event = factories.event(start_date=date(2025, 3, 7), end_date=date(2025, 3, 8))

    with translation.override("en"):
        assert event.display_date == "7 Mar 2025 – 8 Mar 2025"


def test_filter_choices_in_the_pages_language_in_vietnamese_order(client):
    for name, name_en, abbreviation_en in [
        ("Đài Truyền hình Việt Nam", "Vietnam Television", "VTV"),
        ("Bộ Ngoại giao", "Ministry of Foreign Affairs", "MOFA"),
        ("Ban Đối ngoại Trung ương", "", ""),
    ]:
        organisation = factories.organisation(name=name, name_en=name_en, abbreviation_en=abbreviation_en)
        factories.organiser(event=published_event(), organisation=organisation)

    vietnamese = page(client, "/vi/events/")
    english = page(client, "/en/events/")

    assert vietnamese.index(">Ban Đối ngoại Trung ương<") < vietnamese.index(">Bộ Ngoại giao<")
    assert vietnamese.index(">Bộ Ngoại giao<") < vietnamese.index(">Đài Truyền hình Việt Nam<")
    assert '<option value="vtv">Vietnam Television (VTV)</option>' in english
    assert '<option value="mofa">Ministry of Foreign Affairs (MOFA)</option>' in english
    assert 'lang="vi">Ban Đối ngoại Trung ương</option>' in english
    # Provinces: without "Tỉnh" / "Thành phố", Cà Mau before Cao Bằng, every Đ after D, Lạng Sơn < Lào Cai < Lâm Đồng.
    for earlier, later in [
        ("Cà Mau", "Cao Bằng"),
        ("Cần Thơ", "Đà Nẵng"),
        ("Lạng Sơn", "Lào Cai"),
        ("Lào Cai", "Lâm Đồng"),
    ]:
        assert vietnamese.index(f"{earlier}</option>") < vietnamese.index(f"{later}</option>")
    assert '<option value="68">Tỉnh Lâm Đồng</option>' in vietnamese
    assert '<option value="68">Lâm Đồng Province</option>' in english
    assert '<option value="79">Ho Chi Minh City</option>' in english


def test_directive_filter_shows_in_the_form_when_used(client):
    directive = factories.directive(kind="conclusion", symbol="57-KL/TW", title="Về tiếp tục nâng cao")
    factories.event_directive(event=published_event(), directive=directive)

    html = page(client, "/vi/events/", directive=directive.slug)

    assert f'<option value="{directive.slug}" selected>' in html
    assert 'name="directive"' not in page(client, "/vi/events/")


def test_event_list_filters_fold_behind_a_summary_with_a_script_for_empty_fields(client):
    html = page(client, "/en/events/")

    assert '<details class="filters-box">' in html
    assert "<summary>Filter events</summary>" in html
    assert 'src="/static/js/filters.js" defer></script>' in html


def test_directive_relation_note_is_marked_vietnamese_on_english_pages(client):
    relation = factories.directive_relation(note="Ban hành sau 10 năm thực hiện")

    html = page(client, f"/en/directives/{relation.source.slug}/")

    assert '(<span lang="vi">Ban hành sau 10 năm thực hiện</span> <abbr class="lang-mark"' in html


def test_directive_issuers_in_english_on_english_pages(client):
    politburo = factories.organisation(name="Bộ Chính trị", name_en="Politburo")
    factories.directive(issuer=politburo)

    assert '">Politburo</option>' in page(client, "/en/directives/")
    assert '">Bộ Chính trị</option>' in page(client, "/vi/directives/")


def test_source_line_names_the_author_once(client):
    source = factories.source(
        event=published_event(),
        title="Tập huấn thông tin đối ngoại",
        publisher="Báo Tin tức",
        author="Hoàng Tuyết",
        credit="Tin, ảnh: Hoàng Tuyết/Báo Tin tức",
    )

    html = page(client, source.event.get_absolute_url())

    assert html.count("Hoàng Tuyết") == 1


def test_demo_outcome_does_not_repeat_its_kind():
    load_demo()

    with translation.override("vi"):
        for outcome in Outcome.objects.all():
            label = str(outcome.get_kind_display()).casefold()
            assert not outcome.description.casefold().startswith(label), outcome.description
    with translation.override("en"):
        for outcome in Outcome.objects.all():
            label = str(outcome.get_kind_display()).casefold()
            assert not outcome.description_en.casefold().startswith(label), outcome.description_en


def test_portal_heading_names_the_province_in_english(client):
    officer = factories.officer()
    client.force_login(officer.user)

    html = client.get("/portal/", headers={"accept-language": "en"}).content.decode()

    assert "Delegates of Lâm Đồng Province" in html
