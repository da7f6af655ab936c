import time

from django.core.management.base import BaseCommand

from trials import catalogue


class Command(BaseCommand):
    help = "Build the current catalogue version's snapshot now, so workers that start load it in seconds."

    def add_arguments(self, parser):
        parser.add_argument(
            "--store-only", action="store_true", help="(for a server worker that holds the builder's lock)"
        )

    def handle(self, *args, store_only=False, **options):
        began = time.perf_counter()
        loaded = catalogue.store_current() if store_only else catalogue.refresh()
        self.stdout.write(
            f"Catalogue version {loaded.version}: {len(loaded.engine.trials)} trials, "
            f"{len(loaded.engine.index.rules)} distinct rules, ready in {time.perf_counter() - began:.1f} s."
        )
