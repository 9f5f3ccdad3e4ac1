"""Production settings, security headers, login throttling, the optional second factor, and bad input
that used to crash a page (found by tests/test_crawl.py and tests/test_properties.py)."""

import os
import secrets
import subprocess
import sys
from datetime import date, timedelta
from io import BytesIO

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from config.media import serve
from events.models import Event, Photo
from people.models import Person
from registrations import services
from tests import factories
from tests.admin_forms import admin_form_data, form_errors, inline_rows

pytestmark = pytest.mark.django_db


def test_production_settings_pass_the_deploy_check_with_no_warning():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "ttdn.example.vn",
        "DJANGO_EMAIL_HOST": "smtp.example.vn",  # without one, the check fails: tests/test_settings.py
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_pages_carry_the_security_headers(client):
    response = client.get(reverse("events:home"))
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def _password(user):
    return f"pw-{user.username}"  # as factories.account makes it


def _fail_logins(client, url, username, times):
    for _ in range(times):
        client.post(url, {"username": username, "password": "wrong"})


@pytest.mark.parametrize("login", ["admin:login", "portal:login"])
def test_five_failed_logins_lock_the_account_from_that_address_for_15_minutes(client, login):
    user = factories.account(is_staff=True) if login == "admin:login" else factories.account()
    url = reverse(login)
    _fail_logins(client, url, user.username, 5)
    response = client.post(url, {"username": user.username, "password": _password(user)})
    assert response.status_code == 429
    assert (
        "Too many failed logins" in response.content.decode()
        or "Đăng nhập sai quá nhiều lần" in response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_four_failures_then_the_right_password_still_logs_in(client):
    user = factories.account(is_staff=True)
    _fail_logins(client, reverse("admin:login"), user.username, 4)
    response = client.post(reverse("admin:login"), {"username": user.username, "password": _password(user)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def _enrol_totp(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def test_staff_with_a_totp_device_must_give_its_code(client):
    user = factories.account(is_staff=True, is_superuser=True)
    device = _enrol_totp(user)
    login = reverse("admin:login")
    response = client.post(login, {"username": user.username, "password": _password(user)})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    code = str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)
    response = client.post(
        login,
        {"username": user.username, "password": _password(user), "otp_device": device.persistent_id, "otp_token": code},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_login_page_asks_for_the_code_in_vietnamese(client):
    page = client.get(reverse("admin:login"), headers={"accept-language": "vi"}).content.decode()
    assert "Mã xác thực" in page
    assert "Nếu không, hãy để trống." in page
    assert "OTP" not in page  # django-otp's own English labels ("OTP Token:")


def test_a_wrong_code_is_refused_with_a_vietnamese_message(client):
    user = factories.account(is_staff=True, is_superuser=True)
    device = _enrol_totp(user)
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": _password(user), "otp_device": device.persistent_id, "otp_token": "1"},
        headers={"accept-language": "vi"},
    )
    assert response.status_code == 200
    assert "Mã này sai hoặc đã hết hạn" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_without_a_device_log_in_with_the_password_alone(client):
    user = factories.account(is_staff=True, is_superuser=True)
    response = client.post(reverse("admin:login"), {"username": user.username, "password": _password(user)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_session_without_the_code_is_refused_once_a_device_is_enrolled(client):
    user = factories.account(is_staff=True, is_superuser=True)
    client.force_login(user)
    _enrol_totp(user)
    assert client.get(reverse("admin:index")).status_code == 302  # back to the login page


# --- bad input that used to be a server error ------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "99999999999999999999", "-1", "a\x00", "999999"])
def test_admin_add_page_with_a_relation_that_names_no_row_opens_empty(admin_client, value):
    response = admin_client.get(reverse("admin:events_eventorganiser_add"), {"event": value})

    assert response.status_code == 200
    assert "event" not in response.context["adminform"].form.initial


def test_admin_add_page_with_an_existing_relation_opens_with_it_chosen(admin_client):
    event = factories.event()

    response = admin_client.get(reverse("admin:events_eventorganiser_add"), {"event": event.pk})

    assert response.context["adminform"].form.initial["event"] == str(event.pk)


def test_admin_add_page_drops_a_list_of_relations_if_one_names_no_row(admin_client):
    organisation = factories.organisation()

    response = admin_client.get(reverse("admin:events_outcome_add"), {"organisations": f"{organisation.pk},abc"})

    assert response.status_code == 200
    assert "organisations" not in response.context["adminform"].form.initial


@pytest.mark.parametrize("page", ["admin:otp_totp_totpdevice_config", "admin:otp_totp_totpdevice_qrcode"])
def test_totp_device_pages_of_an_unknown_device_are_not_found(admin_client, page):
    response = admin_client.get(reverse(page, kwargs={"pk": 999999}))

    assert response.status_code == 404


def test_totp_device_page_of_a_known_device_still_opens(admin_client):
    device = _enrol_totp(factories.account(is_staff=True))

    response = admin_client.get(reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk}))

    assert response.status_code == 200


def test_media_file_name_too_long_for_the_file_system_is_not_found(tmp_path):
    with pytest.raises(Http404):
        serve(RequestFactory().get("/media/"), "x" * 1000, document_root=tmp_path)


def test_confirmation_page_with_a_nul_in_the_code_is_not_found(client):
    response = client.get("/portal/confirmation/%00/")

    assert response.status_code == 404


@pytest.mark.parametrize("code", ["\x00", "abc\x00def", "http://testserver/portal/confirmation/\x00/"])
def test_check_in_with_a_nul_in_the_code_says_no_delegate_has_it(admin_client, code):
    event = factories.registration_open()

    response = admin_client.post(reverse("staff:check-in", args=[event.slug]), {"code": code})

    assert response.status_code == 200
    assert response.context["result"]["ok"] is False


def test_check_in_service_refuses_a_code_with_nul_as_unknown():
    event = factories.registration_open()

    with pytest.raises(services.RegistrationError) as refused:
        services.check_in("abc\x00", event=event, actor=None)

    assert refused.value.code == "unknown_code"


def test_failed_login_with_a_very_long_user_name_is_recorded_cut_to_a_user_name_s_length(client):
    response = client.post(reverse("portal:login"), {"username": "x" * 5000, "password": "wrong"})

    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "x" * 150


def _get_sending_no_nul(client, url, query):
    """GET `url` with `query`; and whether no query sent to the database held a NUL, which PostgreSQL
    refuses (DataError) where SQLite just finds nothing."""
    sent = []

    def record(execute, sql, params, many, context):
        sent.append(repr(params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url, query)
    return response, not any("\\x00" in params for params in sent)


@pytest.mark.parametrize("name", ["directive", "organiser", "province", "series", "kind", "year", "sort", "q"])
def test_event_list_with_a_nul_in_a_filter_is_a_bad_request(client, name):
    factories.event(status=Event.Status.PUBLISHED)

    response, no_nul_sent = _get_sending_no_nul(client, reverse("events:event-list"), {name: "\x00"})

    assert response.status_code == 400
    assert no_nul_sent


@pytest.mark.parametrize("name", ["issuer", "kind", "year", "q"])
def test_directive_list_with_a_nul_in_a_filter_is_a_bad_request(client, name):
    factories.directive()

    response, no_nul_sent = _get_sending_no_nul(client, reverse("events:directive-list"), {name: "\x00"})

    assert response.status_code == 400
    assert no_nul_sent


def _truncated_jpeg(name):
    buffer = BytesIO()
    Image.effect_noise((320, 240), 64).convert("RGB").save(buffer, "JPEG")
    data = buffer.getvalue()
    return factories.SimpleUploadedFile(name, data[: len(data) // 2], content_type="image/jpeg")


def test_truncated_jpeg_as_an_event_photo_is_refused_and_nothing_saved(admin_client):
    add = reverse("admin:events_photo_add")
    data = admin_form_data(admin_client.get(add), event=factories.event().pk, caption="Ảnh", order=0)

    response = admin_client.post(add, {**data, "image": _truncated_jpeg("hoi-nghi.jpg")})

    assert response.status_code == 200
    assert form_errors(response) == ["The image is damaged or incomplete."]
    assert Photo.objects.count() == 0


def test_truncated_jpeg_as_a_portrait_is_refused_and_nothing_saved(admin_client):
    add = reverse("admin:people_person_add")
    data = admin_form_data(admin_client.get(add), family_name="Nguyễn", given_name="An", honorific="mr")

    response = admin_client.post(add, {**data, "photo": _truncated_jpeg("chan-dung.jpg")})

    assert response.status_code == 200
    assert form_errors(response) == ["The image is damaged or incomplete."]
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    "query",
    [
        {"status": "\x00"},
        {"kind": "\x00"},
        {"status__exact": "\x00"},
        {"q": "hội\x00nghị"},
        {"start_date__year": "2147483648"},
        {"start_date__year": "99999999999999999999999"},
        {"start_date__year": "9999"},
        {"start_date__year": "9999", "start_date__month": "12"},
        {"start_date__year": "9999", "start_date__month": "12", "start_date__day": "31"},
        {"title__regex": "("},
    ],
)
def test_admin_changelist_with_a_crafted_query_string_is_a_bad_request(admin_client, query):
    factories.event()

    response, no_nul_sent = _get_sending_no_nul(admin_client, reverse("admin:events_event_changelist"), query)

    assert response.status_code == 400
    assert no_nul_sent


def test_admin_changelist_with_a_number_too_large_for_the_column_is_not_a_server_error(admin_client):
    factories.event()

    response = admin_client.get(reverse("admin:events_event_changelist"), {"id__in": "1,99999999999999999999999"})

    # PostgreSQL compares the number and finds no such row; SQLite cannot bind it (OverflowError): 400.
    assert response.status_code == (400 if connection.vendor == "sqlite" else 200)


def test_admin_changelist_drills_down_by_date_as_before(admin_client):
    factories.event(start_date=date(2024, 6, 7))
    changelist = reverse("admin:events_event_changelist")

    response = admin_client.get(changelist, {"start_date__year": "2024", "start_date__month": "6"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize("selected", ["abc", "\x00", "1\x00", "99999999999999999999999"])
def test_admin_action_on_a_crafted_selection_is_a_bad_request(admin_client, selected):
    factories.event()

    response = admin_client.post(
        reverse("admin:events_event_changelist"), {"action": "publish", "_selected_action": [selected], "index": "0"}
    )

    assert response.status_code == 400
    assert not Event.objects.published().exists()


def test_login_throttling_clean_up_action_removes_expired_attempts(admin_client):
    expired = AccessAttempt.objects.create(
        username="x", ip_address="10.0.0.1", user_agent="", failures_since_start=5, get_data="", post_data=""
    )
    AccessAttempt.objects.filter(pk=expired.pk).update(attempt_time=timezone.now() - timedelta(days=1))
    recent = AccessAttempt.objects.create(
        username="y", ip_address="10.0.0.2", user_agent="", failures_since_start=1, get_data="", post_data=""
    )

    response = admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "cleanup_expired_attempts", "_selected_action": [expired.pk], "index": "0"},
    )

    assert response.status_code == 302
    assert list(AccessAttempt.objects.all()) == [recent]


@pytest.mark.parametrize("value", [":", "abc", "\x00", "99999999999999999999999"])
def test_admin_form_with_a_crafted_autocomplete_value_is_shown_again_not_a_server_error(admin_client, value):
    """Django's autocomplete looked a posted value up unchecked when the form was shown again with its errors."""
    add = reverse("admin:events_event_add")
    data = {
        **admin_form_data(admin_client.get(add)),
        "kind": "training",
        "status": "draft",
        "title": "Tập huấn",
        "start_date": "06/11/2018",
        "date_precision": "day",
        "country": "Việt Nam",
        "province": value,
        **inline_rows("organisers", {"organisation": value, "order": 0}),
    }
    response = admin_client.post(add, data)
    assert response.status_code == 200
    assert Event.objects.count() == 0
