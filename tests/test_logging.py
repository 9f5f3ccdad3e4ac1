"""No secret reaches a log: check-in codes and password-reset links work like passwords, and e-mail
addresses are personal data. Mail itself is never printed outside development."""

import contextlib
import io
import logging
import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.logging import RedactSecrets
from events.models import Event
from registrations.models import Registration
from tests import factories


def _configured_handlers(logger):
    """The handlers settings.LOGGING gave `logger` (pytest adds capture handlers of its own)."""
    return [h for h in logging.getLogger(logger).handlers if any(isinstance(f, RedactSecrets) for f in h.filters)]


@contextlib.contextmanager
def _written_by_configured_handlers():
    """What the handlers of settings.LOGGING (root, django.request, django.server) write meanwhile."""
    written = io.StringIO()
    handlers = [h for name in ("", "django.request", "django.server") for h in _configured_handlers(name)]
    previous = [h.setStream(written) for h in handlers]
    try:
        yield written
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)


def test_filter_masks_the_code_in_a_confirmation_address():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/portal/confirmation/Zx9-secret_CODE/",),
        None,
    )
    assert RedactSecrets().filter(record)
    assert record.getMessage() == "Not Found: /portal/confirmation/…/"


@pytest.mark.parametrize("logger", ["", "django.request", "django.server"])
def test_request_loggers_write_through_the_filter(logger):
    assert _configured_handlers(logger)


@pytest.mark.django_db
def test_a_404_on_a_confirmation_address_logs_no_code(client):
    (handler,) = _configured_handlers("django.request")
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        client.get("/portal/confirmation/Zx9-secret_CODE/")
    finally:
        handler.setStream(previous)
    assert "Not Found: /portal/confirmation/…/" in written.getvalue()
    assert "Zx9-secret_CODE" not in written.getvalue()


def _record(msg, *args, exc_info=None):
    return logging.LogRecord("django.request", logging.ERROR, __file__, 1, msg, args, exc_info)


def test_filter_masks_password_reset_links_and_email_addresses_in_the_message_and_its_arguments():
    record = _record(
        "Mail to %s: %s (from canbo@lamdong.gov.vn)",
        "an.nguyen@example.vn",
        "https://ttdn.example.vn/portal/password-reset/MQ/cz1kx2-0123456789abcdef/",
    )
    assert RedactSecrets().filter(record)
    assert record.getMessage() == (
        "Mail to …@example.vn: https://ttdn.example.vn/portal/password-reset/…/…/ (from …@lamdong.gov.vn)"
    )


def test_filter_leaves_the_reset_pages_without_a_secret_alone_and_masks_an_encoded_address():
    record = _record('"GET /portal/password-reset/sent/ HTTP/1.1" 200 | /vi/search/?q=an%40example.vn')
    assert RedactSecrets().filter(record)
    assert record.getMessage() == '"GET /portal/password-reset/sent/ HTTP/1.1" 200 | /vi/search/?q=…@example.vn'


def test_filter_masks_the_text_of_an_attached_exception():
    try:
        raise ValueError("refused: an.nguyen@example.vn for /portal/confirmation/Zx9-secret_CODE/")
    except ValueError:
        record = _record("Sending failed", exc_info=sys.exc_info())
    assert RedactSecrets().filter(record)
    written = logging.Formatter().format(record)
    assert "ValueError: refused: …@example.vn for /portal/confirmation/…/" in written
    assert "an.nguyen" not in written
    assert "Zx9-secret_CODE" not in written


def test_server_log_lines_of_confirmation_and_reset_addresses_hold_no_secret():
    """The line `runserver` writes for each request (django.core.servers.basehttp), through the handlers."""
    server = logging.getLogger("django.server")
    with _written_by_configured_handlers() as written:
        for path in ("/portal/confirmation/Zx9-secret_CODE/", "/portal/password-reset/MQ/cz1kx2-0123456789abcdef/"):
            server.info('"%s" %s %s', f"GET {path} HTTP/1.1", "200", "1234", extra={"status_code": 200})
    lines = written.getvalue().splitlines()
    assert [line.split("] ", 1)[1] for line in lines] == [
        '"GET /portal/confirmation/…/ HTTP/1.1" 200 1234',
        '"GET /portal/password-reset/…/…/ HTTP/1.1" 200 1234',
    ]


def test_gunicorn_logs_through_the_filter():
    """gunicorn.conf.py's logging, set up as gunicorn does it, in a process of its own."""
    script = """
import datetime, logging, runpy, types
from gunicorn.config import Config
from gunicorn.glogging import Logger
from config.logging import RedactSecrets

cfg = Config()
cfg.set("logconfig_dict", runpy.run_path("gunicorn.conf.py")["logconfig_dict"])
log = Logger(cfg)
for name in ("", "gunicorn.error", "gunicorn.access"):
    handlers = logging.getLogger(name).handlers
    assert handlers and all(any(isinstance(f, RedactSecrets) for f in h.filters) for h in handlers), name
environ = {
    "REQUEST_METHOD": "GET",
    "RAW_URI": "/portal/confirmation/Zx9-secret_CODE/?email=an%40example.vn",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "REMOTE_ADDR": "203.0.113.9",
    "HTTP_REFERER": "https://ttdn.example.vn/portal/password-reset/MQ/cz1kx2-0123456789abcdef/",
}
response = types.SimpleNamespace(status="200 OK", headers=[], sent=1234)
log.access(response, types.SimpleNamespace(headers=[]), environ, datetime.timedelta(seconds=1))
try:
    raise OSError("an.nguyen@example.vn")
except OSError:
    log.exception("Error handling request %s", "/portal/password-reset/MQ/cz1kx2-0123456789abcdef/")
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    assert '"GET /portal/confirmation/…/?email=…@example.vn HTTP/1.1" 200 1234' in result.stdout
    assert '"https://ttdn.example.vn/portal/password-reset/…/…/"' in result.stdout
    assert "[ERROR] Error handling request /portal/password-reset/…/…/" in result.stderr
    assert "OSError: …@example.vn" in result.stderr
    for secret in ("Zx9-secret_CODE", "an%40", "an.nguyen", "cz1kx2"):
        assert secret not in result.stdout + result.stderr


def _production_mail_backend():
    """The e-mail backend config.settings picks with DEBUG off and no DJANGO_EMAIL_HOST."""
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.EMAIL_BACKEND)"],
        env={"PATH": os.environ["PATH"], "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x"},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.django_db
def test_a_confirmation_and_a_password_reset_leave_no_secret_in_any_output(
    settings, tmp_path, caplog, capsys, django_capture_on_commit_callbacks
):
    """Production's mail backend, the portal's register and password-reset pages, logging at DEBUG."""
    settings.EMAIL_BACKEND = _production_mail_backend()
    settings.EMAIL_FILE_PATH = tmp_path / "sent-mail"
    caplog.set_level(logging.DEBUG)
    lam_dong = factories.current_province("Tỉnh Lâm Đồng")
    officer = factories.officer(user=factories.account(email="canbo@lamdong.gov.vn"), province=lam_dong).user
    event = factories.registration_open(
        quotas={lam_dong: 5},
        needs_approval=False,
        status=Event.Status.PUBLISHED,
        start_date=timezone.localdate() + timedelta(days=30),
    )
    delegate = {
        "family_name": "Nguyễn",
        "middle_name": "Văn",
        "given_name": "An",
        "post": "Chuyên viên",
        "organisation": "Sở Văn hóa và Thể thao",
        "gender": "male",
        "phone": "0912 000 001",
        "email": "an.nguyen@example.vn",
    }
    form = {"delegates-TOTAL_FORMS": "1", "delegates-INITIAL_FORMS": "0", "consent": "on"}
    form.update({f"delegates-0-{field}": value for field, value in delegate.items()})
    portal, anonymous = Client(), Client()
    portal.force_login(officer)

    with _written_by_configured_handlers() as written:
        with django_capture_on_commit_callbacks(execute=True):
            assert portal.post(reverse("portal:register", args=[event.slug]), form).status_code == 302
        assert anonymous.post(reverse("portal:password-reset"), {"email": "canbo@lamdong.gov.vn"}).status_code == 302
        printed = "".join(capsys.readouterr())
        assert "/portal/confirmation/" not in printed and "/portal/password-reset/" not in printed, printed
        sent = "".join(path.read_text() for path in sorted(settings.EMAIL_FILE_PATH.iterdir()))
        reset_path = re.search(r"/portal/password-reset/[^/\s]+/[^/\s]+/", sent).group()
        form_page = anonymous.get(reset_path, follow=True)
        new_password = {"new_password1": "Lam-Dong-2026!", "new_password2": "Lam-Dong-2026!"}
        assert anonymous.post(form_page.redirect_chain[-1][0], new_password).status_code == 302
        # Addresses like them that are not found (a probe, a stale link) are logged as 404s.
        anonymous.get(reverse("portal:confirmation", args=["Zx9-secret_CODE"]))
        anonymous.get(f"{reset_path}x/")

    code = Registration.objects.get(event=event).code
    token = reset_path.strip("/").split("/")[-1]
    assert code in sent and token in sent  # the secrets were mailed, to files
    output = "\n".join([caplog.text, written.getvalue(), printed, *capsys.readouterr()])
    assert "Not Found: /portal/confirmation/…/" in output
    assert "Not Found: /portal/password-reset/…/…/x/" in output
    for secret in (code, token, "Zx9-secret_CODE", "an.nguyen@example.vn", "canbo@lamdong.gov.vn"):
        assert secret not in output
