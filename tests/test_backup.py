"""Backup and restore (README, "Backup and restore"): a backup restored into an empty database holds
every row of every table, and every image it names is a file under MEDIA_ROOT."""

from io import StringIO

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.utils import load_backend
from psycopg import sql

from events.demo import load_demo
from registrations.demo import load_sample_registration
from tests import factories

ENGINE = settings.DATABASES["default"]["ENGINE"]
on_postgresql = pytest.mark.skipif(
    ENGINE != "django.db.backends.postgresql",
    reason="pg_dump and pg_restore need PostgreSQL: run with DATABASE_URL=postgres://…",
)
on_sqlite = pytest.mark.skipif(
    ENGINE != "django.db.backends.sqlite3", reason="SQLite's backup API; on PostgreSQL, pg_dump is tested"
)

RESTORED = "restored"
# Every column that names an uploaded file; history keeps a person's earlier portraits too.
IMAGE_COLUMNS = [
    ("events_photo", "image"),
    ("events_photo", "thumbnail"),
    ("people_person", "photo"),
    ("people_historicalperson", "photo"),
]


def _record_with_images():
    """The demo record (photos and thumbnails), the sample registrations, and an official's portrait."""
    load_demo()
    load_sample_registration()
    factories.person(photo=factories.image_file("chan-dung.png"))


def table_counts(db) -> dict[str, int]:
    counts = {}
    with db.cursor() as cursor:
        for table in db.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {db.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def image_references(db) -> list[str]:
    names = []
    with db.cursor() as cursor:
        for table, column in IMAGE_COLUMNS:
            table, column = db.ops.quote_name(table), db.ops.quote_name(column)
            cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> ''")
            names += [name for (name,) in cursor.fetchall()]
    return sorted(names)


def _add_connection(alias, **settings_dict):
    """A connection made at run time (not in settings.DATABASES, so the test may use it) like the default's."""
    settings_dict = {**connection.settings_dict, **settings_dict}
    connections[alias] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)


def _drop_connection(alias):
    connections[alias].close()
    del connections[alias]


def _check_restored(restored, *, counts, images, media_root):
    assert table_counts(restored) == counts
    assert image_references(restored) == images
    assert len(images) == 2 * 5 + 2  # five demo photos with their thumbnails; a portrait, also in history
    assert [name for name in images if not (media_root / name).is_file()] == []


@pytest.fixture
def empty_postgresql_database():
    """A new, empty database next to the test database, reachable as the connection `RESTORED`."""
    params = connection.settings_dict
    name = f"{params['NAME']}_restore"
    server = psycopg.connect(
        dbname=params["NAME"],
        host=params["HOST"],
        port=params["PORT"],
        user=params["USER"],
        password=params["PASSWORD"],
        autocommit=True,
    )
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    server.execute(drop)
    server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    _add_connection(RESTORED, NAME=name)
    yield connections[RESTORED]
    _drop_connection(RESTORED)
    server.execute(drop)
    server.close()


def _sequences(db) -> dict[str, int | None]:
    with db.cursor() as cursor:
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
        return dict(cursor.fetchall())


# A backup sees committed rows only, hence transactional tests; serialized_rollback puts back the
# provinces (a data migration) that the flush after such a test would empty.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@on_postgresql
@committed
def test_postgresql_dump_restores_every_row_and_image_into_an_empty_database(
    tmp_path, media_root, empty_postgresql_database
):
    _record_with_images()
    counts, images, sequences = table_counts(connection), image_references(connection), _sequences(connection)
    dump = tmp_path / "ttdn.dump"

    call_command("backup_database", str(dump), stdout=StringIO())
    call_command("restore_database", str(dump), database=RESTORED, interactive=False, stdout=StringIO())

    _check_restored(empty_postgresql_database, counts=counts, images=images, media_root=media_root)
    # New rows after a restore take new keys, not ones already used.
    assert _sequences(empty_postgresql_database) == sequences
    assert counts["events_historicalevent"] > 0
    assert counts["events_registration"] == 2


@on_sqlite
@committed
def test_sqlite_backup_restores_every_row_and_image_into_an_empty_database(tmp_path, media_root):
    _record_with_images()
    counts, images = table_counts(connection), image_references(connection)
    backup = tmp_path / "ttdn.sqlite3"

    # The test database lives in memory: SQLite's backup API copies it page by page, as it copies a
    # file database in WAL mode while the site runs.
    call_command("backup_database", str(backup), stdout=StringIO())
    _add_connection(RESTORED, NAME=str(tmp_path / "restored.sqlite3"))
    try:
        call_command("restore_database", str(backup), database=RESTORED, interactive=False, stdout=StringIO())
        _check_restored(connections[RESTORED], counts=counts, images=images, media_root=media_root)
    finally:
        _drop_connection(RESTORED)
    assert counts["events_historicalevent"] > 0
    assert counts["events_registration"] == 2


@pytest.mark.django_db
def test_backup_refuses_to_run_inside_a_transaction(tmp_path):
    with pytest.raises(CommandError, match="outside a transaction"):
        call_command("backup_database", str(tmp_path / "ttdn.backup"))


def test_restore_refuses_a_missing_file_and_asks_before_replacing(tmp_path, monkeypatch):
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore_database", str(tmp_path / "none.dump"), interactive=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore_database", str(tmp_path / "none.dump"))
