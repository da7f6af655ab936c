"""Benchmark: the start page's study search at scale, with synonyms and both scripts (issue 22).

    .venv/bin/python -m bench.benchmark_search [--size 80000] [--repeat 5]

A throwaway SQLite database (a temporary file) gets N synthetic trials (tests.synthetic.make_trials: one
site each). For each search it times the query the start page runs (the first page of 20 and a peek at the
next, ordered by title) with today's `TrialQuerySet.search`, beside the plain search it replaced (the typed
words in the title and conditions, the place in the page language's columns), and prints the median of
`--repeat` runs. Both are one pass over the trials (and their sites). The synonyms are matched when a trial
is saved (`Trial.search_groups`; make_trials fills the index before its bulk_create), so today's search is
one LIKE on `search_text` and one short LIKE per synonym group named (docs/decisions/0051-the-start-page-s-search-reads-an-index-written-when-a-trial.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.environment import measure_in_fresh_process

ROOT = Path(__file__).resolve().parents[1]
SEARCHES = [
    ("COPD", ""),
    ("慢阻肺", ""),
    ("肺纤维化", ""),
    ("ILD", ""),
    ("Condition 07", ""),
    ("", "China"),
    ("", "义乌"),
    ("慢阻肺", "中国"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=80000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure_in_fresh_process("bench.benchmark_search", f"{args.size}, {args.repeat}", folder)


def _plain(words: str, place: str):
    """The search before issue 22, for comparison."""
    from django.db import models

    from trials.models import Site, Trial

    found = Trial.objects.published()
    if words:
        found = found.filter(models.Q(brief_title__icontains=words) | models.Q(conditions__icontains=words))
    if place:
        where = models.Q(city__icontains=place) | models.Q(state__icontains=place) | models.Q(country__icontains=place)
        found = found.filter(models.Exists(Site.objects.filter(where, trial=models.OuterRef("pk"))))
    return found


def _page(trials) -> list:
    return list(trials.only("nct_id", "brief_title").order_by("brief_title", "pk")[:21])


def measure(size: int, repeat: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "screener.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from tests.synthetic import make_trials
    from trials import places
    from trials.models import Trial

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    make_trials(size)
    print(f"{size} trials made in {time.perf_counter() - started:.0f} s")
    places.names_in_both_scripts("China")  # GeoNames and the ISO tables load once per process
    print(f"{'words':<14} {'place':<8} {'plain ms':>9} {'synonyms ms':>12} {'found':>6}")
    for words, place in SEARCHES:
        timings = {"plain": [], "synonyms": []}
        found = 0
        for _ in range(repeat):
            for name, queryset in (("plain", _plain(words, place)), ("synonyms", Trial.objects.published())):
                if name == "synonyms":
                    queryset = queryset.search(words, place)
                began = time.perf_counter()
                rows = _page(queryset)
                timings[name].append((time.perf_counter() - began) * 1000)
                if name == "synonyms":
                    found = len(rows)
        print(
            f"{words:<14} {place:<8} {statistics.median(timings['plain']):>9.1f}"
            f" {statistics.median(timings['synonyms']):>12.1f} {found:>6}"
        )


if __name__ == "__main__":
    main()
