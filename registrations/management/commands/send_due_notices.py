from django.core.management.base import BaseCommand

from registrations.models import Notice
from registrations.notices import send_due_notices


class Command(BaseCommand):
    help = (
        "Send the reminders and notices due now by e-mail (registration open, deadline near, event soon, "
        "survey, survey reminder, certificate), each once. Safe to run again and from several machines at "
        "once; meant for cron, e.g. every 15 minutes."
    )

    def handle(self, *args, **options):
        counts = send_due_notices()
        # Counts only: never an address or a code in the output (it may end up in a log or a cron mail).
        for kind in Notice.Kind:
            counted = counts[kind]
            self.stdout.write(
                f"{kind.value}: {counted['sent']} sent, {counted['failed']} failed, "
                f"{counted['taken']} sent by another run"
            )
        failed = sum(counted["failed"] for counted in counts.values())
        if failed:
            self.stderr.write(f"{failed} notice(s) not sent; the next run tries them again.")
