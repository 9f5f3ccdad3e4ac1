from django.core.management.base import BaseCommand

from registrations.export_jobs import EXPORT_KEPT, remove_old_exports


class Command(BaseCommand):
    help = (
        "Remove the delegate lists prepared for staff (and their records) older than a day. Each export "
        "task does it too; run this daily from cron so that no list outlives a day when nobody exports."
    )

    def handle(self, *args, **options):
        removed = remove_old_exports()
        self.stdout.write(f"Removed {removed} prepared list(s) older than {EXPORT_KEPT.days} day(s).")
