from django.core.management.base import BaseCommand

from events.demo import load_demo
from registrations.demo import load_sample_registration


class Command(BaseCommand):
    help = (
        "Record the five source articles as demo data, and a sample event open for registration. "
        "Safe to run again: it changes nothing the second time."
    )

    def handle(self, *args, **options):
        counts = load_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        sample = load_sample_registration()
        self.stdout.write(f"Sample event open for registration: /portal/ → {sample.title}")
