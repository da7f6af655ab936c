"""Recompute every trial's search index (`Trial.search_text`, `Trial.search_groups`) in batches.

Run it after changing trials/data/search_synonyms.json: a trial keeps the groups it matched when it was last
saved until then. It writes only the two index columns (no history, no `updated_at`), BATCH trials a round trip.
"""

from django.core.management.base import BaseCommand

from trials.models import Trial

BATCH = 1000


class Command(BaseCommand):
    help = "Recompute every trial's search index from the synonyms table (after changing the table)."

    def handle(self, *args, **options):
        changed, count = [], 0
        for trial in Trial.objects.order_by("pk").iterator(chunk_size=BATCH):
            before = (trial.search_text, trial.search_groups)
            trial.index_search()
            if (trial.search_text, trial.search_groups) != before:
                changed.append(trial)
            if len(changed) >= BATCH:
                count += Trial.objects.bulk_update(changed, ["search_text", "search_groups"])
                changed = []
        count += Trial.objects.bulk_update(changed, ["search_text", "search_groups"])
        self.stdout.write(f"{count} trials reindexed.")
