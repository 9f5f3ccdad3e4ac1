"""Load with faults: the database connection is cut and restored while provinces register.

PostgreSQL only: separate connections (psycopg, the same role, no superuser) end the test database's
other server processes with pg_terminate_backend, as a network cut would, and for a database restart
also refuse new connections for a moment (ALTER DATABASE … ALLOW_CONNECTIONS, which the owner may
change). Officers register through the portal's form with the test client, wrapped as a WSGI server
runs Django: `close_old_connections()` before and after each request (the request_started and
request_finished handlers that the test client leaves out), so a connection that failed is dropped
between requests as in production.

What must hold: no registration is lost or duplicated (a success answer means exactly one row, a
failure means none); a failed attempt is answered with a page that says to try again, never a 500;
the site recovers by itself once the database answers again.

Who answers what: a cut inside the registration's transaction is the services' "busy, try again"
message (`_writing()`); a cut anywhere else in a view (the portal's reads, the session) is the 503
page of config.middleware; a connection cut while idle is replaced before use (CONN_HEALTH_CHECKS).
"""

import threading
import time
from collections import Counter
from contextlib import contextmanager

import psycopg
import pytest
from django.conf import settings
from django.db import close_old_connections, connection
from django.test import Client
from psycopg import sql

from events.models import Event
from registrations import services
from registrations import services as registration_service
from registrations.models import Officer, Registration
from tests import factories

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="cutting the database connection means ending PostgreSQL server processes (pg_terminate_backend); "
        "run with DATABASE_URL=postgres://… — SQLite has no server and no connection to cut",
    ),
    # serialized_rollback: a transactional test run before this one flushed every table, the provinces
    # loaded by a migration included; this loads them again first.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORKERS = 4
CUTS = 5
CUT_EVERY = 0.4  # seconds between two cuts
DOWN_FOR = 0.15  # seconds a restart refuses new connections


class ServerLikeClient(Client):
    """The test client with what a WSGI server runs around each request: close_old_connections().

    It also keeps to its own thread's exceptions: got_request_exception is a global signal, so the
    test client of one thread would otherwise store, and re-raise, the 500 of another thread's request.
    """

    def request(self, **request):
        self.thread = threading.get_ident()
        close_old_connections()
        try:
            return super().request(**request)
        finally:
            close_old_connections()

    def store_exc_info(self, **kwargs):
        if threading.get_ident() == self.thread:
            super().store_exc_info(**kwargs)


class Cutter:
    """Connections of its own that cut the test database, as a network cut or a server restart would.

    Only the test database and this role: nothing outside this test is touched.
    """

    def __enter__(self):
        params = connection.settings_dict
        self.database = params["NAME"]
        address = {k.lower(): params[k] for k in ("HOST", "PORT", "USER", "PASSWORD")}
        self.own = psycopg.connect(**address, dbname=self.database, autocommit=True)
        # ALLOW_CONNECTIONS cannot be changed from inside the database, hence the maintenance database.
        self.maintenance = psycopg.connect(**address, dbname="postgres", autocommit=True)
        return self

    def __exit__(self, *exc):
        self.own.close()
        self.maintenance.close()

    def cut(self, pids=None) -> int:
        """End every client backend of this database and role but this one (or those in `pids`); waits
        until they are gone. Returns how many were ended."""
        query = (
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND usename = current_user "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        )
        if pids is not None:
            query += " AND pid = ANY(%s)"
        return self.own.execute(query, [list(pids)] if pids is not None else []).fetchone()[0]

    @contextmanager
    def refusing(self):
        """New connections to the database fail meanwhile, as while a server restarts."""
        self._allow_connections(False)
        try:
            yield
        finally:
            self._allow_connections(True)

    def _allow_connections(self, allowed: bool):
        self.maintenance.execute(
            sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS {}").format(
                sql.Identifier(self.database), sql.Literal(allowed)
            )
        )


def backend_pid() -> int:
    """The server process of this thread's Django connection."""
    connection.ensure_connection()
    return connection.connection.info.backend_pid


@pytest.fixture(autouse=True)
def usable_connection_afterwards(transactional_db):
    """The flush after each test, and the tests after this file, need a connection that works: a test
    that ends while its connection is cut would otherwise fail them all."""
    yield
    if connection.connection is not None and not connection.is_usable():
        connection.close()


@pytest.fixture
def event():
    province = factories.current_province("Tỉnh Lâm Đồng")
    return factories.registration_open(quotas={province: 500}, status=Event.Status.PUBLISHED)


@pytest.fixture
def officer_user():
    user = factories.account()
    Officer.objects.create(user=user, province=factories.current_province("Tỉnh Lâm Đồng"))
    return user


def portal(user) -> Client:
    client = ServerLikeClient(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def payload(name: str, phone: str) -> dict:
    return {
        "delegates-TOTAL_FORMS": "1",
        "delegates-INITIAL_FORMS": "0",
        "delegates-MIN_NUM_FORMS": "0",
        "delegates-MAX_NUM_FORMS": "1000",
        "delegates-0-family_name": "Phạm",
        "delegates-0-given_name": name,
        "delegates-0-post": "Chuyên viên",
        "delegates-0-organisation": "Sở Văn hóa, Thể thao và Du lịch",
        "delegates-0-gender": "female",
        "delegates-0-phone": phone,
        "consent": "on",
    }


def register(client, event, name: str, phone: str) -> tuple[str, str]:
    """POST one delegate to the portal: ("ok" | "try again" | "crash" | "other", detail).

    The detail of "try again" is who said it: "busy" (the form, from the services) or "503" (the page).
    """
    try:
        response = client.post(f"/portal/events/{event.slug}/register/", payload(name, phone))
    except Exception as error:  # a 500: what the view let through
        return "crash", f"{type(error).__name__}: {str(error)[:160]}"
    if response.status_code == 302 and response["Location"] == f"/portal/events/{event.slug}/":
        return "ok", ""
    text = response.content.decode()
    if response.status_code == 200 and "nothing was saved. please try again in a moment." in text.lower():
        return "try again", "busy"
    if response.status_code == 503 and response.has_header("Retry-After") and "try again" in text.lower():
        return "try again", "503"
    return "other", f"{response.status_code}"


def saved(event, name: str) -> int:
    return Registration.objects.filter(event=event, given_name=name).count()


# --- one cut at a known moment --------------------------------------------------------------------


def test_a_cut_inside_the_registration_transaction_is_answered_try_again(event, officer_user, monkeypatch):
    client = portal(officer_user)
    lock_counts = registration_service._lock_counts

    with Cutter() as database:

        def cut_then_lock(*args, **kwargs):
            assert database.cut(pids=[backend_pid()]) == 1
            return lock_counts(*args, **kwargs)

        monkeypatch.setattr(registration_service, "_lock_counts", cut_then_lock)
        outcome = register(client, event, "Cắt", "0912000001")
        monkeypatch.setattr(registration_service, "_lock_counts", lock_counts)
        after = register(client, event, "Sau", "0912000002")

    assert outcome == ("try again", "busy")
    assert saved(event, "Cắt") == 0
    assert after == ("ok", "")
    assert saved(event, "Sau") == 1


def test_a_cut_between_two_requests_does_not_fail_the_next(event, officer_user):
    client = portal(officer_user)
    assert register(client, event, "Trước", "0912000003") == ("ok", "")

    with Cutter() as database:
        assert database.cut(pids=[backend_pid()]) == 1

    assert register(client, event, "Tiếp", "0912000004") == ("ok", "")
    assert saved(event, "Tiếp") == 1


def test_a_cut_during_the_portals_reads_is_answered_try_again(event, officer_user, monkeypatch):
    client = portal(officer_user)
    seats_left = services.seats_left

    with Cutter() as database:

        def cut_then_count(*args, **kwargs):
            assert database.cut(pids=[backend_pid()]) == 1
            return seats_left(*args, **kwargs)

        monkeypatch.setattr(services, "seats_left", cut_then_count)
        outcome = register(client, event, "Đọc", "0912000005")
        monkeypatch.setattr(services, "seats_left", seats_left)
        after = register(client, event, "Sau", "0912000006")

    assert outcome == ("try again", "503")
    assert saved(event, "Đọc") == 0
    assert after == ("ok", "")
    assert saved(event, "Sau") == 1


def test_a_request_while_the_database_restarts_is_answered_try_again(event, officer_user):
    client = portal(officer_user)
    assert register(client, event, "Trước", "0912000007") == ("ok", "")

    with Cutter() as database:
        with database.refusing():
            assert database.cut(pids=[backend_pid()]) == 1
            during = register(client, event, "Khởi động", "0912000008")
        after = register(client, event, "Sau", "0912000009")

    assert during == ("try again", "503")
    assert saved(event, "Khởi động") == 0
    assert after == ("ok", "")
    assert saved(event, "Sau") == 1


# --- many officers while the database is cut again and again -------------------------------------


def test_registrations_during_repeated_cuts_are_never_lost_or_duplicated(event, officer_user):
    clients = [portal(officer_user) for _ in range(WORKERS)]
    connection.close()  # the test's own connection would only be cut while it waits
    started = threading.Barrier(WORKERS + 1)
    cuts_done = threading.Event()
    attempts = [[] for _ in range(WORKERS)]  # (name, outcome, detail) per worker, in order
    recoveries = [None] * WORKERS

    def work(worker):
        try:
            started.wait(timeout=30)
            for number in range(200):
                if cuts_done.is_set():
                    break
                name = f"Tải {worker}-{number}"
                attempts[worker].append((name, *register(clients[worker], event, name, f"09{worker:02d}{number:06d}")))
            # Once the database answers again, the same client, with no restart, registers at the first try.
            name = f"Sau {worker}"
            recoveries[worker] = (name, *register(clients[worker], event, name, f"09{worker:02d}999999"))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(worker,), name=f"officer-{worker}") for worker in range(WORKERS)]
    for thread in threads:
        thread.start()
    ended = []
    began = time.monotonic()
    with Cutter() as database:
        started.wait(timeout=30)
        for number in range(CUTS):
            time.sleep(CUT_EVERY)
            if number % 2:  # a network cut: the server takes new connections at once
                ended.append(database.cut())
                continue
            with database.refusing():  # a restart: new connections are refused for a moment too
                ended.append(database.cut())
                time.sleep(DOWN_FOR)
        cuts_done.set()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "an officer's request never ended"

    every = [entry for worker in range(WORKERS) for entry in attempts[worker]] + recoveries
    outcomes = Counter(outcome if outcome != "try again" else f"try again ({detail})" for _, outcome, detail in every)
    # The figures of the run, shown with `pytest -s`.
    seconds = time.monotonic() - began
    print(f"{CUTS} cuts ended {sum(ended)} backends; {len(every)} attempts in {seconds:.1f} s: {dict(outcomes)}")
    # The cuts hit requests in flight: some attempts failed, and the others went on.
    assert sum(ended) >= CUTS, ended
    assert 0 < outcomes["ok"] < len(every), outcomes
    # Both answers were given: the form's (a cut inside the transaction) and the 503 page (anywhere else).
    assert outcomes["try again (busy)"] > 0 and outcomes["try again (503)"] > 0, outcomes
    # A failure says to try again: never a 500, never anything else.
    assert [entry for entry in every if entry[1] not in {"ok", "try again"}] == []
    # Nothing lost, nothing duplicated: one row per success, none per failure, nothing else.
    for name, outcome, detail in every:
        assert saved(event, name) == (1 if outcome == "ok" else 0), (name, outcome, detail)
    assert Registration.objects.filter(event=event).count() == outcomes["ok"]
    assert Registration.objects.filter(event=event).values("person_key").distinct().count() == outcomes["ok"]
    # The site recovers by itself: every officer's client registers again once the cuts stop.
    assert [outcome for _, outcome, _ in recoveries] == ["ok"] * WORKERS, recoveries
