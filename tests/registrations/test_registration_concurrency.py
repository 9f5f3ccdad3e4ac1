"""The quota, capacity, duplicate and check-in rules hold when many requests arrive at once.

Real threads, each with its own database connection, against committed data
(`django_db(transaction=True)`): an ordinary test runs inside one transaction, where
SELECT … FOR UPDATE proves nothing. PostgreSQL only: SQLite's test database lives in memory with a
shared cache, where a second writer fails at once ("database table is locked") instead of waiting as
it does on the WAL file the site uses, so a race there says nothing about production.

A lock that waits longer than services.registration.LOCK_TIMEOUT becomes RegistrationError "busy";
such a request counts as refused, and the tests check that it left nothing behind.
"""

import threading
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection

from registrations import services
from registrations.models import Registration, RegistrationChange
from registrations.services import RegistrationError
from tests import factories

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="row locks under concurrent transactions are tested on PostgreSQL (DATABASE_URL=postgres://…); "
        "SQLite's in-memory test database fails a second writer at once instead of queueing it",
    ),
    # serialized_rollback: the flush after a transactional test empties every table, the provinces
    # loaded by a migration included; this puts them back for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Status = Registration.Status
THREADS = 50
REFUSED = {"over_quota", "busy"}


def race(n, work):
    """Run work(i) in n threads released together; returns each thread's outcome, in thread order.

    An outcome is ("ok", result), (error code, message) for a RegistrationError, or ("crash", repr).
    """
    barrier = threading.Barrier(n)
    outcomes = [None] * n

    def run(i):
        try:
            connection.ensure_connection()  # connect first, so the race is the registration, not the login
            barrier.wait(timeout=60)
            outcomes[i] = ("ok", work(i))
        except RegistrationError as error:
            outcomes[i] = (error.code, error.message)
        except Exception as error:  # reported by the test, not lost in the thread
            outcomes[i] = ("crash", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,), name=f"race-{i}") for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread is still waiting"
    return outcomes


def codes(outcomes):
    return Counter(code for code, _ in outcomes)


def registered(outcomes):
    return [registration for code, result in outcomes if code == "ok" for registration in result]


def assert_consistent(event, outcomes):
    """Every saved registration came from a thread told "ok", once, with its history; no duplicates."""
    saved = Registration.objects.filter(event=event)
    assert sorted(r.pk for r in registered(outcomes)) == sorted(saved.values_list("pk", flat=True))
    assert saved.count() == saved.values("person_key").distinct().count()
    assert RegistrationChange.objects.filter(registration__event=event).count() == saved.count()
    for registration in saved:
        assert list(registration.changes.values_list("from_status", "to_status")) == [("", registration.status)]


def seats_held(event, **filters):
    return Registration.objects.filter(event=event, status__in=Registration.HOLDS_SEAT, **filters).count()


def test_fifty_provinces_officers_at_once_get_ten_seats_and_the_rest_wait():
    province = factories.current_province("Tỉnh Lâm Đồng")
    event = factories.registration_open(quotas={province: 10}, keeps_waitlist=True)
    delegates = [factories.delegate() for _ in range(THREADS)]

    outcomes = race(
        THREADS,
        lambda i: services.register_delegates(event=event, province=province, delegates=[delegates[i]], actor=None),
    )

    assert set(codes(outcomes)) <= {"ok", "busy"}, outcomes
    assert seats_held(event) == 10
    waiting = Registration.objects.filter(event=event, status=Status.WAITLISTED).count()
    assert waiting == len(registered(outcomes)) - 10
    assert waiting >= 40 - codes(outcomes)["busy"]
    assert services.seats_left(event, province) == 0
    assert_consistent(event, outcomes)


def test_fifty_at_once_without_a_waiting_list_ten_registered_the_rest_refused():
    province = factories.current_province("Tỉnh Lâm Đồng")
    event = factories.registration_open(quotas={province: 10}, keeps_waitlist=False)
    delegates = [factories.delegate() for _ in range(THREADS)]

    outcomes = race(
        THREADS,
        lambda i: services.register_delegates(event=event, province=province, delegates=[delegates[i]], actor=None),
    )

    assert codes(outcomes)["ok"] == 10, outcomes
    assert set(codes(outcomes)) <= {"ok"} | REFUSED, outcomes
    assert seats_held(event) == Registration.objects.filter(event=event).count() == 10
    assert_consistent(event, outcomes)


def test_fifty_at_once_from_five_provinces_fill_the_capacity_exactly():
    provinces = [
        factories.current_province(name)
        for name in ("Tỉnh Lâm Đồng", "Thành phố Huế", "Tỉnh Nghệ An", "Tỉnh Cao Bằng", "Tỉnh Cà Mau")
    ]
    event = factories.registration_open(quotas=dict.fromkeys(provinces, 10), capacity=20, keeps_waitlist=True)
    delegates = [factories.delegate() for _ in range(THREADS)]

    outcomes = race(
        THREADS,
        lambda i: services.register_delegates(
            event=event, province=provinces[i % 5], delegates=[delegates[i]], actor=None
        ),
    )

    assert set(codes(outcomes)) <= {"ok", "busy"}, outcomes
    assert seats_held(event) == 20
    assert all(seats_held(event, province=p) <= 10 for p in provinces)
    assert Registration.objects.filter(event=event, status=Status.WAITLISTED).count() == len(registered(outcomes)) - 20
    assert_consistent(event, outcomes)


def test_fifty_submissions_of_two_at_once_never_split_a_submission():
    """All or nothing under contention: without a waiting list a submission of two is saved whole or not at all."""
    province = factories.current_province("Tỉnh Lâm Đồng")
    event = factories.registration_open(quotas={province: 11}, keeps_waitlist=False)
    pairs = [[factories.delegate(), factories.delegate()] for _ in range(THREADS)]

    outcomes = race(
        THREADS, lambda i: services.register_delegates(event=event, province=province, delegates=pairs[i], actor=None)
    )

    assert codes(outcomes)["ok"] == 5, outcomes  # 5 pairs = 10 seats; the 11th seat cannot take a pair
    assert seats_held(event) == 10
    for code, result in outcomes:
        if code == "ok":
            assert len(result) == 2
    assert_consistent(event, outcomes)


def test_the_same_person_submitted_by_ten_threads_is_registered_once():
    province = factories.current_province("Tỉnh Lâm Đồng")
    event = factories.registration_open(quotas={province: 10})
    same = factories.delegate(family_name="Nguyễn", middle_name="Văn", given_name="An", phone="0912345678")
    spellings = [
        same,
        factories.delegate(family_name="nguyen", middle_name="van", given_name="an", phone="+84 912 345 678"),
    ]

    outcomes = race(
        10,
        lambda i: services.register_delegates(event=event, province=province, delegates=[spellings[i % 2]], actor=None),
    )

    assert codes(outcomes)["ok"] == 1, outcomes
    assert set(codes(outcomes)) <= {"ok", "duplicate", "busy"}, outcomes
    assert Registration.objects.filter(event=event, status__in=Registration.ACTIVE).count() == 1
    assert_consistent(event, outcomes)


def test_two_check_ins_of_one_code_at_once_one_succeeds_one_is_told_already_checked_in():
    province = factories.current_province("Tỉnh Lâm Đồng")
    event = factories.registration_open(quotas={province: 10}, needs_approval=False)
    registration = factories.registration(event=event, province=province)
    desks = [factories.account(is_staff=True) for _ in range(2)]

    at = factories.during(event)

    outcomes = race(2, lambda i: services.check_in(registration.code, event=event, actor=desks[i], now=at))

    assert sorted(code for code, _ in outcomes) == ["already_checked_in", "ok"], outcomes
    saved = Registration.objects.get(pk=registration.pk)
    assert saved.status == Status.ATTENDED
    assert saved.changes.filter(to_status=Status.ATTENDED).count() == 1
    assert saved.attendances.count() == 1


def test_cancellations_racing_registrations_never_exceed_the_quota():
    """Officers cancel while others register: every freed seat is taken once, by the waiting list first."""
    province = factories.current_province("Tỉnh Lâm Đồng")
    event = factories.registration_open(quotas={province: 10}, keeps_waitlist=True)
    seated = services.register_delegates(
        event=event, province=province, delegates=[factories.delegate() for _ in range(10)], actor=None
    )
    waiting = services.register_delegates(
        event=event, province=province, delegates=[factories.delegate() for _ in range(5)], actor=None
    )
    newcomers = [factories.delegate() for _ in range(20)]

    def work(i):
        if i < 5:
            return [services.cancel_registration(seated[i], actor=None)]
        return services.register_delegates(event=event, province=province, delegates=[newcomers[i - 5]], actor=None)

    outcomes = race(25, work)

    assert set(codes(outcomes)) <= {"ok", "busy"}, outcomes
    assert seats_held(event) == 10
    cancelled = codes(outcomes[:5])["ok"]
    # The waiting list got the freed seats before any newcomer.
    assert sum(Registration.objects.get(pk=r.pk).holds_seat for r in waiting) == cancelled
    assert not Registration.objects.filter(pk__in=[r.pk for r in registered(outcomes[5:])], status=Status.PENDING)
