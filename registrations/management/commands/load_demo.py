from django.core.management.base import BaseCommand

from events.demo import load_demo
from registrations.demo import load_sample_registration, load_two_day_training


class Command(BaseCommand):
    help = (
        "Record the five source articles as demo data, a sample event open for registration and a sample "
        "two-day training under way. "
        "Safe to run again: it changes nothing the second time."
    )

    def handle(self, *args, **options):
        counts = load_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        sample = load_sample_registration()
        self.stdout.write(f"Sample event open for registration: /portal/ → {sample.title}")
        training = load_two_day_training()
        self.stdout.write(f"Sample two-day training for check-in per day: /staff/events/{training.slug}/check-in/")
