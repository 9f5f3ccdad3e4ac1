import time

from django.core.management.base import BaseCommand, CommandError

from events import bench_data


class Command(BaseCommand):
    help = (
        "Generate synthetic data for the benchmark: N events over ten years with agendas, outcomes, photos, "
        "sources and directives, officials with position histories, and provinces' delegates. Deterministic "
        "for a given seed. Refuses a database holding events it did not make, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, required=True, help="Number of events.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--officials", type=int, default=5000, help="Number of officials (default 5000).")
        parser.add_argument(
            "--registrations", type=int, default=100_000, help="Number of delegates registered (default 100000)."
        )
        parser.add_argument(
            "--replace", action="store_true", help="Delete the bench data of an earlier run first (slugs bench-…)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Add bench data to a database that holds other events too."
        )

    def handle(self, *args, events, seed, officials, registrations, replace, force, **options):
        if events < 1 or officials < 1 or registrations < 0:
            raise CommandError("--events and --officials must be at least 1, --registrations at least 0.")
        if bench_data.has_foreign_data() and not force:
            raise CommandError(
                "This database holds events the generator did not make (demo or real data). "
                "Use an empty database, or --force to add bench data beside them."
            )
        if bench_data.has_bench_data():
            if not replace:
                raise CommandError("This database already holds bench data; --replace deletes it first.")
            bench_data.delete_bench_data()
        started = time.monotonic()
        counts = bench_data.make_bench_data(
            seed=seed, events=events, officials=officials, registrations=registrations, stdout=self.stdout
        )
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
