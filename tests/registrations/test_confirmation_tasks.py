"""The confirmation e-mail as a task: sent once, retried with back-off when the mail server fails,
the failure visible on the registration, and queued with the registration on the database queue."""

import io
from datetime import timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from registrations import services
from registrations.models import Registration
from registrations.services import CONFIRMATION_RETRY_MINUTES, deliver_confirmation
from tests import factories

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("[Errno 111] Connection refused to an@example.vn")


def register(event, province, **kw):
    (registration,) = services.register_delegates(
        event=event, province=province, delegates=[factories.delegate(**kw)], actor=None
    )
    return registration


def test_a_confirmation_is_sent_once_however_often_its_task_runs(
    lam_dong, mailoutbox, django_capture_on_commit_callbacks
):
    event = factories.registration_open(quotas={lam_dong: 5}, needs_approval=False)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, lam_dong, email="an@example.vn")

    assert deliver_confirmation.call(registration.pk) == "skipped"  # a retry, or the task run twice
    assert len(mailoutbox) == 1
    assert Registration.objects.get(pk=registration.pk).confirmation_sent_at is not None


def test_a_failed_send_is_recorded_on_the_registration_and_resent_by_staff(
    lam_dong, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    event = factories.registration_open(quotas={lam_dong: 5}, needs_approval=False)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, lam_dong, email="an@example.vn")
    failed = Registration.objects.get(pk=registration.pk)
    assert (failed.confirmation_sent_at, failed.confirmation_attempts) == (None, 1)
    assert failed.confirmation_error == "ConnectionRefusedError"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.resend_confirmations(Registration.objects.all())

    assert queued == 1
    assert [m.to for m in mailoutbox] == [["an@example.vn"]]
    assert services.resend_confirmations(Registration.objects.all()) == 0


def test_on_the_database_queue_the_task_is_saved_with_the_registration_and_retried_with_back_off(
    lam_dong, settings, mailoutbox
):
    settings.TASKS = DATABASE_QUEUE
    event = factories.registration_open(quotas={lam_dong: 5}, needs_approval=False)
    registration = register(event, lam_dong, email="an@example.vn")  # no commit callback needed
    (queued,) = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [registration.pk]
    assert mailoutbox == []

    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(services.ConfirmationNotSent) as failure:
        deliver_confirmation.call(registration.pk)
    assert "an@example.vn" not in str(failure.value)  # the queue keeps this message
    retry = DBTaskResult.objects.exclude(pk=queued.pk).get()
    assert retry.args_kwargs["args"] == [registration.pk, 2]
    assert retry.run_after > timezone.now() + timedelta(minutes=CONFIRMATION_RETRY_MINUTES[0]) - timedelta(seconds=5)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_confirmation.call(registration.pk, 2) == "sent"
    assert deliver_confirmation.call(registration.pk) == "skipped"
    assert len(mailoutbox) == 1


def test_the_last_retry_gives_up_and_leaves_the_failure_for_staff(lam_dong, settings):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    event = factories.registration_open(quotas={lam_dong: 5}, needs_approval=False)
    registration = register(event, lam_dong, email="an@example.vn")
    last = len(CONFIRMATION_RETRY_MINUTES) + 1

    with pytest.raises(services.ConfirmationNotSent):
        deliver_confirmation.call(registration.pk, last)

    assert DBTaskResult.objects.count() == 1  # the first, not run here; no further retry
    assert Registration.objects.get(pk=registration.pk).confirmation_attempts == 1


def test_requeue_stale_tasks_puts_back_only_tasks_left_running_longer_than_asked(lam_dong, settings, mailoutbox):
    settings.TASKS = DATABASE_QUEUE
    event = factories.registration_open(quotas={lam_dong: 5}, needs_approval=False)
    stale = register(event, lam_dong, email="an@example.vn")
    fresh = register(event, lam_dong, email="binh@example.vn")
    ages = {stale.pk: 30, fresh.pk: 1}  # minutes since a worker claimed the task and then stopped
    for task in DBTaskResult.objects.all():
        task.status, task.worker_ids = "RUNNING", ["gone"]
        task.started_at = timezone.now() - timedelta(minutes=ages[task.args_kwargs["args"][0]])
        task.save()
    output = io.StringIO()

    call_command("requeue_stale_tasks", "--older-than", "600", stdout=output)

    assert output.getvalue() == "Requeued 1 task(s) running for over 600 s.\n"
    statuses = {task.args_kwargs["args"][0]: (task.status, task.started_at) for task in DBTaskResult.objects.all()}
    assert statuses[stale.pk] == ("READY", None)
    assert statuses[fresh.pk][0] == "RUNNING"
    # Run again, the requeued task sends once; a task that had in fact sent before it stopped sends nothing.
    assert deliver_confirmation.call(stale.pk) == "sent"
    assert deliver_confirmation.call(stale.pk) == "skipped"
    assert len(mailoutbox) == 1
