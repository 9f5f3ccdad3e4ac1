from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import translation

from briefings.models import Directive, DirectiveRelation
from events.demo import load_demo
from events.models import Event, EventRelation, Photo, Qualifier
from events.queries import related_events_of
from people.models import Organisation, OrganisationChange, Person
from people.queries import current_unit, positions_held_on
from registrations.demo import SLUG

pytestmark = pytest.mark.django_db

EXPECTED_ROWS = {
    "Organisation": 25,
    "OrganisationChange": 4,
    "Person": 9,
    "AcademicTitle": 1,
    "Directive": 7,
    "DirectiveRelation": 2,
    "EventSeries": 1,
    "Event": 6,
    "Position": 11,
    "EventOrganiser": 7,
    "AgendaItem": 12,
    "EventDirective": 7,
    "Photo": 5,
    "Source": 4,
    "ParticipantGroup": 9,
    "EventOfficial": 3,
    "Outcome": 1,
    "EventRelation": 1,
}
EXPECTED_COUNTS = EXPECTED_ROWS

DA_LAT = "tap-huan-quang-ba-hinh-anh-viet-nam-2024-da-lat"
HO_CHI_MINH_CITY_2025 = "tap-huan-thong-tin-doi-ngoai-2025-tp-ho-chi-minh"


def _table_counts():
    models = [m for app in ("people", "briefings", "events") for m in apps.get_app_config(app).get_models()]
    return {model.__name__: model.objects.count() for model in models}


def _files(root):
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def test_load_demo_records_the_articles():
    counts = load_demo()

    assert counts == EXPECTED_COUNTS
    tables = _table_counts()
    assert {name: tables[name] for name in EXPECTED_ROWS} == EXPECTED_ROWS
    assert set(Event.objects.values_list("status", flat=True)) == {Event.Status.PUBLISHED}


def test_load_demo_twice_changes_nothing(media_root):
    load_demo()
    tables, files = _table_counts(), _files(media_root)
    updated = dict(Event.objects.values_list("slug", "updated_at"))
    output = StringIO()

    counts = load_demo(stdout=output)

    assert counts == EXPECTED_COUNTS
    assert _table_counts() == tables
    assert _files(media_root) == files
    assert len(files) == 2 * EXPECTED_COUNTS["Photo"]  # each image and its thumbnail, once
    assert dict(Event.objects.values_list("slug", "updated_at")) == updated
    assert output.getvalue() == ""


def test_da_lat_event_is_in_the_province_of_its_day():
    load_demo()
    event = Event.objects.get(slug=DA_LAT)

    assert (event.province.name, event.province.valid_to) == ("Tỉnh Lâm Đồng", date(2025, 6, 30))
    today = current_unit(event.province)
    assert (today.code, today.valid_from, today.valid_to) == ("68", date(2025, 7, 1), None)
    assert today != event.province
    assert (event.participant_count, event.province_count) == (320, 63)
    assert event.display_date == "Jun 2024"  # "6/2024" on Vietnamese pages
    co_organiser = event.organisers.get(role="co").organisation
    assert co_organiser.province == event.province


def test_amri_13_outcome_is_the_2016_2025_strategic_plan():
    load_demo()
    event = Event.objects.get(slug="amri-13")

    plan = event.outcomes.get().directive
    assert (plan.title_en, plan.kind, plan.symbol) == (
        "ASEAN Strategic Plan for Information and Media 2016–2025",
        Directive.Kind.ASEAN_PLAN,
        "",
    )
    assert (plan.issue_date, plan.period) == (date(2016, 3, 17), "2016–2025")
    assert (event.series.abbreviation, event.edition, event.country, event.province) == (
        "AMRI",
        13,
        "Philippines",
        None,
    )
    assert event.officials.get().role == "head_of_delegation"


def test_resolution_47_implements_conclusion_57_and_57_is_only_related_to_16():
    load_demo()

    relations = {(r.source.symbol, r.kind, r.target.symbol) for r in DirectiveRelation.objects.all()}

    assert relations == {
        ("47/NQ-CP", DirectiveRelation.Kind.IMPLEMENTS, "57-KL/TW"),
        ("57-KL/TW", DirectiveRelation.Kind.RELATED, "16-KL/TW"),
    }
    assert Directive.objects.get(symbol="34-NQ/TW").issue_date is None


def test_nguyen_thanh_hung_was_deputy_minister_in_2016_only_as_far_as_we_know():
    load_demo()
    hung = Person.objects.get(family_name="Nguyễn", middle_name="Thành", given_name="Hưng")

    held_at_amri = positions_held_on(hung, date(2016, 3, 17))

    assert [(p.title, p.organisation.abbreviation_en) for p in held_at_amri] == [("Thứ trưởng", "MIC")]
    assert list(positions_held_on(hung, date(2026, 1, 1))) == []


def test_le_hai_binh_holds_both_posts_on_the_day_of_his_presentation():
    load_demo()
    binh = Person.objects.get(slug="le-hai-binh")

    posts = positions_held_on(binh, date(2025, 3, 8))

    assert [p.title for p in posts] == ["Ủy viên dự khuyết Trung ương Đảng", "Thứ trưởng Thường trực"]
    assert binh.display_name == "PGS.TS Lê Hải Bình"


def test_display_dates_show_only_what_the_articles_vouch_for():
    load_demo()

    assert Event.objects.get(slug="tap-huan-truyen-thong-hoi-nhap-asean-unesco-2024").display_date == "2024"
    with translation.override("vi"):
        assert "8/3/2025" in Event.objects.get(slug=HO_CHI_MINH_CITY_2025).display_date


def test_2025_training_links_the_seminar_of_the_day_before_and_has_credited_photos():
    load_demo()
    event = Event.objects.get(slug=HO_CHI_MINH_CITY_2025)

    with translation.override("en"):
        assert [(e.start_date, e.relation_label) for e in related_events_of(event)] == [
            (date(2025, 3, 7), "related to")
        ]
    assert event.sources.get().credit == "Tin, ảnh: Hoàng Tuyết/Báo Tin tức"
    photos = Photo.objects.filter(event=event)
    assert [p.credit for p in photos] == ["Ảnh: Hoàng Tuyết/Báo Tin tức"] * 2
    assert all(p.thumbnail for p in photos)


def test_ministry_of_information_keeps_its_2025_lineage():
    load_demo()
    mic = Organisation.objects.get(abbreviation_en="MIC")

    changes = {
        (c.kind, c.successor.abbreviation_en, c.date) for c in OrganisationChange.objects.filter(organisation=mic)
    }

    assert changes == {
        (OrganisationChange.Kind.MERGED_INTO, "MOST", date(2025, 3, 1)),
        (OrganisationChange.Kind.SPLIT_INTO, "MOCST", date(2025, 3, 1)),
    }


def test_load_demo_command_prints_the_counts():
    output = StringIO()

    call_command("load_demo", stdout=output)

    assert "Event: 6" in output.getvalue().splitlines()


def test_load_demo_command_adds_a_sample_event_open_for_registration_once():
    call_command("load_demo")
    call_command("load_demo")
    sample = Event.objects.get(slug=SLUG)
    assert "(dữ liệu mẫu)" in sample.title
    assert sample.registration_settings.is_open()
    assert sample.quotas.count() == 34
    assert sorted(sample.registrations.values_list("status", flat=True)) == ["confirmed", "pending"]


def test_the_seminar_shows_the_same_relation_from_its_side():
    load_demo()
    seminar = Event.objects.get(slug="hoi-thao-doi-ngoai-ngoai-giao-ky-nguyen-moi-2025")

    relation = EventRelation.objects.get()
    assert (relation.from_event.slug, relation.kind) == (HO_CHI_MINH_CITY_2025, EventRelation.Kind.RELATED)
    assert [e.slug for e in related_events_of(seminar)] == [HO_CHI_MINH_CITY_2025]


def test_da_lat_source_states_its_figures_as_the_article_words_them():
    load_demo()
    source = Event.objects.get(slug=DA_LAT).sources.get()

    assert (source.delegates, source.delegates_qualifier, source.provinces, source.provinces_qualifier) == (
        320,
        Qualifier.EXACT,
        63,
        Qualifier.EXACT,
    )
