"""Quick entry on the event's admin page (issue 12): a new person with the post of the event's day and their
talk or attendance, a new organiser by name, all in the event's own save; bad input saves nothing."""

from datetime import date

import pytest
from django.urls import reverse

from events.models import AgendaItem, Event, EventOfficial
from events.roles import EDITOR
from events.services import entry
from people.models import Organisation, Person, Position
from people.queries import positions_held_on
from tests import factories
from tests.admin_forms import admin_form_data, form_errors, inline_rows

pytestmark = pytest.mark.django_db

ADD = reverse("admin:events_event_add")
DAY = date(2018, 11, 6)


@pytest.fixture
def editor_client():
    return factories.staff(EDITOR)[1]


def _event_fields(**fields):
    return {
        "kind": "training",
        "status": "draft",
        "title": "Hội nghị tập huấn thông tin đối ngoại năm 2018",
        "start_date": "06/11/2018",
        "date_precision": "day",
        "country": "Việt Nam",
        **fields,
    }


def _person_row(**fields):
    return {"given_name": "Hoa", "family_name": "Lê", "middle_name": "Thị", "part": "talk:presentation", **fields}


def _post(client, *rows, organisers=(), **fields):
    data = {
        **admin_form_data(client.get(ADD)),
        **_event_fields(**fields),
        **inline_rows("new_people", *rows),
        **inline_rows("organisers", *organisers),
    }
    return client.post(ADD, data)


def test_a_new_speaker_is_recorded_with_the_post_of_the_event_day_and_a_talk(editor_client):
    ministry = factories.organisation(name="Bộ Thông tin và Truyền thông")
    response = _post(
        editor_client,
        _person_row(post_title="Cục trưởng", organisation=ministry.pk, talk_title="Kỹ năng trả lời phỏng vấn"),
    )
    assert response.status_code == 302, form_errors(response)
    event = Event.objects.get()
    item = AgendaItem.objects.get(event=event)
    assert (item.speaker.full_name, item.kind, item.title) == (
        "Lê Thị Hoa",
        "presentation",
        "Kỹ năng trả lời phỏng vấn",
    )
    post = Position.objects.get(person=item.speaker)
    assert (post.title, post.organisation, post.attested_on, post.start_date) == ("Cục trưởng", ministry, DAY, None)
    assert list(positions_held_on(item.speaker, DAY)) == [post]
    assert list(positions_held_on(item.speaker, date(2026, 1, 1))) == []  # not taken for a current post


def test_a_new_official_and_new_organisations_by_name_are_saved_with_the_event(editor_client):
    committee = "Ủy ban nhân dân tỉnh Lâm Đồng"
    response = _post(
        editor_client,
        _person_row(
            given_name="Việt",
            family_name="Đoàn",
            middle_name="Văn",
            post_title="Phó Chủ tịch",
            new_organisation=committee,
            new_organisation_kind="peoples_committee",
            part="official:guest",
        ),
        organisers=[{"new_name": committee, "new_kind": "peoples_committee", "role": "co", "order": 0}],
    )
    assert response.status_code == 302, form_errors(response)
    event = Event.objects.get()
    official = EventOfficial.objects.get(event=event)
    assert (official.person.full_name, official.role) == ("Đoàn Văn Việt", "guest")
    organisation = Organisation.objects.get(name=committee)  # one body, named twice on the page
    assert [o.organisation for o in event.organisers.all()] == [organisation]
    assert official.person.positions.get().organisation == organisation


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (_person_row(given_name=""), "A new person needs a given name."),
        (_person_row(post_title="Cục trưởng"), "Give the organisation of the post."),
        (_person_row(post_title="Cục trưởng", new_organisation="Cục Thông tin đối ngoại"), "Choose the kind"),
    ],
)
def test_bad_input_saves_nothing(editor_client, row, message):
    response = _post(editor_client, row)
    assert response.status_code == 200
    assert any(error.startswith(message) for error in form_errors(response)), form_errors(response)
    assert (Event.objects.count(), Person.objects.count(), Organisation.objects.count()) == (0, 0, 0)


def test_a_person_already_recorded_is_flagged_with_a_link_not_duplicated(editor_client):
    existing = factories.person(family_name="Lê", middle_name="Thị", given_name="Hoa")
    response = _post(editor_client, _person_row(family_name="le", middle_name="thi", given_name="HOA"))
    assert response.status_code == 200
    errors = form_errors(response)
    assert any("Lê Thị Hoa is already recorded" in e for e in errors), errors
    assert reverse("admin:people_person_change", args=[existing.pk]) in response.content.decode()
    assert (Event.objects.count(), Person.objects.count()) == (0, 1)


def test_a_namesake_is_recorded_when_ticked(editor_client):
    factories.person(family_name="Lê", middle_name="Thị", given_name="Hoa")
    response = _post(editor_client, _person_row(namesake="on"))
    assert response.status_code == 302, form_errors(response)
    assert Person.objects.filter(given_name="Hoa").count() == 2


def test_a_new_organiser_already_recorded_is_flagged(editor_client):
    factories.organisation(name="Bộ Thông tin và Truyền thông")
    response = _post(
        editor_client, organisers=[{"new_name": "bo thong tin va truyen thong", "new_kind": "ministry", "order": 0}]
    )
    assert response.status_code == 200
    assert any("is already recorded" in e for e in form_errors(response)), form_errors(response)
    assert (Event.objects.count(), Organisation.objects.count()) == (0, 1)


def test_the_service_refuses_an_unknown_part_and_saves_nothing():
    event = factories.event(start_date=DAY)
    data = entry.NewPerson(given_name="Hoa", family_name="Lê", part="talk:keynote")
    with pytest.raises(entry.EntryError) as error:
        entry.add_new_person(event, data)
    assert error.value.code == "part_invalid"
    assert Person.objects.count() == 0


def test_the_service_records_a_post_at_a_new_body_once():
    event = factories.event(start_date=DAY)
    common = {"post_title": "Phó Trưởng ban", "new_organisation": "Ban Tuyên giáo Tỉnh ủy", "part": "official:guest"}
    first = entry.add_new_person(
        event,
        entry.NewPerson(given_name="Minh", family_name="Phạm", new_organisation_kind="party_commission", **common),
    )
    second = entry.add_new_person(
        event, entry.NewPerson(given_name="Lan", family_name="Vũ", new_organisation_kind="party_commission", **common)
    )
    assert first.person.positions.get().organisation == second.person.positions.get().organisation
    assert [o.order for o in event.officials.all()] == [0, 1]


def test_the_same_new_organiser_in_two_rows_is_a_form_error(editor_client):
    row = {"new_name": "Sở Thông tin và Truyền thông tỉnh Lâm Đồng", "new_kind": "provincial_department", "order": 0}
    response = _post(editor_client, organisers=[row, {**row, "new_name": "so thong tin va truyen thong tinh lam dong"}])
    assert response.status_code == 200
    assert "The same organiser is given twice." in form_errors(response)
    assert (Event.objects.count(), Organisation.objects.count()) == (0, 0)


def test_a_new_speaker_known_by_one_name_is_recorded(editor_client):
    response = _post(editor_client, _person_row(family_name="", middle_name="", given_name="S Iswaran"))
    assert response.status_code == 302, form_errors(response)
    assert Person.objects.get().full_name == "S Iswaran"


def test_a_new_speakers_academic_title_is_recorded_as_of_the_event_day(editor_client):
    response = _post(editor_client, _person_row(academic_title="TS"))
    assert response.status_code == 302, form_errors(response)
    title = Person.objects.get().academic_titles.get()
    assert (title.title, title.held_from, title.precision) == ("TS", DAY, "day")
