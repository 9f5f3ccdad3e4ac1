from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = (
        "Put back on the database queue (READY) the tasks marked RUNNING for more than N seconds: a "
        "worker that stopped or died after claiming a task leaves it so, and no worker takes it again. "
        "Safe for this project's tasks, which are idempotent (a confirmation already sent is not sent "
        "again). Run it from cron, e.g. every 10 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=300,
            metavar="SECONDS",
            help="Requeue tasks started more than this many seconds ago (default 300; a confirmation "
            "e-mail takes at most EMAIL_TIMEOUT, 20 s).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args, older_than, dry_run, **options):
        if older_than < 0:
            raise CommandError("--older-than cannot be negative.")
        stale = DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING, started_at__lte=timezone.now() - timedelta(seconds=older_than)
        )
        if dry_run:
            self.stdout.write(f"{stale.count()} task(s) running for over {older_than:g} s would be requeued.")
            return
        # One UPDATE that rechecks the status: a task its worker finishes meanwhile stays finished.
        requeued = stale.update(status=TaskResultStatus.READY, started_at=None)
        self.stdout.write(f"Requeued {requeued} task(s) running for over {older_than:g} s.")
