"""Benchmark: the staff CSV export of 20,000 referrals through the real request path.

    .venv/bin/python -m bench.benchmark_export [--referrals 20000] [--runs 3]

A throwaway SQLite database (a temporary file) gets the seed trials (each keeps its registry record, tens
of kilobytes of JSON), a staff member of one site, and N referrals to that site, each with a realistic
answers and criteria snapshot. The export is then requested through Django's full handler (middleware,
view, the database) with the test client and read to the last byte, as a browser downloads it. It prints
the seconds per run, rows, megabytes and queries. Target (2-core machine): under 3 s for 20,000 referrals.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--referrals", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure_in_fresh_process("bench.benchmark_export", f"{args.referrals}, {args.runs}", folder)


def measure(count: int, runs: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "screener.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from screener.referrals.models import ConsentText, Referral
    from tests.conftest import log_in_with_second_factor
    from trials.models import Site, StaffMembership

    call_command("migrate", verbosity=0)
    call_command("load_seed_trials", verbosity=0, stdout=open(os.devnull, "w"))
    site = Site.objects.select_related("trial").filter(trial__nct_id="NCT07355868").first()
    record_kb = len(str(site.trial.source_record)) / 1024
    nurse = get_user_model().objects.create_user("nurse", "nurse@hospital.example", "benchmark-password")
    StaffMembership.objects.create(user=nurse, site=site)
    consent = ConsentText.current()
    answers = [
        {
            "key": f"q{n}",
            "question": "How far can you walk in six minutes?",
            "short_label": "walk",
            "answer": "320 m",
            "stored": "320",
        }
        for n in range(15)
    ]
    outcomes = [
        {
            "kind": "inclusion",
            "question": f"q{n}",
            "outcome": "met",
            "rule": "150 m ≤ walk < 600 m",
            "words": "6MWD ≥ 150 m and < 600 m",
            "explanation": "The study needs people who can walk a little.",
        }
        for n in range(25)
    ]
    started = time.perf_counter()
    with transaction.atomic():
        Referral.objects.bulk_create(
            Referral(
                reference=f"B{n:07d}"[:8],
                trial=site.trial,
                site=site,
                name=f"王芳 {n}",
                phone="+8613800138000",
                email=f"patient{n}@example.org",
                consent=consent,
                consent_wording=consent.render(site),
                consent_given_at=timezone.now(),
                verdict="match",
                answers_snapshot=answers,
                outcomes_snapshot=outcomes,
            )
            for n in range(count)
        )
    fill = time.perf_counter() - started

    client = log_in_with_second_factor(Client(), nurse)
    counted = [0]

    def count_queries(execute, sql, params, many, context):
        counted[0] += 1
        return execute(sql, params, many, context)

    seconds = []
    for _ in range(runs):
        counted[0] = 0
        with connection.execute_wrapper(count_queries):
            begin = time.perf_counter()
            response = client.get(reverse("staff:export"))
            body = response.getvalue()  # every byte, as the download would
            seconds.append(time.perf_counter() - begin)
        assert response.status_code == 200
    rows = body.count(b"\n") - 1
    print(f"filled {count} referrals in {fill:.1f} s (the trial's registry record: {record_kb:.0f} KB)")
    print(
        f"export of {rows} referrals: {', '.join(f'{s:.2f}' for s in seconds)} s "
        f"(median {statistics.median(seconds):.2f} s), {len(body) / 1e6:.1f} MB, {counted[0]} queries"
    )


if __name__ == "__main__":
    main()
