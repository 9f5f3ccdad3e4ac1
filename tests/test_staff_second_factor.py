"""The second factor on every staff surface: the admin and /staff/ accept the same verified sessions only, the
portal login refuses staff, STAFF_REQUIRE_TOTP and the shorter staff session (issue 11)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from events.roles import REGISTRAR, ensure_staff_groups
from registrations import urls_staff
from registrations.export_jobs import request_export
from registrations.models import Survey
from tests import factories

pytestmark = pytest.mark.django_db

# Every page of events/urls_staff.py by GET, and the check-in's POST too.
STAFF_REQUESTS = [
    *(pytest.param(pattern.name, "get", id=f"{pattern.name}-get") for pattern in urls_staff.urlpatterns),
    pytest.param("check-in", "post", id="check-in-post"),
]


def _password(user) -> str:
    return f"pw-{user.username}"


def _client() -> Client:
    return Client(headers={"accept-language": "en"})


def _registrar(**kw):
    group = Group.objects.filter(name=REGISTRAR).first() or ensure_staff_groups()[REGISTRAR]
    user = factories.account(is_staff=True, **kw)
    user.groups.add(group)
    return user


def _enrol_totp(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _code(device) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)


def _admin_login(client, user, device=None, **extra):
    data = {"username": user.username, "password": _password(user), **extra}
    if device is not None:
        data.update(otp_device=device.persistent_id, otp_token=_code(device))
    return client.post(reverse("admin:login"), data)


@pytest.fixture
def event():
    province = factories.current_province()
    the_event = factories.registration_open(quotas={province: 10})
    delegate = factories.confirmed_registration(event=the_event, province=province)
    factories.certificate(registration=delegate)  # the PDFs of the event and of its province
    Survey.objects.create(event=the_event)  # its results and their exports
    factories.material(event=the_event)
    return the_event


# The row a staff address with an id names, one of the event's.
OBJECT_OF = {
    "material": lambda event: event.materials.get().pk,
    # Prepared once (at once, on the immediate backend), however often its address is asked for.
    "export-download": lambda event: (event.export_jobs.first() or request_export(event, "csv", actor=None)).pk,
}


def _url(name, event) -> str:
    pattern = next(p for p in urls_staff.urlpatterns if p.name == name)
    kwargs = {"slug": event.slug} if "slug" in pattern.pattern.converters else {}
    if "pk" in pattern.pattern.converters:
        kwargs["pk"] = OBJECT_OF[name](event)
    if "province" in pattern.pattern.converters:
        kwargs["province"] = event.registrations.get().province_id
    return reverse(f"staff:{name}", kwargs=kwargs)


def _request(client, name, method, event):
    data = {"code": "NO-SUCH-CODE"} if method == "post" else {}
    return getattr(client, method)(_url(name, event), data)


# --- /staff/ wants the session the admin wants --------------------------------------------------------


@pytest.mark.parametrize(("name", "method"), STAFF_REQUESTS)
def test_staff_page_sends_a_password_only_session_of_a_registrar_with_a_device_to_the_admin_login(event, name, method):
    user = _registrar()
    _enrol_totp(user)
    client = _client()
    client.force_login(user)  # the password alone: no device verified in this session

    response = _request(client, name, method, event)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={_url(name, event)}"
    assert "Content-Disposition" not in response


@pytest.mark.parametrize(("name", "method"), STAFF_REQUESTS)
def test_staff_page_serves_a_registrar_who_gave_the_code_at_the_admin_login(event, name, method):
    user = _registrar()
    device = _enrol_totp(user)
    client = _client()
    assert _admin_login(client, user, device).status_code == 302

    response = _request(client, name, method, event)

    assert response.status_code == 200


def test_the_admin_and_the_staff_pages_refuse_the_same_session(event):
    user = _registrar()
    client = _client()
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("staff:index")).status_code == 200

    _enrol_totp(user)

    assert client.get(reverse("admin:index")).status_code == 302
    assert client.get(reverse("staff:index")).status_code == 302


# --- the portal login is for officers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(lambda: factories.account(is_staff=True), id="staff"),
        pytest.param(lambda: _registrar(), id="registrar"),
        pytest.param(lambda: _enrol_totp(factories.account()).user, id="device-not-staff"),
    ],
)
def test_portal_login_refuses_staff_and_points_to_the_staff_login(make_user):
    user = make_user()
    client = _client()

    response = client.post(reverse("portal:login"), {"username": user.username, "password": _password(user)})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "This is a staff account: log in at the staff login" in page
    assert f'href="{reverse("admin:login")}"' in page


def test_portal_login_still_logs_an_officer_in():
    officer = factories.officer()
    client = _client()

    response = client.post(
        reverse("portal:login"), {"username": officer.user.username, "password": _password(officer.user)}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.user.pk)


# --- STAFF_REQUIRE_TOTP -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(lambda: _registrar(), id="registrar"),
        pytest.param(lambda: factories.account(is_staff=True, is_superuser=True), id="superuser"),
    ],
)
def test_required_totp_refuses_registrars_and_superusers_without_a_device_at_the_admin_login(settings, make_user):
    settings.STAFF_REQUIRE_TOTP = True
    user = make_user()
    client = _client()

    response = _admin_login(client, user)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "ask an administrator to enrol an authenticator device for you" in response.content.decode()


def test_required_totp_refuses_a_session_opened_before_it_was_required(settings, event):
    user = _registrar()
    client = _client()
    client.force_login(user)
    settings.STAFF_REQUIRE_TOTP = True

    assert client.get(reverse("admin:index")).status_code == 302
    assert client.get(_url("export-csv", event)).status_code == 302


def test_required_totp_lets_a_registrar_with_a_device_in_with_the_code(settings, event):
    settings.STAFF_REQUIRE_TOTP = True
    user = _registrar()
    device = _enrol_totp(user)
    client = _client()

    assert _admin_login(client, user, device).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(_url("export-csv", event)).status_code == 200


def test_required_totp_leaves_editors_without_a_device_alone(settings):
    settings.STAFF_REQUIRE_TOTP = True
    user = factories.account(is_staff=True)
    user.groups.add(ensure_staff_groups()["editor"])
    client = _client()

    assert _admin_login(client, user).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_without_required_totp_a_registrar_without_a_device_logs_in_with_the_password():
    user = _registrar()
    client = _client()

    assert _admin_login(client, user).status_code == 302
    assert client.get(reverse("staff:index")).status_code == 200


# --- shorter staff sessions -------------------------------------------------------------------------------


def test_a_staff_login_session_ends_after_staff_session_hours(settings):
    settings.STAFF_SESSION_HOURS = 8
    user = _registrar()
    device = _enrol_totp(user)
    client = _client()

    before = timezone.now()
    assert _admin_login(client, user, device).status_code == 302

    expiry = client.session.get_expiry_date()
    assert before + timedelta(hours=8) <= expiry <= timezone.now() + timedelta(hours=8)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] <= 8 * 3600


def test_an_officer_session_keeps_the_default_age(settings):
    officer = factories.officer()
    client = _client()

    before = timezone.now()
    client.post(reverse("portal:login"), {"username": officer.user.username, "password": _password(officer.user)})

    assert "_session_expiry" not in client.session
    assert client.session.get_expiry_date() >= before + timedelta(seconds=settings.SESSION_COOKIE_AGE)
