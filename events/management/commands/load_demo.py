from django.core.management.base import BaseCommand

from events.demo import load_demo


class Command(BaseCommand):
    help = "Record the five source articles as demo data. Safe to run again: it changes nothing the second time."

    def handle(self, *args, **options):
        counts = load_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
