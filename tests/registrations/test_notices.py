"""Reminders and notices by e-mail: each sent once, only within its window, only to whom it concerns,
in Vietnamese with a plain-text and an HTML part, with nothing secret in the output or the logs."""

import io
import logging
import threading
from datetime import date, datetime, time, timedelta
from time import sleep
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from registrations import services
from registrations.certificates import issue_certificates, revoke_certificates
from registrations.models import Attendance, Certificate, Notice, Question, Registration, RegistrationSettings, Survey
from registrations.notices import send_due_notices, send_due_notices_task
from registrations.surveys import submit_answers
from tests import factories

pytestmark = pytest.mark.django_db

Kind = Notice.Kind
HANOI_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=HANOI_TIME)
TODAY = NOW.date()
REGISTERED = NOW - timedelta(days=50)  # delegates of the trainings below registered then


def officer(province, email):
    return factories.officer(user=factories.account(email=email), province=province)


def open_event(quotas, **kw):
    """A published event taking registrations from 2 to 12 March 2026 17:00."""
    return factories.registration_open(
        quotas=quotas,
        opens_at=datetime(2026, 3, 2, 7, 0, tzinfo=HANOI_TIME),
        closes_at=datetime(2026, 3, 12, 17, 0, tzinfo=HANOI_TIME),
        status=Event.Status.PUBLISHED,
        start_date=date(2026, 3, 20),
        **kw,
    )


def training(province, *, start, end=None, **kw):
    """A published training, dated to the day, whose registration closed 40 days before NOW."""
    return factories.registration_open(
        quotas={province: 10},
        needs_approval=False,
        opens_at=NOW - timedelta(days=60),
        closes_at=NOW - timedelta(days=40),
        status=Event.Status.PUBLISHED,
        start_date=start,
        end_date=end,
        **kw,
    )


def delegate(event, province, email, **kw):
    return factories.registration(event=event, province=province, now=REGISTERED, email=email, **kw)


def attend(registration, day):
    """Present on `day`, as check-in records it (a day's row, the status attended)."""
    at = datetime(day.year, day.month, day.day, 9, 0, tzinfo=HANOI_TIME)
    Attendance.objects.create(registration=registration, day=day, at=at)
    Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        status=Registration.Status.ATTENDED, checked_in_at=at
    )


def sent(mailoutbox) -> list[str]:
    """The addresses mailed, in order."""
    return [message.to[0] for message in mailoutbox]


def html_of(message) -> str:
    ((content, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return content


# --- officers ------------------------------------------------------------------------------------


def test_registration_open_notice_goes_once_to_each_officer_of_a_province_with_seats(lam_dong, hanoi, mailoutbox):
    event = open_event({lam_dong: 5, hanoi: 0})
    officer(lam_dong, "canbo.lamdong@example.vn")
    officer(lam_dong, "")  # no address: nothing to send
    officer(hanoi, "canbo.hanoi@example.vn")  # no seat at this event

    first = send_due_notices(now=NOW)
    second = send_due_notices(now=NOW + timedelta(hours=1))

    assert sent(mailoutbox) == ["canbo.lamdong@example.vn"]
    assert (first[Kind.REGISTRATION_OPEN]["sent"], second[Kind.REGISTRATION_OPEN]["sent"]) == (1, 0)
    (message,) = mailoutbox
    assert event.title in message.subject
    assert "12/3/2026 17:00" in message.body  # the deadline, day first
    assert f"{settings.SITE_URL}/portal/events/{event.slug}/register/" in message.body
    assert "Hạn chót" in message.body and "Hạn chót" in html_of(message)


def test_registration_open_notice_waits_for_the_opening_and_stops_at_the_deadline(lam_dong, mailoutbox):
    event = open_event({lam_dong: 5})
    officer(lam_dong, "canbo@example.vn")
    registration_settings = RegistrationSettings.objects.get(event=event)

    send_due_notices(now=registration_settings.opens_at - timedelta(minutes=1))
    send_due_notices(now=registration_settings.closes_at)
    assert mailoutbox == []

    send_due_notices(now=registration_settings.opens_at)
    assert sent(mailoutbox) == ["canbo@example.vn"]


def test_no_notice_about_a_cancelled_event(lam_dong, mailoutbox):
    officer(lam_dong, "canbo@example.vn")
    taking_registrations = open_event({lam_dong: 5})
    soon = training(lam_dong, start=TODAY + timedelta(days=1))
    delegate(soon, lam_dong, "an@example.vn")
    Event.objects.filter(pk__in=[taking_registrations.pk, soon.pk]).update(status=Event.Status.CANCELLED)

    send_due_notices(now=NOW)

    assert mailoutbox == []


def test_deadline_notice_goes_three_days_before_to_provinces_with_free_seats_only(lam_dong, hanoi, mailoutbox):
    event = open_event({lam_dong: 1, hanoi: 3})
    officer(lam_dong, "canbo.lamdong@example.vn")
    officer(hanoi, "canbo.hanoi@example.vn")
    factories.registration(event=event, province=lam_dong, now=NOW)  # Lâm Đồng's one seat is taken
    factories.registration(event=event, province=hanoi, now=NOW)
    closes_at = RegistrationSettings.objects.get(event=event).closes_at
    send_due_notices(now=NOW)  # the opening, to both
    mailoutbox.clear()

    send_due_notices(now=closes_at - timedelta(hours=73))
    assert mailoutbox == []

    counts = send_due_notices(now=closes_at - timedelta(hours=71))
    send_due_notices(now=closes_at - timedelta(hours=1))

    assert sent(mailoutbox) == ["canbo.hanoi@example.vn"]
    assert counts[Kind.DEADLINE]["sent"] == 1
    (message,) = mailoutbox
    assert "12/3/2026 17:00" in message.subject
    assert "Thành phố Hà Nội" in message.body
    assert " 2 " in message.body  # Hà Nội's free seats: 3 less the one registered
    assert "Thành phố Hà Nội" in html_of(message)


def test_an_officer_added_in_the_last_days_gets_the_opening_notice_only(lam_dong, mailoutbox):
    event = open_event({lam_dong: 5})
    closes_at = RegistrationSettings.objects.get(event=event).closes_at
    officer(lam_dong, "canbo@example.vn")

    send_due_notices(now=closes_at - timedelta(hours=24))
    send_due_notices(now=closes_at - timedelta(hours=2))

    assert Notice.objects.filter(event=event).values_list("kind", flat=True).get() == Kind.REGISTRATION_OPEN
    (message,) = mailoutbox
    assert "12/3/2026 17:00" in message.body


# --- delegates -----------------------------------------------------------------------------------


def test_event_soon_goes_two_days_before_to_confirmed_delegates_with_an_address(lam_dong, mailoutbox):
    event = training(lam_dong, start=TODAY + timedelta(days=2), venue="Hội trường Tỉnh ủy", city="Đà Lạt")
    factories.agenda_item(event=event, order=2, starts_at=time(13, 30))
    factories.agenda_item(event=event, order=1, starts_at=time(8, 0))
    confirmed = delegate(event, lam_dong, "an@example.vn")
    delegate(event, lam_dong, "")
    cancelled = delegate(event, lam_dong, "huy@example.vn")
    services.cancel_registration(cancelled, actor=None, by_staff=True, now=REGISTERED)

    send_due_notices(now=NOW - timedelta(days=1))  # three days before: not yet
    assert mailoutbox == []
    send_due_notices(now=NOW)
    send_due_notices(now=NOW + timedelta(days=1))
    send_due_notices(now=NOW + timedelta(days=2))  # the day itself

    assert sent(mailoutbox) == ["an@example.vn"]
    (message,) = mailoutbox
    assert f"{settings.SITE_URL}/portal/confirmation/{confirmed.code}/" in message.body
    assert "Địa điểm: Hội trường Tỉnh ủy, Đà Lạt" in message.body
    assert "Giờ: 08:00" in message.body  # the first item of the agenda
    assert "4/3/2026" in message.subject
    assert "Hội trường Tỉnh ủy, Đà Lạt" in html_of(message)


def test_event_soon_shows_no_time_the_record_does_not_give(lam_dong, mailoutbox):
    event = training(lam_dong, start=TODAY + timedelta(days=1))
    factories.agenda_item(event=event)  # no time
    delegate(event, lam_dong, "an@example.vn")

    send_due_notices(now=NOW)

    (message,) = mailoutbox
    assert "Giờ" not in message.body
    assert "Thời gian: 3/3/2026" in message.body


def test_event_soon_skips_pending_delegates(lam_dong, mailoutbox):
    event = training(lam_dong, start=TODAY + timedelta(days=2))
    RegistrationSettings.objects.filter(event=event).update(needs_approval=True)
    delegate(event, lam_dong, "cho@example.vn")

    send_due_notices(now=NOW)

    assert mailoutbox == []


def test_text_from_the_record_is_escaped_in_the_html_part(lam_dong, mailoutbox):
    event = training(lam_dong, start=TODAY + timedelta(days=1), venue="Hội trường <b>A</b> & B")
    delegate(event, lam_dong, "an@example.vn")

    send_due_notices(now=NOW)

    (message,) = mailoutbox
    assert "Hội trường &lt;b&gt;A&lt;/b&gt; &amp; B" in html_of(message)
    assert "Địa điểm: Hội trường <b>A</b> & B" in message.body  # plain text stays as typed


@pytest.fixture
def two_day_training(lam_dong):
    """A training on the two days before NOW with a survey; two attended with an address, one attended
    without, one registered who did not come."""
    event = training(lam_dong, start=TODAY - timedelta(days=2), end=TODAY - timedelta(days=1))
    survey = Survey.objects.create(event=event)
    Question.objects.create(survey=survey, order=1, kind=Question.Kind.TEXT, text="Góp ý", required=False)
    came = [delegate(event, lam_dong, "an@example.vn"), delegate(event, lam_dong, "binh@example.vn")]
    came.append(delegate(event, lam_dong, ""))
    delegate(event, lam_dong, "vang@example.vn")
    for registration in came:
        attend(registration, TODAY - timedelta(days=2))
        attend(registration, TODAY - timedelta(days=1))
    return event, came


def test_survey_notice_goes_after_the_event_to_attended_delegates_with_an_address(two_day_training, mailoutbox):
    event, (an, _binh, _no_address) = two_day_training

    send_due_notices(now=NOW - timedelta(days=1))  # the last day: not yet
    assert mailoutbox == []
    counts = send_due_notices(now=NOW)
    send_due_notices(now=NOW + timedelta(hours=6))

    assert sent(mailoutbox) == ["an@example.vn", "binh@example.vn"]
    assert counts[Kind.SURVEY]["sent"] == 2
    assert f"{settings.SITE_URL}/portal/confirmation/{an.code}/survey/" in mailoutbox[0].body
    assert html_of(mailoutbox[0]).count(f"/portal/confirmation/{an.code}/survey/") == 2  # the link and its text


def test_survey_reminder_goes_once_three_days_later_to_those_who_have_not_answered(two_day_training, mailoutbox):
    _event, (an, _binh, _no_address) = two_day_training
    send_due_notices(now=NOW)
    submit_answers(an, {}, now=NOW + timedelta(days=1))
    mailoutbox.clear()

    send_due_notices(now=NOW + timedelta(days=2, hours=23))
    assert mailoutbox == []
    counts = send_due_notices(now=NOW + timedelta(days=3))
    send_due_notices(now=NOW + timedelta(days=6))

    assert sent(mailoutbox) == ["binh@example.vn"]
    assert counts[Kind.SURVEY_REMINDER]["sent"] == 1


def test_no_survey_notice_once_the_survey_is_closed_or_the_window_passed(two_day_training, mailoutbox):
    event, _came = two_day_training

    send_due_notices(now=NOW + timedelta(days=31))  # the event ended over 30 days before
    Survey.objects.filter(event=event).update(closes_at=NOW - timedelta(hours=1))
    send_due_notices(now=NOW)

    assert mailoutbox == []


def test_no_survey_notice_for_a_survey_without_questions(two_day_training, mailoutbox):
    event, _came = two_day_training
    Question.objects.filter(survey__event=event).delete()  # the survey made, its questions not yet

    counts = send_due_notices(now=NOW)

    assert mailoutbox == []
    assert counts[Kind.SURVEY]["sent"] == 0


def test_certificate_notice_goes_once_to_holders_of_a_valid_certificate(two_day_training, mailoutbox):
    event, (an, binh, _no_address) = two_day_training
    issue_certificates(event, now=NOW)
    revoke_certificates(Certificate.objects.filter(registration=binh), actor=None, reason="Nhầm", now=NOW)

    send_due_notices(now=NOW)
    send_due_notices(now=NOW + timedelta(days=1))

    certificate_mails = [m for m in mailoutbox if Certificate.objects.get(registration=an).number in m.body]
    assert [m.to[0] for m in certificate_mails] == ["an@example.vn"]
    assert Notice.objects.filter(kind=Kind.CERTIFICATE).values_list("recipient", flat=True).get() == (
        f"registration:{an.pk}"
    )
    assert f"/portal/confirmation/{an.code}/" in certificate_mails[0].body


def test_every_kind_has_a_text_and_an_html_part_in_vietnamese(lam_dong, two_day_training, mailoutbox):
    event, (an, _binh, _no_address) = two_day_training
    open_event({lam_dong: 5})
    officer(lam_dong, "canbo@example.vn")
    delegate(training(lam_dong, start=TODAY + timedelta(days=1)), lam_dong, "sap@example.vn")
    issue_certificates(event, now=NOW)
    send_due_notices(now=NOW)
    send_due_notices(now=NOW + timedelta(days=3))

    kinds = set(Notice.objects.values_list("kind", flat=True))
    assert kinds == {Kind.REGISTRATION_OPEN, Kind.EVENT_SOON, Kind.SURVEY, Kind.SURVEY_REMINDER, Kind.CERTIFICATE}
    for message in mailoutbox:
        html = html_of(message)
        assert message.extra_headers["Content-Language"] == "vi"
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        assert '<html lang="vi">' in html
        assert message.subject and "\n" not in message.subject
    # Labels the catalogue already translates; dates day first.
    assert any("Thời gian: 3/3/2026" in m.body and "Giấy xác nhận và mã điểm danh" in m.body for m in mailoutbox)
    assert any("Hạn chót: 12/3/2026 17:00" in m.body for m in mailoutbox)


# --- failures, logs, concurrency, cost ------------------------------------------------------------


class FailsForHong(EmailBackend):
    """A mail server that refuses one recipient, naming the address in its error as SMTP servers do."""

    def send_messages(self, messages):
        if any("hong@example.vn" in message.to for message in messages):
            raise ConnectionRefusedError("550 mailbox unavailable: hong@example.vn")
        return super().send_messages(messages)


def test_a_failure_to_one_recipient_does_not_stop_the_others_and_is_retried(lam_dong, settings, mailoutbox):
    event = training(lam_dong, start=TODAY + timedelta(days=2))
    for email in ("an@example.vn", "hong@example.vn", "binh@example.vn"):
        delegate(event, lam_dong, email)
    settings.EMAIL_BACKEND = f"{__name__}.FailsForHong"

    counts = send_due_notices(now=NOW)
    assert sent(mailoutbox) == ["an@example.vn", "binh@example.vn"]
    assert dict(counts[Kind.EVENT_SOON]) == {"sent": 2, "failed": 1}
    assert Notice.objects.count() == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    counts = send_due_notices(now=NOW + timedelta(hours=1))

    assert sent(mailoutbox) == ["an@example.vn", "binh@example.vn", "hong@example.vn"]
    assert dict(counts[Kind.EVENT_SOON]) == {"sent": 1}


def test_the_command_prints_counts_per_kind_and_no_address_or_code(lam_dong, settings, mailoutbox, caplog):
    today = timezone.localdate()
    factories.registration_open(quotas={lam_dong: 5}, status=Event.Status.PUBLISHED)
    officer(lam_dong, "canbo@example.vn")
    soon = factories.registration_open(
        quotas={lam_dong: 5}, status=Event.Status.PUBLISHED, start_date=today + timedelta(days=1)
    )
    codes = [
        factories.registration(event=soon, province=lam_dong, email=email).code
        for email in ("an@example.vn", "hong@example.vn")
    ]
    Registration.objects.update(status=Registration.Status.CONFIRMED)
    settings.EMAIL_BACKEND = f"{__name__}.FailsForHong"
    out, err = io.StringIO(), io.StringIO()

    with caplog.at_level(logging.DEBUG):
        call_command("send_due_notices", stdout=out, stderr=err)

    assert "registration_open: 2 sent, 0 failed" in out.getvalue()  # both events take registrations
    assert "event_soon: 1 sent, 1 failed" in out.getvalue()
    assert "1 notice(s) not sent" in err.getvalue()
    written = out.getvalue() + err.getvalue() + caplog.text
    assert "@" not in written
    assert not any(code in written for code in codes)
    assert "ConnectionRefusedError" in caplog.text


def test_the_task_runs_the_same(lam_dong, mailoutbox):
    factories.registration_open(quotas={lam_dong: 5}, status=Event.Status.PUBLISHED)
    officer(lam_dong, "canbo@example.vn")

    result = send_due_notices_task.enqueue()

    assert result.return_value[Kind.REGISTRATION_OPEN] == {"sent": 1}
    assert sent(mailoutbox) == ["canbo@example.vn"]


def _past_training(province, days_ago):
    """A past training with everything a notice could be about: a survey nobody answered, attendance, a
    certificate, the notices it had, and an officer's quota."""
    start = TODAY - timedelta(days=days_ago)
    event = factories.registration_open(
        quotas={province: 5},
        needs_approval=False,
        opens_at=NOW - timedelta(days=days_ago + 30),
        closes_at=NOW - timedelta(days=days_ago + 1),
        status=Event.Status.PUBLISHED,
        start_date=start,
    )
    Survey.objects.create(event=event)
    registration = factories.registration(event=event, province=province, now=NOW - timedelta(days=days_ago + 10))
    attend(registration, start)
    issue_certificates(event, now=NOW)
    for kind in Kind.values:
        Notice.objects.create(kind=kind, event=event, recipient=f"registration:{registration.pk}", sent_at=NOW)


@pytest.mark.parametrize("past_events", [1, 5])
def test_a_run_costs_the_same_however_many_events_are_past(
    lam_dong, past_events, mailoutbox, django_assert_num_queries
):
    for n in range(1, past_events + 1):
        _past_training(lam_dong, days_ago=45 * n)  # 45 days ago (a certificate could still be notified) to 225
    officer(lam_dong, "canbo@example.vn")
    delegate(training(lam_dong, start=TODAY + timedelta(days=1)), lam_dong, "an@example.vn")

    # Reads: events in the windows, registrations open, their notices, the agenda and the confirmed
    # delegates of the event near, the certificates of those ended; then the insert of the one notice
    # sent, in its savepoint.
    with django_assert_num_queries(9):
        send_due_notices(now=NOW)

    assert sent(mailoutbox) == ["an@example.vn"]


class SlowBackend(EmailBackend):
    """A mail server that takes its time, so that two runs overlap."""

    def send_messages(self, messages):
        sleep(0.2)
        return super().send_messages(messages)


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="two runs at once need real concurrent transactions (PostgreSQL); see test_registration_concurrency",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_send_each_notice_once(lam_dong, settings):
    event = training(lam_dong, start=TODAY + timedelta(days=2))
    for n in range(4):
        delegate(event, lam_dong, f"daibieu{n}@example.vn")
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    mail.outbox = []
    barrier = threading.Barrier(2)
    results = [None, None]

    def run(i):
        try:
            barrier.wait(timeout=30)
            results[i] = send_due_notices(now=NOW)[Kind.EVENT_SOON]
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(message.to[0] for message in mail.outbox) == [f"daibieu{n}@example.vn" for n in range(4)]
    assert results[0]["sent"] + results[1]["sent"] == 4
    assert results[0]["taken"] + results[1]["taken"] == 4
    assert Notice.objects.filter(event=event).count() == 4


# --- the admin -----------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_registrars_read_the_record_of_notices_and_cannot_change_it(n, django_assert_max_num_queries):
    _registrar, client = factories.staff("registrar")
    event = factories.event(status=Event.Status.PUBLISHED)
    for number in range(n):
        Notice.objects.create(kind=Kind.SURVEY, event=event, recipient=f"registration:{number}", sent_at=NOW)
    Notice.objects.create(kind=Kind.CERTIFICATE, event=event, recipient="registration:0", sent_at=NOW)

    with django_assert_max_num_queries(10):  # measured: 10, whatever the number of rows
        response = client.get(reverse("admin:registrations_notice_changelist"), {"kind__exact": Kind.SURVEY})
    page = client.get(reverse("admin:registrations_notice_change", args=[Notice.objects.first().pk]))

    assert response.status_code == 200
    assert sorted(notice.recipient for notice in response.context["cl"].result_list) == [
        f"registration:{number}" for number in range(n)
    ]
    assert response.context["has_add_permission"] is False
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert page.context["has_delete_permission"] is False


def test_editors_do_not_see_the_notices():
    _editor, client = factories.staff("editor")

    response = client.get(reverse("admin:registrations_notice_changelist"))

    assert response.status_code == 403
