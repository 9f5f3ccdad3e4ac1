"""The staff side of registrations in the admin: bulk approve / reject / promote / cancel with history,
delegates' details without their status, officer accounts, quotas for every province, and what the
editor role does not see."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from people.models import Province
from registrations import services
from registrations.models import Officer, ProvinceQuota, Registration, RegistrationChange
from tests import factories
from tests.admin_forms import admin_form_data, form_errors

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:registrations_registration_changelist")
Status = Registration.Status


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _act(client, action, registrations, **extra):
    data = {"action": action, "_selected_action": [r.pk for r in registrations], **extra}
    return client.post(CHANGELIST, data, follow=True)


def _statuses(*registrations) -> list[str]:
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


@pytest.fixture
def event(lam_dong):
    return factories.registration_open(
        quotas={lam_dong: 2}, title="Hội nghị tập huấn TTĐN 2026", start_date=date(2026, 4, 10)
    )


def test_bulk_approve_confirms_pending_delegates_and_records_who(admin_client, admin_user, event, lam_dong):
    first, second = (factories.registration(event=event, province=lam_dong) for _ in range(2))
    response = _act(admin_client, "approve", [first, second])
    assert _statuses(first, second) == [Status.CONFIRMED, Status.CONFIRMED]
    change = RegistrationChange.objects.filter(registration=first).last()
    assert (change.from_status, change.to_status, change.actor) == (Status.PENDING, Status.CONFIRMED, admin_user)
    assert _messages(response) == ["2 delegates confirmed."]


def test_bulk_approve_reports_the_delegates_it_could_not_move(admin_client, event, lam_dong):
    pending = factories.registration(event=event, province=lam_dong, given_name="An")
    confirmed = factories.confirmed_registration(event=event, province=lam_dong, given_name="Bình")
    response = _act(admin_client, "approve", [pending, confirmed])
    assert _statuses(pending, confirmed) == [Status.CONFIRMED, Status.CONFIRMED]
    assert _messages(response) == ["1 delegate confirmed.", "Trần Thị Bình is confirmed."]


def test_reject_asks_for_a_reason_first_then_records_it(admin_client, admin_user, event, lam_dong):
    registration = factories.registration(event=event, province=lam_dong)
    page = _act(admin_client, "reject", [registration])
    assert page.status_code == 200
    assert page.templates[0].name == "admin/events/action_form.html"
    assert registration.full_name in page.content.decode()
    assert _statuses(registration) == [Status.PENDING]

    response = _act(admin_client, "reject", [registration], apply="yes", reason="Không đúng đối tượng")
    assert _statuses(registration) == [Status.REJECTED]
    change = registration.changes.last()
    assert (change.to_status, change.actor, change.reason) == (Status.REJECTED, admin_user, "Không đúng đối tượng")
    assert _messages(response) == ["1 delegate rejected."]


def test_reject_frees_the_seat_for_the_first_waitlisted(admin_client, event, lam_dong):
    seated = [factories.registration(event=event, province=lam_dong) for _ in range(2)]
    waiting = factories.registration(event=event, province=lam_dong)
    assert _statuses(waiting) == [Status.WAITLISTED]
    _act(admin_client, "reject", seated[:1], apply="yes", reason="")
    assert _statuses(waiting) == [Status.PENDING]


def test_promote_needs_a_free_seat_then_confirms_the_waitlisted(admin_client, admin_user, event, lam_dong):
    for _ in range(2):
        factories.registration(event=event, province=lam_dong)
    waiting = factories.registration(event=event, province=lam_dong, given_name="Chờ")
    assert _statuses(waiting) == [Status.WAITLISTED]

    response = _act(admin_client, "promote", [waiting])
    assert _statuses(waiting) == [Status.WAITLISTED]
    assert _messages(response) == ["No seat left for Trần Thị Chờ's province."]

    ProvinceQuota.objects.filter(event=event, province=lam_dong).update(seats=3)
    response = _act(admin_client, "promote", [waiting])
    assert _statuses(waiting) == [Status.CONFIRMED]
    assert waiting.changes.last().actor == admin_user
    assert _messages(response) == ["1 delegate promoted."]


def test_promote_refuses_a_delegate_who_is_not_waitlisted(admin_client, event, lam_dong):
    pending = factories.registration(event=event, province=lam_dong, given_name="Dung")
    response = _act(admin_client, "promote", [pending])
    assert _statuses(pending) == [Status.PENDING]
    assert _messages(response) == ["Trần Thị Dung is pending."]


def test_cancel_by_staff_works_after_the_deadline(admin_client, admin_user, lam_dong):
    now = timezone.now()
    event = factories.registration_open(quotas={lam_dong: 5})
    registration = factories.confirmed_registration(event=event, province=lam_dong)
    event.registration_settings.closes_at = now - timedelta(minutes=1)
    event.registration_settings.opens_at = now - timedelta(days=2)
    event.registration_settings.save()
    response = _act(admin_client, "cancel", [registration], apply="yes", reason="Đơn vị báo vắng")
    assert _statuses(registration) == [Status.CANCELLED]
    assert registration.changes.last().reason == "Đơn vị báo vắng"
    assert _messages(response) == ["1 delegate cancelled."]


def test_status_is_not_editable_but_details_are(admin_client, event, lam_dong):
    registration = factories.registration(event=event, province=lam_dong, phone="0912345678")
    url = reverse("admin:registrations_registration_change", args=[registration.pk])
    page = admin_client.get(url)
    assert "status" not in page.context["adminform"].form.fields
    data = admin_form_data(page, given_name="Hạnh", phone="+84 912 000 111", status=Status.CONFIRMED)
    response = admin_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    registration.refresh_from_db()
    assert (registration.status, registration.given_name, registration.phone) == (
        Status.PENDING,
        "Hạnh",
        "0912000111",
    )
    assert registration.person_key == "tran thi hanh|0912000111"


def test_editing_a_delegate_into_a_duplicate_is_refused(admin_client, event, lam_dong):
    factories.registration(event=event, province=lam_dong, given_name="Lan", phone="0912345678")
    other = factories.registration(event=event, province=lam_dong, given_name="Mai", phone="0912345678")
    url = reverse("admin:registrations_registration_change", args=[other.pk])
    response = admin_client.post(url, admin_form_data(admin_client.get(url), given_name="Lan"))
    assert response.status_code == 200
    assert form_errors(response) == ["Trần Thị Lan (same name and phone) is already registered for this event."]


def test_malformed_phone_is_refused(admin_client, event, lam_dong):
    registration = factories.registration(event=event, province=lam_dong)
    url = reverse("admin:registrations_registration_change", args=[registration.pk])
    response = admin_client.post(url, admin_form_data(admin_client.get(url), phone="12345"))
    assert response.status_code == 200
    assert "is not a Vietnamese phone number" in form_errors(response)[0]


def test_change_page_shows_the_status_history(admin_client, admin_user, event, lam_dong):
    registration = factories.registration(event=event, province=lam_dong)
    services.reject_registrations([registration], actor=admin_user, reason="Trùng người")
    page = admin_client.get(reverse("admin:registrations_registration_change", args=[registration.pk]))
    _attendance, history = page.context["inline_admin_formsets"]
    rows = [(c.from_status, c.to_status, c.actor, c.reason) for c in history.formset.queryset]
    assert rows == [("", Status.PENDING, None, ""), (Status.PENDING, Status.REJECTED, admin_user, "Trùng người")]
    assert "Trùng người" in page.content.decode()


def test_registrations_cannot_be_added_or_deleted_in_the_admin(admin_client, event, lam_dong):
    registration = factories.registration(event=event, province=lam_dong)
    assert admin_client.get(reverse("admin:registrations_registration_add")).status_code == 403
    assert (
        admin_client.get(reverse("admin:registrations_registration_delete", args=[registration.pk])).status_code == 403
    )
    changelist = admin_client.get(CHANGELIST)
    actions = [name for name, _label in changelist.context["action_form"].fields["action"].choices]
    assert actions == ["", "approve", "reject", "promote", "cancel", "mark_present", "resend_confirmation"]
    assert not changelist.context["has_add_permission"]


def test_search_ignores_diacritics_and_finds_a_phone(admin_client, event, lam_dong):
    match = factories.registration(event=event, province=lam_dong, family_name="Nguyễn", given_name="Đức")
    factories.registration(event=event, province=lam_dong, family_name="Lê", given_name="Đức")
    response = admin_client.get(CHANGELIST, {"q": "nguyen duc"})
    assert list(response.context["cl"].result_list) == [match]
    response = admin_client.get(CHANGELIST, {"q": match.phone[-6:]})
    assert list(response.context["cl"].result_list) == [match]


# officers


OFFICER_ADD = reverse("admin:registrations_officer_add")


def test_staff_create_an_officer_without_a_password(admin_client, lam_dong):
    data = {"username": "lamdong.ttdn", "email": "ttdn@lamdong.gov.vn", "province": lam_dong.pk}
    response = admin_client.post(OFFICER_ADD, data)
    assert response.status_code == 302, form_errors(response)
    officer = Officer.objects.select_related("user").get()
    assert (officer.user.username, officer.user.email, officer.province) == (
        "lamdong.ttdn",
        "ttdn@lamdong.gov.vn",
        lam_dong,
    )
    assert not officer.user.is_staff
    assert not officer.user.is_superuser
    assert not officer.user.has_usable_password()


def test_staff_create_an_officer_with_an_initial_password(admin_client, lam_dong):
    data = {
        "username": "hanoi.ttdn",
        "email": "ttdn@hanoi.gov.vn",
        "province": factories.current_province("Thành phố Hà Nội").pk,
        "password1": "Lâm-Viên-2026!",
        "password2": "Lâm-Viên-2026!",
    }
    response = admin_client.post(OFFICER_ADD, data)
    assert response.status_code == 302, form_errors(response)
    user = User.objects.get(username="hanoi.ttdn")
    assert user.check_password("Lâm-Viên-2026!")
    assert user.officer.province.name == "Thành phố Hà Nội"


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"password1": "Lâm-Viên-2026!", "password2": "other"}, "The two passwords differ."),
        (
            {"password1": "123", "password2": "123"},
            "This password is too short. It must contain at least 8 characters.",
        ),
        ({"username": "taken"}, "An account with this username already exists."),
        ({"email": "taken@example.vn"}, "Another account uses this e-mail; a password reset would reach both."),
    ],
    ids=["passwords-differ", "weak-password", "username-taken", "email-taken"],
)
def test_officer_form_refuses_bad_input_and_saves_nothing(admin_client, lam_dong, overrides, error):
    factories.account(username="taken", email="taken@example.vn")
    data = {"username": "new.officer", "email": "new@example.vn", "province": lam_dong.pk, **overrides}
    response = admin_client.post(OFFICER_ADD, data)
    assert response.status_code == 200
    assert error in form_errors(response)
    assert not Officer.objects.exists()
    assert User.objects.filter(username="new.officer").count() == 0


def test_an_officer_cannot_belong_to_a_former_province(admin_client):
    dak_nong = Province.objects.get(name="Tỉnh Đắk Nông")
    data = {"username": "daknong", "email": "ttdn@daknong.gov.vn", "province": dak_nong.pk}
    response = admin_client.post(OFFICER_ADD, data)
    assert response.status_code == 200
    assert form_errors(response) == ["Select a valid choice. That choice is not one of the available choices."]
    assert not User.objects.filter(username="daknong").exists()


def test_province_autocomplete_offers_current_units_only(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "registrations", "model_name": "officer", "field_name": "province", "term": "dak nong"},
    )
    assert [r["text"] for r in response.json()["results"]] == []
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "registrations", "model_name": "provincequota", "field_name": "province", "term": "lam dong"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Tỉnh Lâm Đồng"]


# quotas and settings on the event page


def test_give_every_current_province_n_seats(admin_client):
    first, second = factories.event(), factories.event()
    changelist = reverse("admin:events_event_changelist")
    data = {"action": "give_province_quotas", "_selected_action": [first.pk, second.pk]}
    page = admin_client.post(changelist, data)
    assert page.status_code == 200
    assert "seats" in page.context["form"].fields
    assert not ProvinceQuota.objects.exists()

    response = admin_client.post(changelist, {**data, "apply": "yes", "seats": "5"}, follow=True)
    assert ProvinceQuota.objects.filter(event=first).count() == 34
    assert set(ProvinceQuota.objects.values_list("seats", flat=True)) == {5}
    assert not ProvinceQuota.objects.filter(province__valid_to__isnull=False).exists()
    assert len(_messages(response)) == 2
    assert "34 provinces have 5 seat(s) each." in _messages(response)[0]


def test_n_seats_must_be_a_number_of_seats(admin_client):
    the_event = factories.event()
    data = {"action": "give_province_quotas", "_selected_action": [the_event.pk], "apply": "yes", "seats": "-1"}
    page = admin_client.post(reverse("admin:events_event_changelist"), data)
    assert page.status_code == 200
    assert page.context["form"].errors["seats"] == ["Ensure this value is greater than or equal to 0."]
    assert not ProvinceQuota.objects.exists()


def test_registration_settings_and_a_quota_are_set_on_the_event_page(admin_client):
    the_event = factories.event()
    url = reverse("admin:events_event_change", args=[the_event.pk])
    data = admin_form_data(admin_client.get(url))
    data.update(
        {
            "registration_settings-TOTAL_FORMS": 1,
            "registration_settings-0-opens_at_0": "2026-03-01",
            "registration_settings-0-opens_at_1": "08:00",
            "registration_settings-0-closes_at_0": "2026-03-20",
            "registration_settings-0-closes_at_1": "17:00",
            "registration_settings-0-capacity": "120",
            "registration_settings-0-needs_approval": "on",
            "registration_settings-0-completion_rule": "sessions",
            "registration_settings-0-completion_percent": "75",
            "quotas-TOTAL_FORMS": 1,
            "quotas-0-province": factories.current_province().pk,
            "quotas-0-seats": "4",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    the_event.refresh_from_db()
    assert the_event.registration_settings.capacity == 120
    assert the_event.registration_settings.needs_approval
    assert (the_event.registration_settings.completion_rule, the_event.registration_settings.completion_percent) == (
        "sessions",
        75,
    )
    assert not the_event.registration_settings.keeps_waitlist
    assert [(q.province.name, q.seats) for q in the_event.quotas.all()] == [("Tỉnh Lâm Đồng", 4)]


def test_a_quota_for_a_former_province_is_refused(admin_client):
    the_event = factories.event()
    url = reverse("admin:events_event_change", args=[the_event.pk])
    data = admin_form_data(admin_client.get(url))
    dak_nong = Province.objects.get(name="Tỉnh Đắk Nông")
    data.update({"quotas-TOTAL_FORMS": 1, "quotas-0-province": dak_nong.pk, "quotas-0-seats": "4"})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert form_errors(response) == ["Select a valid choice. That choice is not one of the available choices."]


def test_event_page_links_the_lists_of_delegates(admin_client, event):
    page = admin_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    for name in ["check-in", "export-csv", "export-xlsx", "attendance", "badges"]:
        assert reverse(f"staff:{name}", args=[event.slug]) in page


# the editor role


@pytest.fixture
def editor_client():
    """Someone who keeps the record (events and their parts) but has no permission on registrations."""
    group = Group.objects.create(name="test editors")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="events").exclude(
            content_type__model__in=["registration", "registrationchange", "officer"]
        )
    )
    user = factories.account(is_staff=True)
    user.groups.add(group)
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def test_editor_sees_no_delegate_anywhere_in_the_admin(editor_client, event, lam_dong):
    registration = factories.registration(event=event, province=lam_dong, phone="0987654321", email="an@example.vn")
    assert editor_client.get(CHANGELIST).status_code == 403
    assert (
        editor_client.get(reverse("admin:registrations_registration_change", args=[registration.pk])).status_code == 403
    )
    page = editor_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    for personal in ["0987654321", "an@example.vn", registration.given_name]:
        assert personal not in content
    assert reverse("staff:export-csv", args=[event.slug]) not in content
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "registration/" not in index


def test_a_pre_reform_registration_opens_in_the_admin(admin_client):
    old = factories.event(start_date=date(2024, 6, 7))
    registration = Registration.objects.create(
        event=old,
        province=factories.province("Tỉnh Đắk Nông"),
        family_name="Y",
        given_name="Niê",
        post="Chuyên viên",
        organisation="Sở Thông tin và Truyền thông",
        gender="female",
        consent_at=datetime(2024, 5, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        status=Status.ATTENDED,
    )
    page = admin_client.get(reverse("admin:registrations_registration_change", args=[registration.pk]))
    assert page.status_code == 200
    assert "Tỉnh Đắk Nông" in page.content.decode()


# the registrar role: delegates, settings and quotas, without changing the event's record


@pytest.fixture
def registrar_client():
    """A staff user whose group may handle delegates, settings and quotas, and only view events."""
    codenames = [
        "view_registration",
        "change_registration",
        "view_event",
        "add_provincequota",
        "change_provincequota",
        "view_provincequota",
        "add_registrationsettings",
        "change_registrationsettings",
        "view_registrationsettings",
        "view_province",
    ]
    group = Group.objects.create(name="test registrars")
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user = factories.account(is_staff=True)
    user.groups.add(group)
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def test_registrar_sets_registration_settings_and_a_quota_on_their_own_pages(registrar_client, lam_dong):
    the_event = factories.event(start_date=date(2026, 4, 10))
    response = registrar_client.post(
        reverse("admin:registrations_registrationsettings_add"),
        {
            "event": the_event.pk,
            "opens_at_0": "2026-03-01",
            "opens_at_1": "08:00",
            "closes_at_0": "2026-03-20",
            "closes_at_1": "17:00",
            "needs_approval": "on",
            "keeps_waitlist": "on",
            "completion_rule": "all_days",
            "completion_percent": "80",
        },
    )
    assert response.status_code == 302, form_errors(response)
    response = registrar_client.post(
        reverse("admin:registrations_provincequota_add"), {"event": the_event.pk, "province": lam_dong.pk, "seats": "6"}
    )
    assert response.status_code == 302, form_errors(response)
    assert the_event.registration_settings.keeps_waitlist
    assert [(q.province, q.seats) for q in the_event.quotas.all()] == [(lam_dong, 6)]


def test_registrar_gives_every_province_n_seats_from_the_event_list(registrar_client):
    the_event = factories.event()
    data = {"action": "give_province_quotas", "_selected_action": [the_event.pk], "apply": "yes", "seats": "2"}
    registrar_client.post(reverse("admin:events_event_changelist"), data)
    assert the_event.quotas.count() == 34


def test_registrar_approves_and_sees_the_lists_link_but_cannot_change_the_event(registrar_client, event, lam_dong):
    registration = factories.registration(event=event, province=lam_dong)
    _act(registrar_client, "approve", [registration])
    assert _statuses(registration) == [Status.CONFIRMED]
    page = registrar_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert reverse("staff:check-in", args=[event.slug]) in page.content.decode()
