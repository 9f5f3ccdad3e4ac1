"""Audit history: every create, change and delete of the record is kept with who and when, and shown
in the admin; a delegate's contact data is never copied into it."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from briefings.models import Directive
from events import services as event_services
from events.demo import load_demo
from events.models import Event, EventRelation
from events.roles import EDITOR, REGISTRAR
from people.models import Organisation, Person, Position
from registrations import services
from registrations.models import Registration
from tests import factories
from tests.admin_forms import admin_form_data, inline_rows

pytestmark = pytest.mark.django_db

TRACKED = [Event, Person, Position, Organisation, Directive, Registration]


def _url(obj, view, *args):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk, *args])


def _edit_in_admin(client, obj, **changes):
    page = client.get(_url(obj, "change"))
    response = client.post(_url(obj, "change"), admin_form_data(page, **changes))
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return response


def staff_client(role):
    user = factories.account(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def history_rows():
    return sum(model.history.count() for model in TRACKED)


@pytest.mark.parametrize("model", TRACKED, ids=lambda m: m.__name__)
def test_every_tracked_model_has_its_history_in_the_admin(model):
    assert model.history.model.__name__ == f"Historical{model.__name__}"
    assert isinstance(admin.site._registry[model], SimpleHistoryAdmin)


def test_admin_edit_of_an_event_keeps_the_old_title_and_who_changed_it(admin_client, admin_user):
    event = factories.event(title="Hội nghị cũ")

    _edit_in_admin(admin_client, event, title="Hội nghị mới")

    latest, first = event.history.all()[0], event.history.earliest()
    assert (latest.history_type, latest.title, latest.history_user) == ("~", "Hội nghị mới", admin_user)
    assert (first.history_type, first.title, first.history_user) == ("+", "Hội nghị cũ", None)
    assert latest.prev_record == first
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(first).changes}
    assert changes["title"] == ("Hội nghị cũ", "Hội nghị mới")


def test_event_history_page_shows_the_change_and_who_made_it(admin_client, admin_user):
    event = factories.event(title="Hội nghị cũ")
    _edit_in_admin(admin_client, event, title="Hội nghị mới")

    response = admin_client.get(_url(event, "history"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Hội nghị cũ" in page
    assert "Hội nghị mới" in page
    assert admin_user.get_username() in page
    assert len(response.context["page_obj"]) == 2


def test_an_old_version_of_an_event_can_be_read_in_the_admin(admin_client):
    event = factories.event(title="Hội nghị cũ")
    _edit_in_admin(admin_client, event, title="Hội nghị mới")
    first = event.history.earliest()

    response = admin_client.get(_url(event, "simple_history", first.history_id))

    assert response.status_code == 200
    assert response.context["adminform"].form["title"].value() == "Hội nghị cũ"


def test_deleting_an_organisation_keeps_its_history(admin_client, admin_user):
    organisation = factories.organisation(name="Sở Văn hóa cũ")
    pk = organisation.pk

    response = admin_client.post(_url(organisation, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=pk).exists()
    deleted = Organisation.history.filter(id=pk).latest()
    assert (deleted.history_type, deleted.name, deleted.history_user) == ("-", "Sở Văn hóa cũ", admin_user)
    assert Organisation.history.filter(id=pk).count() == 2


def test_history_page_of_a_deleted_organisation_still_answers(admin_client):
    organisation = factories.organisation(name="Sở Văn hóa cũ")
    url = _url(organisation, "history")
    organisation.delete()

    response = admin_client.get(url)

    assert response.status_code == 200
    assert "Sở Văn hóa cũ" in response.content.decode()


def test_publish_action_leaves_a_history_record_with_the_user(admin_client, admin_user):
    event = factories.event()
    before = event.updated_at

    response = admin_client.post(
        reverse("admin:events_event_changelist"), {"action": "publish", helpers.ACTION_CHECKBOX_NAME: [event.pk]}
    )

    assert response.status_code == 302
    latest = event.history.all()[0]
    assert (latest.history_type, latest.status, latest.history_user) == ("~", Event.Status.PUBLISHED, admin_user)
    assert latest.updated_at > before
    assert event.history.count() == 2


def test_publishing_counts_and_records_only_the_events_that_change():
    published, draft = factories.event(status=Event.Status.PUBLISHED), factories.event()

    assert event_services.publish_events(Event.objects.all()) == 1

    assert published.history.count() == 1
    assert [row.status for row in draft.history.all()] == [Event.Status.PUBLISHED, Event.Status.DRAFT]


def test_editing_a_post_on_the_persons_page_keeps_the_old_title(admin_client, admin_user):
    position = factories.position(title="Phó Vụ trưởng")
    person = position.person

    _edit_in_admin(admin_client, person, **{"positions-0-title": "Vụ trưởng"})

    position.refresh_from_db()
    assert position.title == "Vụ trưởng"
    assert [(row.title, row.history_user) for row in position.history.all()] == [
        ("Vụ trưởng", admin_user),
        ("Phó Vụ trưởng", None),
    ]


def test_directive_history_keeps_the_old_symbol(admin_client, admin_user):
    directive = factories.directive(symbol="47/NQ-CP")

    _edit_in_admin(admin_client, directive, symbol="48/NQ-CP")

    assert [(row.symbol, row.history_user) for row in directive.history.all()] == [
        ("48/NQ-CP", admin_user),
        ("47/NQ-CP", None),
    ]


def test_a_relation_to_another_event_keeps_its_history_with_who_made_it(admin_client, admin_user):
    event, other = factories.event(), factories.event()
    page = admin_client.get(_url(event, "change"))
    data = admin_form_data(page, **inline_rows("relations_from", {"kind": "followed_by", "to_event": other.pk}))

    assert admin_client.post(_url(event, "change"), data).status_code == 302

    relation = event.relations_from.get()
    assert [(row.kind, row.to_event_id, row.history_user) for row in relation.history.all()] == [
        ("followed_by", other.pk, admin_user)
    ]


def test_removing_a_relation_is_kept_in_its_history(admin_client):
    relation = factories.event_relation()
    page = admin_client.get(_url(relation.from_event, "change"))
    data = admin_form_data(page, **{"relations_from-0-DELETE": "on"})

    assert admin_client.post(_url(relation.from_event, "change"), data).status_code == 302

    assert relation.from_event.relations_from.count() == 0
    assert [row.history_type for row in EventRelation.history.filter(id=relation.pk)] == ["-", "+"]


def test_registration_history_holds_no_contact_data():
    fields = {field.name for field in Registration.history.model._meta.get_fields()}

    assert {"phone", "email", "person_key", "code"} & fields == set()
    assert {"family_name", "status", "province", "history_user", "history_date"} <= fields


def test_registration_history_follows_status_changes_and_erasure_leaves_no_phone_behind(admin_user):
    registration = factories.registration(phone="0912345678", email="dai.bieu@example.vn")
    services.approve_registrations([registration], actor=admin_user)
    Event.objects.filter(pk=registration.event_id).update(start_date=timezone.localdate() - timedelta(days=400))

    assert services.erase_contact_data(months=6) == 1

    statuses = [row.status for row in registration.history.all()]
    assert statuses == [Registration.Status.CONFIRMED, Registration.Status.PENDING]
    stored = [str(row) for row in Registration.history.filter(id=registration.pk).values()]
    assert not any("0912345678" in row or "dai.bieu@example.vn" in row for row in stored)


def test_registration_history_is_shown_but_cannot_be_reverted(admin_client):
    registration = factories.registration()
    services.approve_registrations([registration], actor=None)
    first = registration.history.earliest()

    assert admin_client.get(_url(registration, "history")).status_code == 200
    page = admin_client.get(_url(registration, "simple_history", first.history_id))
    reverted = admin_client.post(_url(registration, "simple_history", first.history_id), {"given_name": "Khác"})

    assert page.status_code == 200
    assert page.context["revert_disabled"] is True
    assert reverted.status_code == 403
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_demo_loader_records_history_once():
    load_demo()
    first = history_rows()

    load_demo()

    assert Event.history.filter(history_type="+").count() == Event.objects.count()
    assert Person.history.filter(history_type="+").count() == Person.objects.count()
    assert history_rows() == first


def test_an_editor_reads_the_history_of_the_record_but_not_of_delegates():
    event, registration = factories.event(), factories.registration()
    editor = staff_client(EDITOR)

    page = editor.get(_url(event, "history"))

    assert page.status_code == 200
    assert page.context["revert_disabled"] is False
    assert editor.get(_url(registration, "history")).status_code == 403


def test_a_registrar_reads_the_history_of_delegates_and_of_events_without_reverting():
    event, registration = factories.event(), factories.registration()
    registrar = staff_client(REGISTRAR)

    pages = [registrar.get(_url(obj, "history")) for obj in (registration, event)]

    assert [page.status_code for page in pages] == [200, 200]
    assert [page.context["revert_disabled"] for page in pages] == [True, True]


@pytest.mark.parametrize("object_id", ["abc", "%00", "99999999999999999999999", "-1"])
def test_history_pages_answer_404_to_an_id_that_cannot_be_one(admin_client, object_id):
    event = factories.event()
    version = event.history.get().history_id
    prefix = reverse("admin:events_event_changelist")

    answers = [
        admin_client.get(f"{prefix}{object_id}/history/").status_code,
        admin_client.get(f"{prefix}{object_id}/history/{version}/").status_code,
        admin_client.get(f"{prefix}{event.pk}/history/{object_id}/").status_code,
    ]

    assert answers == [404, 404, 404]
