from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from events.backup import BackupError, restore_database


class Command(BaseCommand):
    help = (
        "Replace the content of the database by a backup made by backup_database (pg_restore --clean on "
        "PostgreSQL, in one transaction; SQLite's backup API on SQLite). Stop the app servers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup to restore.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias (default: default).")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Do not ask for confirmation."
        )

    def handle(self, *args, file, database, interactive, **options):
        name = connections[database].settings_dict["NAME"]
        if interactive:
            answer = input(f"Every row of the database {name} will be replaced by {file}. Type 'yes' to go on: ")
            if answer != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            restore_database(file, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Database {name} restored from {file}.")
