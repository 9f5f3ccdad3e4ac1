from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from events.unreferenced_files import unreferenced_files


class Command(BaseCommand):
    help = (
        "List, and with --delete remove, the uploaded files that no row of any model names any more (a "
        "replaced or deleted photo, thumbnail, portrait, training material or prepared list), in the folders "
        "the file fields upload into. The audit history's rows count: a person's earlier portraits stay. "
        "Run it daily from cron; a save never removes a file itself, since its transaction may roll back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=24,
            metavar="HOURS",
            help="Only files unchanged for this many hours (default 24): a younger one may be an upload whose "
            "transaction has not committed yet, or a file another server is still writing.",
        )
        parser.add_argument("--delete", action="store_true", help="Remove them; without it, a dry run.")

    def handle(self, *args, older_than, delete, verbosity, **options):
        if older_than < 0:
            raise CommandError("--older-than cannot be negative.")
        try:
            files = unreferenced_files(older_than=timedelta(hours=older_than))
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        for file in files:
            if delete:
                file.storage.delete(file.name)  # already gone (another server's run) is no error
            if verbosity >= 2:
                action = "Removed" if delete else "Would remove"
                self.stdout.write(f"{action} {file.storage.path(file.name)} ({file.size} bytes)")
        found = f"{len(files)} unreferenced file(s) older than {older_than:g} h, {sum(f.size for f in files)} bytes"
        if delete:
            self.stdout.write(f"Removed {found}.")
        else:
            self.stdout.write(f"Dry run: {found}, would be removed; nothing removed (add --delete to remove them).")
