"""Check-in codes never reach the logs: they work like passwords."""

import io
import logging

import pytest

from config.logging import RedactConfirmationCodes


def _configured_handlers(logger):
    """The handlers settings.LOGGING gave `logger` (pytest adds capture handlers of its own)."""
    return [
        h for h in logging.getLogger(logger).handlers if any(isinstance(f, RedactConfirmationCodes) for f in h.filters)
    ]


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
    assert RedactConfirmationCodes().filter(record)
    assert record.getMessage() == "Not Found: /portal/confirmation/…/"


@pytest.mark.parametrize("logger", ["django.request", "django.server"])
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
