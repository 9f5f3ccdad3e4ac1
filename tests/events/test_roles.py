"""Staff roles: the "editor" keeps the record and never meets a delegate's personal data; the
"registrar" handles delegates, officers, quotas and check-in."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.test import RequestFactory
from django.urls import reverse

from events.roles import EDITOR, REGISTRAR, ensure_staff_groups
from tests import factories

pytestmark = pytest.mark.django_db

ACTIONS = ("add", "change", "delete", "view")
RECORD = ["event", "eventseries", "eventorganiser", "agendaitem", "eventofficial", "participantgroup"]
RECORD += ["outcome", "eventdirective", "photo", "source", "eventrelation"]
DELEGATE_MODELS = ["registration", "registrationchange", "officer", "provincequota", "registrationsettings"]
DELEGATE_MODELS += ["material", "survey", "question", "surveyresponse", "answer", "surveyreceipt"]
DELEGATE_MODELS += ["attendance", "certificate", "notice"]
# Audit history: the admin's "History" pages check the permissions of the model kept, so no role needs these.
HISTORY_MODELS = ["historicalevent", "historicaleventrelation"]
DELEGATE_HISTORY_MODELS = ["historicalregistration"]
# Made by the staff delegate-list page and its task, reached with view_registration: in neither role.
DELEGATE_JOB_MODELS = ["exportjob"]
# Derived from the record by events/search.py, without permissions: nobody edits them.
SEARCH_MODELS = ["eventsearchindex", "searchterm"]
# Kept by events.summaries on every write, never edited by anyone: in neither role.
SUMMARY_MODELS = ["directiveeventcount"]


def _every_model_of(app_label):
    return [model._meta.model_name for model in apps.get_app_config(app_label).get_models()]


EDITOR_PERMISSIONS = (
    {
        f"{app}.{action}_{model}"
        for app, models in [("people", _every_model_of("people")), ("briefings", _every_model_of("briefings"))]
        for model in models
        for action in ACTIONS
        if model != "province"  # reference data, read only
    }
    | {f"events.{action}_{model}" for model in RECORD for action in ACTIONS}
    | {"people.view_province"}
)

REGISTRAR_PERMISSIONS = {
    "registrations.view_registration",
    "registrations.change_registration",
    "registrations.view_registrationchange",
    "registrations.add_officer",
    "registrations.change_officer",
    "registrations.view_officer",
    "registrations.add_provincequota",
    "registrations.change_provincequota",
    "registrations.view_provincequota",
    "registrations.add_registrationsettings",
    "registrations.change_registrationsettings",
    "registrations.view_registrationsettings",
    *(f"registrations.{action}_{model}" for model in ("material", "survey", "question") for action in ACTIONS),
    "registrations.view_surveyresponse",
    "registrations.view_answer",
    "registrations.view_surveyreceipt",
    "registrations.view_attendance",
    "registrations.view_certificate",
    "registrations.change_certificate",
    "registrations.view_notice",
    "events.view_event",
    # Not in the brief: the province pickers (officer, quota) are admin autocompletes, which answer 403
    # to a user who may not view provinces. Reference data only.
    "people.view_province",
}


def permissions_of(name):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=name).permissions.select_related("content_type")
    }


@pytest.fixture
def editor():
    return factories.staff(EDITOR)


@pytest.fixture
def registrar():
    return factories.staff(REGISTRAR)


@pytest.fixture
def delegate_at_event():
    """An event with registration settings, a quota and one delegate whose contact data is easy to spot."""
    province = factories.current_province()
    event = factories.registration_open(quotas={province: 5}, needs_approval=False)
    return factories.registration(
        event=event,
        province=province,
        family_name="Riêng",
        middle_name="Tư",
        given_name="Đại Biểu",
        phone="0912 345 678",
        email="rieng.tu@example.vn",
    )


# The groups


def test_staff_groups_exist_after_migrate_with_exactly_their_permissions():
    assert permissions_of(EDITOR) == EDITOR_PERMISSIONS
    assert permissions_of(REGISTRAR) == REGISTRAR_PERMISSIONS


def test_editor_has_no_permission_on_delegates_officers_quotas_or_settings():
    forbidden = {f"registrations.{action}_{model}" for model in DELEGATE_MODELS for action in ACTIONS}

    assert permissions_of(EDITOR) & forbidden == set()
    assert not any(p.startswith("auth.") for p in permissions_of(EDITOR) | permissions_of(REGISTRAR))


def test_the_record_and_the_delegates_cover_every_events_and_registrations_model():
    """A new events or registrations model must be put in one role or the other (or here, knowingly in neither)."""
    everything = set(RECORD) | set(HISTORY_MODELS) | set(SEARCH_MODELS) | set(SUMMARY_MODELS)
    assert everything == set(_every_model_of("events"))
    delegates = set(DELEGATE_MODELS) | set(DELEGATE_HISTORY_MODELS) | set(DELEGATE_JOB_MODELS)
    assert delegates == set(_every_model_of("registrations"))


def test_ensure_staff_groups_is_idempotent_and_resets_hand_made_changes():
    editor_group = Group.objects.get(name=EDITOR)
    editor_group.permissions.add(Permission.objects.get(codename="view_registration"))
    Group.objects.get(name=REGISTRAR).permissions.remove(Permission.objects.get(codename="change_registration"))

    ensure_staff_groups()
    ensure_staff_groups()

    assert Group.objects.filter(name__in=[EDITOR, REGISTRAR]).count() == 2
    assert Group.objects.get(name=EDITOR).pk == editor_group.pk
    assert permissions_of(EDITOR) == EDITOR_PERMISSIONS
    assert permissions_of(REGISTRAR) == REGISTRAR_PERMISSIONS


def test_post_migrate_creates_the_groups_again():
    Group.objects.filter(name__in=[EDITOR, REGISTRAR]).delete()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert permissions_of(EDITOR) == EDITOR_PERMISSIONS
    assert permissions_of(REGISTRAR) == REGISTRAR_PERMISSIONS


# What an editor meets in the admin


def test_editor_gets_403_on_registrations_and_officers(editor, delegate_at_event):
    _user, client = editor

    pages = [
        reverse("admin:registrations_registration_changelist"),
        reverse("admin:registrations_registration_change", args=[delegate_at_event.pk]),
        reverse("admin:registrations_officer_changelist"),
        reverse("admin:registrations_officer_add"),
    ]

    assert [client.get(page).status_code for page in pages] == [403, 403, 403, 403]


def _without_separators(html: str) -> str:
    return re.sub(r"[\s.\-()+]", "", html)


def _shows_personal_data(response) -> list[str]:
    html = response.content.decode()
    found = []
    if "912345678" in _without_separators(html):
        found.append("phone")
    if "rieng.tu" in html:
        found.append("e-mail")
    if "Riêng Tư" in html or "Đại Biểu" in html:
        found.append("name")
    return found


def test_editor_never_sees_a_delegates_personal_data_in_the_admin(editor, delegate_at_event):
    user, client = editor
    event = delegate_at_event.event
    pages = [reverse("admin:index"), reverse("admin:events_event_change", args=[event.pk])]
    pages += [reverse("admin:events_event_history", args=[event.pk])]
    request = RequestFactory().get("/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_view_permission(request):
            pages.append(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))

    shown = {}
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        shown[page] = _shows_personal_data(response)

    assert reverse("admin:events_event_changelist") in pages
    assert reverse("admin:registrations_registration_changelist") not in pages
    assert {page: found for page, found in shown.items() if found} == {}
    assert len(pages) >= 15


def test_editor_sees_no_registration_settings_or_quotas_on_the_event_page(editor, delegate_at_event):
    _user, client = editor

    response = client.get(reverse("admin:events_event_change", args=[delegate_at_event.event.pk]))

    assert response.status_code == 200
    assert b"quotas-TOTAL_FORMS" not in response.content
    assert b"registration_settings-TOTAL_FORMS" not in response.content


def test_editor_can_edit_the_record(editor):
    _user, client = editor

    for model in ("event", "eventseries", "photo", "source"):
        assert client.get(reverse(f"admin:events_{model}_add")).status_code == 200
    assert client.get(reverse("admin:people_person_add")).status_code == 200
    assert client.get(reverse("admin:briefings_directive_add")).status_code == 200


def test_editor_reads_provinces_but_cannot_change_them(editor, admin_client):
    _user, client = editor
    lam_dong = factories.province()
    change_url = reverse("admin:people_province_change", args=[lam_dong.pk])

    page = client.get(change_url)
    refused = client.post(change_url, {"name": "Tỉnh Sửa Tên", "code": lam_dong.code, "kind": lam_dong.kind})

    assert page.status_code == 200
    assert b'name="name"' not in page.content  # shown, not a form field
    assert refused.status_code == 403
    assert client.get(reverse("admin:people_province_add")).status_code == 403
    lam_dong.refresh_from_db()
    assert lam_dong.name == "Tỉnh Lâm Đồng"
    assert b'name="name"' in admin_client.get(change_url).content


# What a registrar meets in the admin


def test_registrar_sees_the_registration_changelist_and_the_delegates_contact(registrar, delegate_at_event):
    _user, client = registrar

    changelist = client.get(reverse("admin:registrations_registration_changelist"))
    change = client.get(reverse("admin:registrations_registration_change", args=[delegate_at_event.pk]))

    assert changelist.status_code == 200
    assert "Riêng Tư Đại Biểu" in changelist.content.decode()
    assert change.status_code == 200
    assert _shows_personal_data(change) == ["phone", "e-mail", "name"]  # so the editor's test can see them


def test_registrar_may_view_but_not_change_the_record(registrar, delegate_at_event):
    _user, client = registrar
    event = delegate_at_event.event

    assert client.get(reverse("admin:events_event_change", args=[event.pk])).status_code == 200
    assert client.get(reverse("admin:events_event_add")).status_code == 403
    assert client.get(reverse("admin:people_person_changelist")).status_code == 403
    assert client.get(reverse("admin:briefings_directive_changelist")).status_code == 403


def test_registrar_can_pick_a_province_for_an_officer(registrar):
    _user, client = registrar

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "registrations", "model_name": "officer", "field_name": "province", "term": "Lâm"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Tỉnh Lâm Đồng"]


def test_registrar_cannot_delete_delegates_or_change_accounts(registrar):
    user, _client = registrar

    assert not user.has_perm("registrations.delete_registration")
    assert not user.has_perm("registrations.delete_officer")
    assert not user.has_perm("auth.view_user")
    assert not user.has_perm("events.change_event")
