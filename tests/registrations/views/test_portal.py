"""The provincial officers' portal: accounts, dashboard, registering, changing, confirmation, leaks."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from registrations import services
from registrations.models import Officer, Registration, RegistrationChange
from tests import factories

pytestmark = pytest.mark.django_db

Status = Registration.Status
PUBLISHED = Event.Status.PUBLISHED


# --- helpers --------------------------------------------------------------------------------------


@pytest.fixture
def client():
    """A browser that reads English, so assertions read as the messages are written."""
    return Client(headers={"accept-language": "en"})


def officer(province=None, **kw):
    """A user with an Officer row for `province` (Lâm Đồng of today unless told)."""
    user = factories.account(**kw)
    Officer.objects.create(user=user, province=province or factories.current_province())
    return user


@pytest.fixture
def gia_lai():
    return factories.current_province("Tỉnh Gia Lai")


@pytest.fixture
def me(lam_dong):
    return officer(lam_dong, email="canbo@lamdong.gov.vn")


@pytest.fixture
def portal(client, me):
    """The test client, logged in as the officer of Lâm Đồng."""
    client.force_login(me)
    return client


def open_event(quotas, **kw):
    """A published event in a month, taking registrations from yesterday to ten days ahead."""
    kw.setdefault("status", PUBLISHED)
    kw.setdefault("start_date", timezone.localdate() + timedelta(days=30))
    return factories.registration_open(quotas=quotas, **kw)


def url(name, *args):
    return reverse(f"portal:{name}", args=args)


_people = iter(range(1, 10_000))


def person(**kw):
    n = next(_people)
    row = {
        "family_name": "Nguyễn",
        "middle_name": "Văn",
        "given_name": f"An {n}",
        "post": "Chuyên viên",
        "organisation": "Sở Văn hóa và Thể thao",
        "gender": "male",
        "phone": f"0912 {n:06d}",
        "email": f"an{n}@example.vn",
    }
    row.update(kw)
    return row


def form_data(*people, consent=True, rows=3, **extra):
    """The POST of the register form: `people` in the first rows, the rest of `rows` left empty."""
    rows = max(rows, len(people))
    data = {
        "delegates-TOTAL_FORMS": str(rows),
        "delegates-INITIAL_FORMS": "0",
        "delegates-MIN_NUM_FORMS": "0",
        "delegates-MAX_NUM_FORMS": "50",
    }
    for number, row in enumerate(people):
        data.update({f"delegates-{number}-{field}": value for field, value in row.items()})
    if consent:
        data["consent"] = "on"
    data.update(extra)
    return data


def delegate_data(**kw):
    """The POST of a one-delegate form (edit, substitute)."""
    return person(**kw)


def statuses(event, province):
    return list(
        Registration.objects.filter(event=event, province=province)
        .order_by("created_at")
        .values_list("status", flat=True)
    )


def page_text(response):
    return response.content.decode()


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


# --- accounts and access --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [("dashboard", ()), ("register", ("x",)), ("event-registrations", ("x",)), ("registration-edit", (1,))],
)
def test_portal_pages_need_a_login(client, name, args):
    response = client.get(url(name, *args))
    assert response.status_code == 302
    assert response.url == f"{url('login')}?next={url(name, *args)}"


def test_staff_user_without_officer_row_gets_a_403_saying_the_portal_is_for_officers(client):
    staff = factories.account(is_staff=True)
    client.force_login(staff)
    response = client.get(url("dashboard"))
    assert response.status_code == 403
    assert "This portal is for provincial officers" in page_text(response)


def test_officer_logs_in_and_lands_on_the_dashboard(client, lam_dong):
    officer(lam_dong, username="canbo.lamdong")
    response = client.post(url("login"), {"username": "canbo.lamdong", "password": "pw-canbo.lamdong"})
    assert response.status_code == 302
    assert response.url == url("dashboard")
    assert "Lâm Đồng Province" in page_text(client.get(url("dashboard")))  # the portal in English here


def test_login_page_says_when_the_password_is_wrong(client, me):
    response = client.post(url("login"), {"username": me.username, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in page_text(response)


def test_logout_is_a_post_and_ends_the_session(portal):
    assert portal.get(url("logout")).status_code == 405
    response = portal.post(url("logout"))
    assert response.url == url("login")
    assert portal.get(url("dashboard")).status_code == 302


def test_password_reset_mails_a_link_to_a_known_officer_that_sets_a_new_password(client, me, mailoutbox):
    response = client.post(url("password-reset"), {"email": "canbo@lamdong.gov.vn"})
    assert response.url == url("password-reset-done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["canbo@lamdong.gov.vn"]
    link = re.search(r"https?://\S+(/portal/password-reset/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Lam-Dong-2026!", "new_password2": "Lam-Dong-2026!"}
    )
    assert done.url == url("password-reset-complete")
    assert client.login(request=HttpRequest(), username=me.username, password="Lam-Dong-2026!")


def test_password_reset_mails_nobody_for_an_unknown_address_or_a_staff_account(client, mailoutbox):
    factories.account(email="staff@bo.gov.vn", is_staff=True)
    for address in ["nobody@example.vn", "staff@bo.gov.vn"]:
        assert client.post(url("password-reset"), {"email": address}).url == url("password-reset-done")
    assert mailoutbox == []


# --- dashboard ------------------------------------------------------------------------------------


def test_dashboard_lists_open_events_with_seats_left_deadline_and_counts(portal, me, lam_dong, gia_lai):
    now = timezone.now()
    open_now = open_event({lam_dong: 5, gia_lai: 5}, title="Tập huấn mở")
    factories.registration(event=open_now, province=lam_dong)
    factories.registration(event=open_now, province=lam_dong)
    factories.registration(event=open_now, province=gia_lai)  # not ours: neither counted nor shown
    open_event({lam_dong: 5}, title="Chưa mở", opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=5))
    open_event({lam_dong: 5}, title="Bản nháp", status=Event.Status.DRAFT)
    closed = open_event({lam_dong: 5}, title="Đã đóng")
    factories.registration(event=closed, province=lam_dong)
    closed.registration_settings.closes_at = now - timedelta(hours=1)
    closed.registration_settings.opens_at = now - timedelta(days=5)
    closed.registration_settings.save()

    response = portal.get(url("dashboard"))

    assert [event.title for event in response.context["open_events"]] == ["Tập huấn mở"]
    shown = response.context["open_events"][0]
    assert shown.seats_left == 3 == services.seats_left(open_now, lam_dong)
    assert shown.status_counts == [("pending", Status.PENDING.label, 2)]
    assert [event.title for event in response.context["followed_events"]] == ["Đã đóng"]
    text = page_text(response)
    deadline = timezone.localtime(open_now.registration_settings.closes_at).strftime("%-d/%-m/%Y %H:%M")
    assert deadline in text
    assert url("register", open_now.slug) in text
    assert "Chưa mở" not in text
    assert "Bản nháp" not in text


def test_dashboard_seats_left_respect_the_event_capacity(portal, lam_dong, gia_lai):
    event = open_event({lam_dong: 5, gia_lai: 5}, capacity=3)
    factories.registration(event=event, province=gia_lai)
    factories.registration(event=event, province=gia_lai)
    shown = portal.get(url("dashboard")).context["open_events"][0]
    assert shown.seats_left == 1 == services.seats_left(event, lam_dong)


def test_dashboard_query_count_does_not_grow_with_events_or_registrations(portal, lam_dong):
    def make(n):
        for _ in range(n):
            event = open_event({lam_dong: 5})
            factories.registration(event=event, province=lam_dong)
            closed = open_event({lam_dong: 5})
            factories.registration(event=closed, province=lam_dong)
            closed.registration_settings.opens_at = timezone.now() - timedelta(days=5)
            closed.registration_settings.closes_at = timezone.now() - timedelta(days=1)
            closed.registration_settings.save()

    make(2)
    few = count_queries(portal, url("dashboard"))
    make(8)
    response = portal.get(url("dashboard"))
    assert len(response.context["open_events"]) == 10
    assert len(response.context["followed_events"]) == 10
    assert count_queries(portal, url("dashboard")) == few == 5  # session, user, officer, two event lists


# --- registering ----------------------------------------------------------------------------------


def test_register_page_shows_seats_left_and_deadline(portal, lam_dong):
    event = open_event({lam_dong: 4})
    response = portal.get(url("register", event.slug))
    assert response.status_code == 200
    assert response.context["seats_left"] == 4
    text = page_text(response)
    assert "Seats left for your province" in text
    assert timezone.localtime(event.registration_settings.closes_at).strftime("%-d/%-m/%Y %H:%M") in text
    assert "Personal Data Protection Law 91/2025/QH15" in text
    assert "erased 6 months after the event" in text


def test_registering_three_delegates_records_them_consent_and_history(portal, me, lam_dong):
    event = open_event({lam_dong: 5})
    before = timezone.now()
    response = portal.post(url("register", event.slug), form_data(person(), person(), person()))
    assert response.status_code == 302
    assert response.url == url("event-registrations", event.slug)
    registrations = Registration.objects.filter(event=event, province=lam_dong)
    assert [r.status for r in registrations] == [Status.PENDING] * 3
    assert all(before <= r.consent_at <= timezone.now() for r in registrations)
    assert all(r.registered_by == me for r in registrations)
    changes = RegistrationChange.objects.filter(registration__in=registrations)
    assert [(c.from_status, c.to_status, c.actor) for c in changes] == [("", Status.PENDING, me)] * 3
    followed = portal.get(response.url)
    assert "3 delegates registered: 3 pending." in page_text(followed)


def test_empty_rows_are_ignored(portal, lam_dong):
    event = open_event({lam_dong: 5})
    response = portal.post(url("register", event.slug), form_data(person(), rows=5))
    assert response.status_code == 302
    assert Registration.objects.filter(event=event).count() == 1


def test_over_quota_with_a_waiting_list_waitlists_the_rest(
    portal, lam_dong, mailoutbox, django_capture_on_commit_callbacks
):
    event = open_event({lam_dong: 2}, needs_approval=False, keeps_waitlist=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = portal.post(url("register", event.slug), form_data(person(), person(), person()))
    assert response.status_code == 302
    assert statuses(event, lam_dong) == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert "3 delegates registered: 2 confirmed, 1 waitlisted." in page_text(portal.get(response.url))
    assert len(mailoutbox) == 2


def test_over_quota_without_a_waiting_list_refuses_the_whole_submission(portal, lam_dong):
    event = open_event({lam_dong: 2}, keeps_waitlist=False)
    response = portal.post(url("register", event.slug), form_data(person(), person(), person()))
    assert response.status_code == 200
    assert "Only 2 seat(s) left for your province; you submitted 3. Nothing was saved." in page_text(response)
    assert Registration.objects.count() == 0
    assert RegistrationChange.objects.count() == 0


def test_a_province_without_seats_is_told_before_filling_the_form(portal, lam_dong, gia_lai):
    no_quota = open_event({gia_lai: 5})
    full = open_event({lam_dong: 1}, keeps_waitlist=False)
    factories.registration(event=full, province=lam_dong)
    for event, message in [
        (no_quota, "Your province has no seats at this event."),
        (full, "All your province&#x27;s seats are taken and this event keeps no waiting list."),
    ]:
        page = portal.get(url("register", event.slug))
        assert message in page_text(page)
        assert page.context["formset"].is_bound is False
        assert 'class="register-form"' not in page_text(page)
        assert portal.post(url("register", event.slug), form_data(person())).status_code == 200
    assert Registration.objects.count() == 1


def test_a_full_event_says_so_even_when_the_province_has_quota_left(portal, lam_dong, gia_lai):
    event = open_event({lam_dong: 5, gia_lai: 5}, capacity=2, keeps_waitlist=False)
    factories.registration(event=event, province=gia_lai)
    factories.registration(event=event, province=gia_lai)
    message = "This event is full and keeps no waiting list."
    assert message in page_text(portal.get(url("dashboard")))
    page = portal.get(url("register", event.slug))
    assert message in page_text(page)
    assert "seats are taken" not in page_text(page)
    response = portal.post(url("register", event.slug), form_data(person()))
    assert f"{message} Nothing was saved." in page_text(response)
    assert Registration.objects.count() == 2


def test_over_the_event_capacity_the_refusal_names_the_event_not_the_province(portal, lam_dong):
    event = open_event({lam_dong: 5}, capacity=2, keeps_waitlist=False)
    response = portal.post(url("register", event.slug), form_data(person(), person(), person()))
    assert "Only 2 seat(s) left at this event; you submitted 3. Nothing was saved." in page_text(response)
    assert Registration.objects.count() == 0


def test_after_the_deadline_the_page_says_so_and_nothing_is_saved(portal, lam_dong):
    now = timezone.now()
    event = open_event({lam_dong: 5}, opens_at=now - timedelta(days=10), closes_at=now - timedelta(minutes=1))
    page = portal.get(url("register", event.slug))
    assert "Registration closed on" in page_text(page)
    assert '<form method="post" class="register-form"' not in page_text(page)
    response = portal.post(url("register", event.slug), form_data(person()))
    assert response.status_code == 200
    assert "Registration closed on" in page_text(response)
    assert "Nothing was saved." in page_text(response)
    assert Registration.objects.count() == 0


def test_deadline_passing_between_page_and_submit_is_a_form_error(portal, lam_dong, monkeypatch):
    event = open_event({lam_dong: 5})
    real = services.register_delegates

    def late(**kw):
        return real(**{**kw, "now": timezone.now() + timedelta(days=11)})

    monkeypatch.setattr(services, "register_delegates", late)
    response = portal.post(url("register", event.slug), form_data(person()))
    assert response.status_code == 200
    assert "has passed; nothing can be registered or changed." in page_text(response)
    assert Registration.objects.count() == 0


def test_malformed_phone_and_email_are_errors_of_their_fields(portal, lam_dong):
    event = open_event({lam_dong: 5})
    response = portal.post(
        url("register", event.slug), form_data(person(), person(phone="12345", email="not-an-address"))
    )
    assert response.status_code == 200
    errors = response.context["formset"].errors
    assert errors[0] == {}
    assert set(errors[1]) == {"phone", "email"}
    assert "is not a Vietnamese phone number" in errors[1]["phone"][0]
    assert Registration.objects.count() == 0


def test_an_empty_form_asks_for_at_least_one_delegate(portal, lam_dong):
    event = open_event({lam_dong: 5})
    response = portal.post(url("register", event.slug), form_data())
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == ["Add at least one delegate."]
    assert "Add at least one delegate." in page_text(response)
    assert Registration.objects.count() == 0


def test_registering_without_consent_is_refused(portal, lam_dong):
    event = open_event({lam_dong: 5})
    response = portal.post(url("register", event.slug), form_data(person(), consent=False))
    assert response.status_code == 200
    assert response.context["consent_form"].errors["consent"] == [
        "Tick the box to confirm the delegates agreed to this use of their data."
    ]
    assert Registration.objects.count() == 0


def test_the_same_person_cannot_be_registered_twice(portal, lam_dong):
    event = open_event({lam_dong: 5})
    factories.registration(
        event=event, province=lam_dong, family_name="Nguyễn", middle_name="Văn", given_name="An", phone="0912345678"
    )
    same = person(family_name="nguyen", middle_name="van", given_name="AN", phone="+84 912 345 678")
    response = portal.post(url("register", event.slug), form_data(person(), same))
    assert response.status_code == 200
    assert "(same name and phone) is already registered for this event." in page_text(response)
    assert Registration.objects.count() == 1


def test_a_tampered_province_in_the_post_is_ignored(portal, lam_dong, gia_lai):
    event = open_event({lam_dong: 5, gia_lai: 5})
    response = portal.post(
        url("register", event.slug), form_data(person(), province=gia_lai.pk, province_id=gia_lai.pk)
    )
    assert response.status_code == 302
    assert Registration.objects.get(event=event).province == lam_dong


@pytest.mark.parametrize("which", ["unknown", "draft", "no-settings"])
def test_register_for_an_unknown_or_unpublished_event_is_a_404(portal, lam_dong, which):
    slug = {
        "unknown": lambda: "khong-co-su-kien-nay",
        "draft": lambda: open_event({lam_dong: 5}, status=Event.Status.DRAFT).slug,
        "no-settings": lambda: factories.event(status=PUBLISHED).slug,
    }[which]()
    assert portal.get(url("register", slug)).status_code == 404
    assert portal.post(url("register", slug), form_data(person())).status_code == 404
    assert Registration.objects.count() == 0


def test_post_views_hide_personal_data_from_error_reports(portal, lam_dong):
    event = open_event({lam_dong: 5})
    response = portal.post(url("register", event.slug), form_data(person(phone="1")))
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"


def test_without_javascript_more_rows_can_be_asked_for(portal, lam_dong):
    event = open_event({lam_dong: 5})
    assert len(portal.get(url("register", event.slug)).context["formset"].forms) == 3
    assert len(portal.get(url("register", event.slug), {"rows": 6}).context["formset"].forms) == 6
    assert len(portal.get(url("register", event.slug), {"rows": "lots"}).context["formset"].forms) == 3


# --- the province's list for an event ------------------------------------------------------------


def test_event_list_shows_own_delegates_with_status_and_actions_not_other_provinces(portal, lam_dong, gia_lai):
    event = open_event({lam_dong: 1, gia_lai: 5}, needs_approval=False)
    confirmed = factories.registration(event=event, province=lam_dong, given_name="Bình")
    waiting = factories.registration(event=event, province=lam_dong, given_name="Chi")
    other = factories.registration(event=event, province=gia_lai, given_name="Dũng", phone="0987654321")
    response = portal.get(url("event-registrations", event.slug))
    assert [r.pk for r in response.context["registrations"]] == [confirmed.pk, waiting.pk]
    text = page_text(response)
    assert "Confirmed" in text
    assert "Waitlisted" in text
    assert url("confirmation", confirmed.code) in text
    assert url("confirmation", waiting.code) not in text
    assert url("registration-edit", confirmed.pk) in text
    assert url("registration-cancel", waiting.pk) in text
    assert other.full_name not in text
    assert "0987654321" not in text


def test_event_list_has_no_actions_after_the_deadline(portal, lam_dong):
    event = open_event({lam_dong: 5})
    registration = factories.registration(event=event, province=lam_dong)
    event.registration_settings.closes_at = timezone.now() - timedelta(minutes=1)
    event.registration_settings.opens_at = timezone.now() - timedelta(days=3)
    event.registration_settings.save()
    text = page_text(portal.get(url("event-registrations", event.slug)))
    assert url("registration-edit", registration.pk) not in text
    assert url("registration-cancel", registration.pk) not in text
    assert "Registration closed on" in text


@pytest.mark.parametrize("n", [1, 5])
def test_event_list_query_count_does_not_grow(portal, lam_dong, n):
    event = open_event({lam_dong: 10})
    for _ in range(n):
        factories.registration(event=event, province=lam_dong)
    # session, user, officer, event, registrations, their changes, services.seats_left's three, materials,
    # whether certificates were issued
    assert count_queries(portal, url("event-registrations", event.slug)) == 11


# --- changing one delegate: edit, cancel, substitute ----------------------------------------------


@pytest.mark.parametrize("action", ["registration-edit", "registration-cancel", "registration-substitute"])
def test_another_provinces_registration_is_a_404(portal, gia_lai, lam_dong, action):
    event = open_event({lam_dong: 5, gia_lai: 5})
    theirs = factories.registration(event=event, province=gia_lai)
    assert portal.get(url(action, theirs.pk)).status_code == 404
    post = delegate_data() | {"consent": "on", "reason": "x"}
    assert portal.post(url(action, theirs.pk), post).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.PENDING
    assert Registration.objects.count() == 1


def test_edit_corrects_a_delegates_details(portal, lam_dong):
    event = open_event({lam_dong: 5})
    registration = factories.registration(event=event, province=lam_dong)
    page = portal.get(url("registration-edit", registration.pk))
    assert page.context["form"].initial["phone"] == registration.phone
    response = portal.post(
        url("registration-edit", registration.pk), delegate_data(given_name="Bình", post="Phó Giám đốc Sở")
    )
    assert response.url == url("event-registrations", event.slug)
    registration.refresh_from_db()
    assert (registration.given_name, registration.post) == ("Bình", "Phó Giám đốc Sở")


def test_edit_with_a_malformed_phone_is_a_field_error(portal, lam_dong):
    registration = factories.registration(event=open_event({lam_dong: 5}), province=lam_dong)
    response = portal.post(url("registration-edit", registration.pk), delegate_data(phone="09"))
    assert set(response.context["form"].errors) == {"phone"}


def test_cancel_asks_first_then_gives_the_seat_to_the_first_waitlisted(portal, lam_dong):
    event = open_event({lam_dong: 1})
    seated = factories.registration(event=event, province=lam_dong)
    first = factories.registration(event=event, province=lam_dong)
    second = factories.registration(event=event, province=lam_dong)
    assert [first.status, second.status] == [Status.WAITLISTED, Status.WAITLISTED]
    page = portal.get(url("registration-cancel", seated.pk))
    assert "Cancel the registration of" in page_text(page)
    seated.refresh_from_db()
    assert seated.status == Status.PENDING

    response = portal.post(url("registration-cancel", seated.pk), {"reason": "Đi công tác"})

    assert response.url == url("event-registrations", event.slug)
    for registration in (seated, first, second):
        registration.refresh_from_db()
    assert (seated.status, first.status, second.status) == (Status.CANCELLED, Status.PENDING, Status.WAITLISTED)
    assert seated.changes.last().reason == "Đi công tác"
    text = page_text(portal.get(response.url))
    assert f"{first.full_name} moves up from the waiting list and is now pending." in text


def test_cancel_after_the_deadline_is_refused(portal, lam_dong):
    event = open_event({lam_dong: 5})
    registration = factories.registration(event=event, province=lam_dong)
    event.registration_settings.opens_at = timezone.now() - timedelta(days=3)
    event.registration_settings.closes_at = timezone.now() - timedelta(minutes=1)
    event.registration_settings.save()
    response = portal.post(url("registration-cancel", registration.pk))
    assert response.status_code == 200
    assert "Registration closed on" in page_text(response)
    registration.refresh_from_db()
    assert registration.status == Status.PENDING


def test_substitute_passes_the_seat_and_status_to_the_new_person(
    portal, me, lam_dong, mailoutbox, django_capture_on_commit_callbacks
):
    event = open_event({lam_dong: 1}, needs_approval=False)
    old = factories.registration(event=event, province=lam_dong)
    waiting = factories.registration(event=event, province=lam_dong)
    assert old.status == Status.CONFIRMED
    new = delegate_data(family_name="Lê", middle_name="Thị", given_name="Hoa", email="hoa@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        response = portal.post(url("registration-substitute", old.pk), new | {"consent": "on"})
    assert response.url == url("event-registrations", event.slug)
    old.refresh_from_db()
    waiting.refresh_from_db()
    substitute = Registration.objects.get(replaces=old)
    assert (old.status, substitute.status, waiting.status) == (Status.CANCELLED, Status.CONFIRMED, Status.WAITLISTED)
    assert substitute.full_name == "Lê Thị Hoa"
    assert substitute.province == lam_dong
    assert substitute.registered_by == me
    assert substitute.consent_at is not None
    assert [m.to for m in mailoutbox] == [["hoa@example.vn"]]


def test_substitute_needs_consent(portal, lam_dong):
    old = factories.registration(event=open_event({lam_dong: 1}), province=lam_dong)
    response = portal.post(url("registration-substitute", old.pk), delegate_data())
    assert "consent" in response.context["consent_form"].errors
    old.refresh_from_db()
    assert old.status == Status.PENDING
    assert Registration.objects.count() == 1


def test_a_cancelled_delegate_cannot_be_changed(portal, me, lam_dong):
    registration = factories.registration(event=open_event({lam_dong: 1}), province=lam_dong)
    services.cancel_registration(registration, actor=me)
    response = portal.post(url("registration-substitute", registration.pk), delegate_data() | {"consent": "on"})
    assert response.status_code == 200
    assert "is cancelled: there is nothing to change." in page_text(response)
    assert Registration.objects.count() == 1


# --- confirmation ---------------------------------------------------------------------------------


def test_confirmation_page_shows_qr_and_code_but_no_phone_or_email(client, lam_dong):
    event = open_event({lam_dong: 5}, needs_approval=False, venue="Trung tâm Hội nghị", city="Đà Lạt")
    registration = factories.registration(
        event=event, province=lam_dong, phone="0912345678", email="an@example.vn", post="Phó Giám đốc Sở"
    )
    response = client.get(url("confirmation", registration.code))
    assert response.status_code == 200
    text = page_text(response)
    assert "<svg" in text
    assert registration.code in text
    for shown in (
        registration.full_name,
        "Phó Giám đốc Sở",
        "Lâm Đồng Province",
        event.title,
        "Đà Lạt",
        event.display_date,
    ):
        assert shown in text
    assert "0912345678" not in text
    assert "an@example.vn" not in text
    assert '<meta name="robots" content="noindex' in text


def test_confirmation_page_is_a_404_for_a_pending_or_unknown_code(client, lam_dong):
    pending = factories.registration(event=open_event({lam_dong: 5}), province=lam_dong)
    assert pending.status == Status.PENDING
    assert client.get(url("confirmation", pending.code)).status_code == 404
    assert client.get(url("confirmation", "khong-phai-ma")).status_code == 404


def test_registering_a_confirmed_delegate_mails_the_confirmation_link(
    portal, lam_dong, mailoutbox, django_capture_on_commit_callbacks
):
    event = open_event({lam_dong: 5}, needs_approval=False)
    with django_capture_on_commit_callbacks(execute=True):
        portal.post(url("register", event.slug), form_data(person(email="an@example.vn"), person(email="")))
    registration = Registration.objects.get(email="an@example.vn")
    assert registration.status == Status.CONFIRMED
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["an@example.vn"]
    assert url("confirmation", registration.code) in mailoutbox[0].body
