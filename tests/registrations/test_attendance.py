"""Attendance per day and session, the completion rule, and where staff see them.

Check-in is called as the desk calls it, with the moment of the scan (`now`) on the event's days.
"""

import csv
import io
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from registrations import attendance, services
from registrations.demo import TRAINING_SLUG, load_two_day_training
from registrations.models import Attendance, Registration, RegistrationSettings
from registrations.services import RegistrationError
from tests import factories
from tests.registrations.test_registration_concurrency import race

pytestmark = pytest.mark.django_db

Status = Registration.Status
Rule = RegistrationSettings.Completion
MONDAY = date(2026, 3, 9)  # a two-day training: Monday and Tuesday


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def training(lam_dong, *, rule=Rule.ALL_DAYS, percent=80, days=2, start_date=MONDAY, **kw):
    event = factories.registration_open(
        quotas={lam_dong: 10},
        needs_approval=False,
        start_date=start_date,
        end_date=start_date + timedelta(days=days - 1) if days > 1 else None,
        **kw,
    )
    RegistrationSettings.objects.filter(event=event).update(completion_rule=rule, completion_percent=percent)
    return event


def timed_agenda(event):
    """Two sessions a day: 08:00–10:00 and 14:00–16:00 (and a talk without times, which counts for none)."""
    items = []
    for day in attendance.event_days(event):
        for starts, ends in [(time(8), time(10)), (time(14), time(16))]:
            items.append(factories.agenda_item(event=event, day=day, starts_at=starts, ends_at=ends))
    factories.agenda_item(event=event, title="Phát biểu không ghi giờ")
    return items


def delegate(event, lam_dong, **kw):
    return factories.registration(event=event, province=lam_dong, **kw)


def scan(registration, day=0, at="08:30"):
    event = registration.event
    return services.check_in(registration.code, event=event, actor=None, now=factories.during(event, day=day, at=at))


def summary_of(registration):
    return attendance.attendance_summary(registration.event).get(registration.pk, attendance.ABSENT)


# check-in records the day


def test_first_check_in_records_the_day_and_marks_attended(lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)

    scan(registration, day=0, at="07:45")

    saved = Registration.objects.get(pk=registration.pk)
    assert saved.status == Status.ATTENDED
    assert timezone.localtime(saved.checked_in_at).strftime("%d/%m %H:%M") == "09/03 07:45"
    assert list(saved.attendances.values_list("day", "session")) == [(MONDAY, None)]


def test_a_scan_on_the_second_day_records_that_day_and_keeps_the_first_arrival(lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)
    scan(registration, day=0, at="07:45")

    scan(registration, day=1, at="07:50")

    saved = Registration.objects.get(pk=registration.pk)
    assert sorted(saved.attendances.values_list("day", flat=True)) == [MONDAY, date(2026, 3, 10)]
    assert timezone.localtime(saved.checked_in_at).strftime("%d/%m %H:%M") == "09/03 07:45"
    assert saved.changes.filter(to_status=Status.ATTENDED).count() == 1


def test_a_second_scan_the_same_day_is_refused_with_the_time_of_the_first(lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong, family_name="Lê", middle_name="", given_name="Bình")
    scan(registration, day=1, at="07:45")

    with pytest.raises(RegistrationError) as refused:
        scan(registration, day=1, at="09:10")

    assert refused.value.code == "already_checked_in"
    assert refused.value.message == "Lê Bình is already checked in today at 07:45."
    assert Attendance.objects.filter(registration=registration).count() == 1


@pytest.mark.parametrize(
    ("at", "day"),
    [(datetime(2026, 3, 8, 23, 30), "08/03/2026"), (datetime(2026, 3, 11, 8, 0), "11/03/2026")],
    ids=["the-evening-before", "the-day-after"],
)
def test_a_scan_outside_the_events_days_is_refused_and_records_nothing(lam_dong, at, day):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)

    with pytest.raises(RegistrationError) as refused:
        services.check_in(registration.code, event=event, actor=None, now=timezone.make_aware(at))

    assert refused.value.code == "not_event_day"
    assert refused.value.message == (
        f"{day} is not a day of this event (09/03/2026 – 10/03/2026); nothing was recorded."
    )
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED
    assert not Attendance.objects.exists()


def test_the_day_is_the_day_in_hanoi(lam_dong):
    """01:30 in Hanoi on Tuesday is still Monday in UTC: the record says Tuesday."""
    event = training(lam_dong)
    registration = delegate(event, lam_dong)

    services.check_in(registration.code, event=event, actor=None, now=datetime(2026, 3, 9, 18, 30, tzinfo=UTC))

    assert list(registration.attendances.values_list("day", flat=True)) == [date(2026, 3, 10)]


# sessions


@pytest.mark.parametrize(
    ("at", "expected"),
    [("08:00", 0), ("09:59", 0), ("07:31", 0), ("07:29", None), ("10:00", None), ("13:45", 1), ("15:00", 1)],
    ids=["start", "before-end", "30-min-early", "too-early", "between", "15-min-early", "afternoon"],
)
def test_check_in_records_the_session_under_way_or_starting_within_30_minutes(lam_dong, at, expected):
    event = training(lam_dong)
    monday = timed_agenda(event)[:2]
    registration = delegate(event, lam_dong)

    checked_in = scan(registration, day=0, at=at)

    assert checked_in.attendance.session == (None if expected is None else monday[expected])


def test_an_item_without_an_end_lasts_until_the_next_starts(lam_dong):
    event = training(lam_dong, days=1)
    opening = factories.agenda_item(event=event, starts_at=time(8))
    talk = factories.agenda_item(event=event, starts_at=time(9), ends_at=time(10))

    assert attendance.session_at(event, factories.during(event, at="08:50")) == opening
    assert attendance.session_at(event, factories.during(event, at="09:05")) == talk


def test_each_session_of_a_day_is_recorded_once(lam_dong):
    event = training(lam_dong)
    morning, afternoon = timed_agenda(event)[:2]
    registration = delegate(event, lam_dong)
    scan(registration, at="07:50")
    scan(registration, at="13:50")

    with pytest.raises(RegistrationError) as refused:
        scan(registration, at="14:20")  # the afternoon again

    assert refused.value.code == "already_checked_in"
    assert "today at 13:50" in refused.value.message
    assert list(registration.attendances.values_list("session", flat=True)) == [morning.pk, afternoon.pk]


def test_a_scan_between_sessions_after_one_that_day_is_refused(lam_dong):
    event = training(lam_dong)
    timed_agenda(event)
    registration = delegate(event, lam_dong)
    scan(registration, at="08:10")

    with pytest.raises(RegistrationError) as refused:
        scan(registration, at="11:00")

    assert refused.value.code == "already_checked_in"
    assert registration.attendances.count() == 1


# the completion rule


def attend(registration, days):
    for day in days:
        scan(registration, day=day)


@pytest.mark.parametrize(
    ("rule", "percent", "day_one_only", "both_days"),
    [
        (Rule.ALL_DAYS, 80, False, True),
        (Rule.SHARE_OF_DAYS, 50, True, True),
        (Rule.SHARE_OF_DAYS, 80, False, True),
        # no timed agenda: a share of the sessions falls back to a share of the days
        (Rule.SHARE_OF_SESSIONS, 50, True, True),
        (Rule.SHARE_OF_SESSIONS, 80, False, True),
    ],
)
def test_day_one_only_and_both_days_under_each_rule(lam_dong, rule, percent, day_one_only, both_days):
    event = training(lam_dong, rule=rule, percent=percent)
    first, second, absent = (delegate(event, lam_dong) for _ in range(3))
    attend(first, [0])
    attend(second, [0, 1])

    summary = attendance.attendance_summary(event)

    assert (summary[first.pk].completed, summary[second.pk].completed) == (day_one_only, both_days)
    assert (summary[first.pk].day_count, summary[second.pk].day_count) == (1, 2)
    assert absent.pk not in summary
    assert attendance.is_completed(first) is day_one_only
    assert attendance.is_completed(absent) is False
    expected = {r.pk for r, done in [(first, day_one_only), (second, both_days)] if done}
    assert {r.pk for r in attendance.completed_registrations(event)} == expected


def test_share_of_sessions_counts_the_timed_sessions(lam_dong):
    """Four timed sessions over two days; 75 % needs three of them."""
    event = training(lam_dong, rule=Rule.SHARE_OF_SESSIONS, percent=75)
    timed_agenda(event)
    three, two = delegate(event, lam_dong), delegate(event, lam_dong)
    for day, at in [(0, "08:00"), (0, "14:00"), (1, "08:00")]:
        scan(three, day=day, at=at)
    for day, at in [(0, "08:00"), (1, "14:00")]:
        scan(two, day=day, at=at)

    summary = attendance.attendance_summary(event)

    assert (summary[three.pk].sessions, summary[three.pk].completed) == (3, True)
    assert (summary[two.pk].sessions, summary[two.pk].day_count, summary[two.pk].completed) == (2, 2, False)
    assert attendance.completion_rule(event).description == (
        "Completed: present at 75 % or more of the 4 timed sessions."
    )


def test_the_rule_without_timed_sessions_says_days_count_instead(lam_dong):
    event = training(lam_dong, rule=Rule.SHARE_OF_SESSIONS, percent=50)

    assert attendance.completion_rule(event).description == (
        "Completed: present on 50 % or more of the 2 day(s). "
        "The agenda has no times, so days are counted instead of sessions."
    )


def test_a_one_day_event_without_end_date_has_one_day(lam_dong):
    event = training(lam_dong, days=1)
    registration = delegate(event, lam_dong)
    scan(registration)

    assert attendance.event_days(event) == [MONDAY]
    assert summary_of(registration).completed


# marking present by hand


def test_mark_present_records_a_past_day_with_its_sessions(lam_dong):
    event = training(lam_dong, rule=Rule.SHARE_OF_SESSIONS, percent=100)
    timed_agenda(event)
    registrar = factories.account(is_staff=True)
    registration = delegate(event, lam_dong)
    scan(registration, day=1, at="08:05")

    marked, problems = services.mark_present([registration], day=MONDAY, actor=registrar)

    assert (marked, problems) == (1, [])
    assert sorted(registration.attendances.values_list("day", "by")) == [
        (MONDAY, registrar.pk),
        (MONDAY, registrar.pk),
        (date(2026, 3, 10), None),
    ]
    assert (summary_of(registration).sessions, summary_of(registration).completed) == (3, False)


def test_mark_present_moves_a_confirmed_delegate_to_attended_without_inventing_a_time(lam_dong):
    event = training(lam_dong)
    registration = delegate(event, lam_dong)

    services.mark_present([registration], day=MONDAY, actor=None)

    saved = Registration.objects.get(pk=registration.pk)
    assert saved.status == Status.ATTENDED
    assert saved.checked_in_at is None  # the hour of arrival is not known
    assert saved.changes.last().reason == "Marked present on 09/03/2026 by hand."


def test_mark_present_refuses_a_day_recorded_already_a_cancelled_delegate_and_a_day_not_the_events(lam_dong):
    event = training(lam_dong)
    present = delegate(event, lam_dong, family_name="Lê", middle_name="", given_name="Bình")
    cancelled = delegate(event, lam_dong, family_name="Vũ", middle_name="", given_name="Chi")
    services.mark_present([present], day=MONDAY, actor=None)
    services.cancel_registrations([cancelled], actor=None)

    marked, problems = services.mark_present([present, cancelled], day=MONDAY, actor=None)
    _, other_day = services.mark_present([present], day=date(2026, 3, 12), actor=None)

    assert marked == 0
    assert problems == ["Lê Bình is already recorded present on 09/03/2026.", "Vũ Chi is cancelled."]
    assert other_day == ["12/03/2026 is not a day of this event (09/03/2026 – 10/03/2026); nothing was recorded."]
    assert present.attendances.count() == 1


def test_mark_present_refuses_a_day_still_to_come(lam_dong):
    event = training(lam_dong, start_date=timezone.localdate(), days=2)
    tomorrow = event.end_date
    registration = delegate(event, lam_dong)

    _, problems = services.mark_present([registration], day=tomorrow, actor=None)

    assert problems == [f"{tomorrow:%d/%m/%Y} has not come yet; attendance is recorded on the day or after."]
    assert not registration.attendances.exists()


# where staff see it


def registrar_client():
    return factories.staff("registrar")[1]


@pytest.fixture
def two_days_attended(lam_dong):
    """Day one only (Hoa), both days (Bình), never (Chi): the scenario of the issue."""
    event = training(lam_dong, title="Tập huấn hai ngày")
    hoa = delegate(event, lam_dong, family_name="Trần", middle_name="Thị", given_name="Hoa")
    binh = delegate(event, lam_dong, family_name="Lê", middle_name="Văn", given_name="Bình")
    chi = delegate(event, lam_dong, family_name="Vũ", middle_name="", given_name="Chi")
    attend(hoa, [0])
    attend(binh, [0, 1])
    return event, hoa, binh, chi


def test_attendance_sheet_shows_a_tick_per_day_and_who_completed(two_days_attended):
    event, hoa, binh, chi = two_days_attended

    response = registrar_client().get(reverse("staff:attendance", args=[event.slug]))

    ((_province, rows),) = response.context["groups"]
    assert [(r.full_name, r.present, r.attended.completed) for r in rows] == [
        ("Lê Văn Bình", [True, True], True),
        ("Vũ Chi", [False, False], False),
        ("Trần Thị Hoa", [True, False], False),
    ]
    assert response.context["days"] == [(MONDAY, 2), (date(2026, 3, 10), 1)]
    content = response.content.decode()
    assert "Day 1 (09/03/2026)" in content
    assert "Completed: present on every one of the 2 days." in content
    assert content.count("✓") == 3


@pytest.mark.parametrize("n", [1, 4])
def test_attendance_sheet_query_count_does_not_grow(lam_dong, django_assert_num_queries, n):
    event = training(lam_dong)
    timed_agenda(event)
    for _ in range(n):
        attend(delegate(event, lam_dong), [0, 1])
    client = registrar_client()
    # session, user, whether it has a device, its two permission sets, the event, the delegates with
    # provinces, the completion rule, the attendance rows
    with django_assert_num_queries(9):
        response = client.get(reverse("staff:attendance", args=[event.slug]))
    assert sum(len(rows) for _p, rows in response.context["groups"]) == n


def test_report_counts_who_completed_and_who_was_present_each_day(two_days_attended):
    event, *_ = two_days_attended

    response = registrar_client().get(reverse("staff:report"), {"event": event.slug})

    (row,) = response.context["report"].rows
    assert (row.attended, row.completed) == (2, 1)
    assert response.context["days"] == [(MONDAY, 2), (date(2026, 3, 10), 1)]
    assert "Attendance per day" in response.content.decode()


def test_exports_have_days_attended_and_completed(two_days_attended):
    event, *_ = two_days_attended
    client = registrar_client()

    text = client.get(reverse("staff:export-csv", args=[event.slug])).content.decode()
    workbook = client.get(reverse("staff:export-xlsx", args=[event.slug])).content

    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0][-2:] == ["Days attended", "Completed"]
    assert sorted((r[3], r[-2], r[-1]) for r in rows[1:]) == [
        ("Bình", "2", "Yes"),
        ("Chi", "0", "No"),
        ("Hoa", "1", "No"),
    ]
    sheet_rows = list(load_workbook(io.BytesIO(workbook)).active.iter_rows(values_only=True))
    assert sorted((r[3], r[-2], r[-1]) for r in sheet_rows[1:]) == [
        ("Bình", 2, "Yes"),
        ("Chi", 0, "No"),
        ("Hoa", 1, "No"),
    ]


def test_the_desk_shows_the_session_and_counts_today_only(lam_dong):
    event = training(lam_dong, start_date=timezone.localdate(), days=1)
    factories.agenda_item(event=event, title="Cả ngày", starts_at=time(0, 0), ends_at=time(23, 59))
    registration = delegate(event, lam_dong)

    response = registrar_client().post(reverse("staff:check-in", args=[event.slug]), {"code": registration.code})

    assert response.context["result"]["ok"]
    assert "Session: Cả ngày" in response.content.decode()
    assert response.context["counts"].today == 1


def test_admin_shows_attendance_read_only_and_marks_present_by_hand(admin_client, two_days_attended):
    event, hoa, binh, chi = two_days_attended
    changelist = reverse("admin:registrations_registration_changelist")

    asked = admin_client.post(changelist, {"action": "mark_present", "_selected_action": [chi.pk]})
    done = admin_client.post(
        changelist, {"action": "mark_present", "_selected_action": [chi.pk], "apply": "yes", "day": "10/03/2026"}
    )
    page = admin_client.get(reverse("admin:registrations_registration_change", args=[binh.pk]))

    assert asked.status_code == 200 and "Mark delegates present" in asked.content.decode()
    assert done.status_code == 302
    assert list(chi.attendances.values_list("day", flat=True)) == [date(2026, 3, 10)]
    days, _history = page.context["inline_admin_formsets"]
    assert [row.day for row in days.formset.queryset] == [MONDAY, date(2026, 3, 10)]
    assert not days.has_add_permission and not days.has_change_permission


def test_admin_mark_present_with_a_malformed_day_asks_again(admin_client, two_days_attended):
    event, hoa, binh, chi = two_days_attended
    response = admin_client.post(
        reverse("admin:registrations_registration_changelist"),
        {"action": "mark_present", "_selected_action": [chi.pk], "apply": "yes", "day": "2026-13-40\x00"},
    )
    assert response.status_code == 200
    assert "Enter the date day first" in response.content.decode()
    assert not chi.attendances.exists()


# check-ins recorded before attendance per day


def test_migration_gives_earlier_check_ins_their_day(lam_dong):
    from importlib import import_module

    migration = import_module("registrations.migrations.0003_training_life")
    event = training(lam_dong, days=1)
    registration = delegate(event, lam_dong)
    Registration.objects.filter(pk=registration.pk).update(
        status=Status.ATTENDED,
        checked_in_at=datetime(2026, 3, 8, 17, 30, tzinfo=UTC),  # 00:30 in Hanoi
    )

    migration.attendance_of_earlier_check_ins(apps, None)

    assert list(registration.attendances.values_list("day", "session")) == [(MONDAY, None)]
    assert summary_of(registration).completed


# the demo


def test_demo_two_day_training_has_a_timed_agenda_and_confirmed_delegates_once():
    event = load_two_day_training()
    load_two_day_training()

    assert Registration.objects.filter(event__slug=TRAINING_SLUG).count() == 3
    assert attendance.event_days(event) == [timezone.localdate(), timezone.localdate() + timedelta(days=1)]
    assert attendance.completion_rule(event).sessions == 6
    assert set(event.registrations.values_list("status", flat=True)) == {Status.CONFIRMED}
    assert event.registration_settings.is_open()


# concurrency


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="row locks under concurrent transactions are tested on PostgreSQL (see test_registration_concurrency)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_desks_scanning_one_code_on_the_second_day_record_one_row():
    province = factories.current_province()
    event = training(province)
    registration = delegate(event, province)
    scan(registration, day=0)
    at = factories.during(event, day=1, at="08:05")

    outcomes = race(2, lambda i: services.check_in(registration.code, event=event, actor=None, now=at))

    assert sorted(code for code, _ in outcomes) == ["already_checked_in", "ok"], outcomes
    assert sorted(registration.attendances.values_list("day", flat=True)) == [MONDAY, date(2026, 3, 10)]
