"""Production settings, security headers, login throttling and the optional second factor."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories

pytestmark = pytest.mark.django_db


def test_production_settings_pass_the_deploy_check_with_no_warning():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "ttdn.example.vn",
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
