"""Control characters never enter the record (issue 11), and rows written before never break an output."""

import csv
import importlib
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from events.models import Event
from people.models import Organisation, Person
from people.text import RECORD_APPS, clean_text, fold, text_fields
from registrations.models import Registration
from tests import factories
from tests.admin_forms import admin_form_data, form_errors

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
migration = importlib.import_module("events.migrations.0005_clean_control_characters")


# The normaliser


@pytest.mark.parametrize(
    ("text", "single_line", "multi_line"),
    [
        ("a\x0bb", "a b", "a\nb"),  # Word's manual line break: words stay apart
        ("a\x0cb", "a b", "a\nb"),  # form feed (Word's page break)
        ("a\r\nb\rc", "a b c", "a\nb\nc"),
        ("a\n\nb", "a b", "a\n\nb"),
        ("a\tb", "a b", "a\tb"),
        ("a\x1b[31mb", "a[31mb", "a[31mb"),  # escape
        ("a\x00b\x7fc", "abc", "abc"),  # NUL, DEL
        ("a\x85b", "a b", "a\nb"),  # NEL, a C1 line break
        ("a\x80b\x9fc", "abc", "abc"),  # other C1
        ("", "", ""),
    ],
)
def test_clean_text_drops_control_characters_and_keeps_lines_only_where_they_belong(text, single_line, multi_line):
    assert clean_text(text, multiline=False) == single_line
    assert clean_text(text, multiline=True) == multi_line


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_clean_text_leaves_vietnamese_and_its_combining_marks_as_they_are(form):
    text = unicodedata.normalize(form, "Nguyễn Thị Hằng — Sở Thông tin và Truyền thông Đắk Lắk")
    assert clean_text(text, multiline=False) == text
    assert clean_text(text, multiline=True) == text


def test_clean_text_keeps_the_no_break_space():
    # Not a control character, and valid in XML and XLSX: Word's "Bộ\u00a0TT&TT" stays as typed.
    assert clean_text("Bộ\u00a0TT&TT", multiline=False) == "Bộ\u00a0TT&TT"


def test_fold_treats_a_control_character_as_the_record_does():
    assert fold("Đà\x0bLạt\x1b") == fold(clean_text("Đà\x0bLạt\x1b", multiline=False)) == "da lat"


def test_text_fields_cover_every_char_and_text_field_subclass():
    assert dict(text_fields(Organisation)) == {
        "search_text": True,
        "name": False,
        "name_en": False,
        "abbreviation": False,
        "abbreviation_en": False,
        "slug": False,  # SlugField
        "kind": False,
        "country": False,
        "website": False,  # URLField
    }


# Every writer stores clean text


def test_every_save_of_every_model_of_the_record_cleans_its_text():
    event = factories.event(title="Hội nghị\x0bTTĐN", summary="Dòng 1\r\nDòng 2\x1b", venue="Đà\tLạt")
    event.refresh_from_db()
    assert (event.title, event.summary, event.venue) == ("Hội nghị TTĐN", "Dòng 1\nDòng 2", "Đà Lạt")
    assert event.history.get().title == "Hội nghị TTĐN"  # the Historical… copy too
    assert event.search_text == "hoi nghi ttdn da lat viet nam"


def test_admin_change_of_an_organisation_stores_clean_text(admin_client):
    organisation = factories.organisation(name="Bộ Ngoại giao")
    url = reverse("admin:people_organisation_change", args=[organisation.pk])
    data = admin_form_data(admin_client.get(url), name="Bộ\x0bNgoại giao", abbreviation="BNG\x1b")
    response = admin_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    organisation.refresh_from_db()
    assert (organisation.name, organisation.abbreviation) == ("Bộ Ngoại giao", "BNG")
    assert organisation.history.latest().name == "Bộ Ngoại giao"


def test_admin_add_of_a_person_keeps_lines_of_the_biography_only(admin_client):
    url = reverse("admin:people_person_add")
    data = admin_form_data(
        admin_client.get(url),
        family_name="Nguyễn",
        middle_name="Thành\x0bVăn",
        given_name="Hưng",
        bio="Dòng một\r\nDòng hai\x0bDòng ba\x07",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    person = Person.objects.get()
    assert (person.middle_name, person.bio) == ("Thành Văn", "Dòng một\nDòng hai\nDòng ba")


def test_portal_registration_service_stores_clean_text():
    registration = factories.registration(given_name="Hoa\x0bMai", post="Chuyên\x1b viên", organisation="Sở\tVHTT")
    registration.refresh_from_db()
    assert (registration.given_name, registration.post, registration.organisation) == (
        "Hoa Mai",
        "Chuyên viên",
        "Sở VHTT",
    )
    assert registration.person_key.startswith("tran thi hoa mai|")
    assert registration.history.get().given_name == "Hoa Mai"


# Outputs answer for rows written before the fix (QuerySet.update sends no pre_save)


@pytest.fixture
def registrar():
    group = Group.objects.create(name="test registrars")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="registrations", codename="view_registration")
    )
    user = factories.account(is_staff=True)
    user.groups.add(group)
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def old_delegate():
    registration = factories.registration()
    Registration.objects.filter(pk=registration.pk).update(given_name="An\x1b", post="Phó\x0bGiám đốc")
    return registration


def test_xlsx_export_answers_for_a_delegate_saved_with_a_control_character(registrar, old_delegate):
    response = registrar.get(reverse("staff:export-xlsx", args=[old_delegate.event.slug]))
    assert response.status_code == 200
    row = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert row[3:5] == ("An", "Phó Giám đốc")


def test_csv_export_holds_no_control_character(registrar, old_delegate):
    response = registrar.get(reverse("staff:export-csv", args=[old_delegate.event.slug]))
    assert response.status_code == 200
    row = list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))[1]
    assert row[3:5] == ["An", "Phó Giám đốc"]


@pytest.fixture
def old_event():
    event = factories.event(status=Event.Status.PUBLISHED, start_date=date(2025, 3, 8), date_precision="day")
    Event.objects.filter(pk=event.pk).update(
        title="Hội nghị\x0bTTĐN", title_en="Training\x0bday", summary="Dòng 1\x0bDòng 2\x1b", venue="Đà\x0cLạt"
    )
    return event


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/vi/feed/rss/", "Hội nghị TTĐN"),
        ("/en/feed/rss/", "Training day"),
        ("/vi/feed/atom/", "Hội nghị TTĐN"),
        ("/en/feed/atom/", "Training day"),
    ],
)
def test_every_feed_answers_for_an_event_saved_with_a_control_character(client, old_event, url, title):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    titles += [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == [title]


@pytest.mark.parametrize("url", ["/vi/calendar.ics?year=2025", "/en/calendar.ics?year=2025"])
def test_calendar_holds_no_control_character_of_an_old_row(client, old_event, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"SUMMARY:" in response.content
    assert not any(byte < 0x20 and byte not in b"\r\n" for byte in response.content)


def test_event_page_json_ld_holds_no_control_character_of_an_old_row(client, old_event):
    response = client.get(f"/vi/events/{old_event.slug}/")
    assert response.status_code == 200
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    data = json.loads(script.group(1))
    assert (data["name"], data["description"], data["location"]["name"]) == (
        "Hội nghị TTĐN",
        "Dòng 1\nDòng 2",
        "Đà Lạt",
    )


# The data migration


def _clean_rows():
    migration.clean_control_characters(apps, SimpleNamespace(connection=connection))


def test_migration_cleans_rows_written_before_the_fix(old_event, old_delegate):
    person = factories.person()
    Person.objects.filter(pk=person.pk).update(given_name="An\x0b2", bio="Dòng 1\r\nDòng 2\x85Dòng 3")
    old_event.history.update(title="Bản cũ\x0b")
    _clean_rows()
    old_event.refresh_from_db()
    person.refresh_from_db()
    old_delegate.refresh_from_db()
    assert (old_event.title, old_event.title_en, old_event.summary, old_event.venue) == (
        "Hội nghị TTĐN",
        "Training day",
        "Dòng 1\nDòng 2",
        "Đà Lạt",
    )
    assert (person.given_name, person.bio) == ("An 2", "Dòng 1\nDòng 2\nDòng 3")
    assert (old_delegate.given_name, old_delegate.post) == ("An", "Phó Giám đốc")
    assert old_event.history.get().title == "Bản cũ "


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL stores no NUL")
def test_migration_drops_nul_where_the_database_stored_it():
    person = factories.person()
    Person.objects.filter(pk=person.pk).update(family_name="Ng\x00uyễn")
    _clean_rows()
    person.refresh_from_db()
    assert person.family_name == "Nguyễn"


def test_migration_reads_only_rows_holding_a_control_character():
    factories.event(summary="Dòng 1\nDòng 2\twith a tab")  # lines and tabs of a multi-line text stay
    factories.person(bio="Một dòng\nHai dòng")
    models_with_text = [
        model
        for model in apps.get_models()
        if model._meta.app_label in RECORD_APPS and not model._meta.proxy and text_fields(model)
    ]
    with CaptureQueriesContext(connection) as queries:
        _clean_rows()
    # One filtered SELECT per table, none of which returns a row: nothing is written.
    assert len(queries) == len(models_with_text)
    assert Event.objects.get().summary == "Dòng 1\nDòng 2\twith a tab"
