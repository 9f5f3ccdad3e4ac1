"""Backup and restore of the database, on PostgreSQL (pg_dump / pg_restore) and SQLite (its backup API).

Uploads (MEDIA_ROOT) are files, kept apart: see README, "Backup and restore". A database backup and
the media archive taken at the same time restore a whole installation.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections


class BackupError(Exception):
    pass


def _postgresql_environment(settings_dict) -> dict:
    """libpq's environment variables for the connection settings; the password never on a command line."""
    env = dict(os.environ)
    for variable, value in [
        ("PGHOST", settings_dict.get("HOST")),
        ("PGPORT", settings_dict.get("PORT")),
        ("PGUSER", settings_dict.get("USER")),
        ("PGPASSWORD", settings_dict.get("PASSWORD")),
        ("PGSSLMODE", settings_dict.get("OPTIONS", {}).get("sslmode")),
    ]:
        if value:
            env[variable] = str(value)
    return env


def _run(program: str, *arguments, settings_dict):
    if shutil.which(program) is None:
        raise BackupError(f"{program} not found: install the PostgreSQL client of the server's major version.")
    result = subprocess.run(
        [program, *arguments], env=_postgresql_environment(settings_dict), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def backup_database(path: Path | str, *, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Write a consistent copy of the database `using` to `path`, while the site keeps running.

    PostgreSQL: pg_dump's custom format (compressed; pg_restore reads it). SQLite: a database file,
    copied page by page by SQLite's backup API, which sees committed data only, WAL included.
    """
    path = Path(path)
    connection = connections[using]
    if connection.in_atomic_block:
        # pg_dump would miss the rows this transaction has not committed; SQLite's backup would
        # wait for the transaction's lock for ever.
        raise BackupError("Back up outside a transaction.")
    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        _run(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            f"--file={path}",
            f"--dbname={name}",
            settings_dict=connection.settings_dict,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"No backup for the {connection.vendor} database engine.")
    return path


def restore_database(path: Path | str, *, using: str = DEFAULT_DB_ALIAS):
    """Replace the content of the database `using` by the backup at `path` (made by `backup_database`).

    PostgreSQL: pg_restore drops each table it restores and recreates it, in one transaction, so a
    failed restore changes nothing. SQLite: the backup's pages replace the database's.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    connection = connections[using]
    if connection.vendor == "postgresql":
        connection.close()  # hold no lock on the tables pg_restore drops
        _run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
            settings_dict=connection.settings_dict,
        )
    elif connection.vendor == "sqlite":
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
            connection.ensure_connection()
            source.backup(connection.connection)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a SQLite database: {error}") from error
        finally:
            source.close()
    else:
        raise BackupError(f"No restore for the {connection.vendor} database engine.")
