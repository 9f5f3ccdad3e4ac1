from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from events.backup import BackupError, backup_database


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database to FILE while the site runs: pg_dump's custom format on "
        "PostgreSQL, a database file on SQLite. Uploads (MEDIA_ROOT) are not in it: archive them too."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup, e.g. ttdn.dump or ttdn.sqlite3.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias (default: default).")

    def handle(self, *args, file, database, **options):
        try:
            path = backup_database(file, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Database backed up to {path} ({path.stat().st_size} bytes).")
