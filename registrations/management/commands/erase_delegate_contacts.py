from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from registrations.services import erase_contact_data


class Command(BaseCommand):
    help = (
        "Blank the phone and e-mail of delegates of events that ended more than N months ago "
        "(default: settings.DELEGATE_CONTACT_RETENTION_MONTHS). Names, statuses and attendance stay. "
        "Safe to run again, e.g. daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Keep contact data this many months after an event ends "
            f"(default {settings.DELEGATE_CONTACT_RETENTION_MONTHS}).",
        )

    def handle(self, *args, months=None, **options):
        if months is None:
            months = settings.DELEGATE_CONTACT_RETENTION_MONTHS
        if months < 0:
            raise CommandError("--months cannot be negative.")
        erased = erase_contact_data(months=months)
        # A count only: never a name, phone or address in the output (it may end up in a log).
        self.stdout.write(
            f"Erased the phone and e-mail of {erased} delegate(s) of events ended over {months} months ago."
        )
