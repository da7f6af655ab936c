"""Benchmark: `sync_ctgov` against the fake registry of the tests (tests/fake_ctgov.py) on 127.0.0.1.

    nice .venv/bin/python -m bench.bench_sync [--studies 1000] [--status-changes 50] [--text-changes 20]
                                                 [--drafting] [--changed 2000]

A throwaway SQLite database. The fake registry holds N copies of the seed COPD study (each its own NCT number),
all recruiting, under the condition "COPD". Each run is `manage.py sync_ctgov --condition COPD` in a subprocess
(Django's start included, as the daily timer runs it), pages of 1,000; drafting is left to the background worker
(queued, not run) unless `--drafting` times it after the first sync (`db_worker --batch`). Runs:

1. first sync (import only);
2. re-run, nothing changed;
3. a run after `--status-changes` studies stopped recruiting (COMPLETED: they drop out of the filter, are asked for
   by id and closed) and `--text-changes` studies changed one clause of their eligibility text;
4. with `--changed K`: a run after K studies changed their title (the issue's "daily run with 2,000 changed").

Prints each run's wall time, its summary line (with the requests made) and the requests the fake server counted.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fake_ctgov import FakeRegistry, study  # noqa: E402

OLD_CLAUSE = "within 4 weeks before screening."
NEW_CLAUSE = "within 8 weeks before screening."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--studies", type=int, default=1000)
    parser.add_argument("--status-changes", type=int, default=50)
    parser.add_argument("--text-changes", type=int, default=20)
    parser.add_argument("--drafting", action="store_true", help="time the background drafting after the first sync")
    parser.add_argument("--changed", type=int, default=0, help="then a run with this many changed studies")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="sync-"))
    registry = FakeRegistry().start()
    records = [study(80000000 + n) for n in range(args.studies)]
    registry.put(*records)
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL", "TASKS_BACKEND")}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        SQLITE_PATH=str(folder / "db.sqlite3"),
        LOG_LEVEL="WARNING",
        CATALOGUE_SNAPSHOT_DIR=str(folder / "snapshots"),
        CTGOV_API_URL=registry.url,
        CTGOV_PAGE_SIZE="1000",
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    print(f"fake registry: {args.studies} recruiting COPD studies at {registry.url}")

    def run(label: str) -> None:
        before = len(registry.requests)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "manage.py", "sync_ctgov", "--condition", "COPD"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        summary = next((line for line in done.stdout.splitlines() if "requests made" in line), done.stdout.strip())
        served = len(registry.requests) - before
        print(f"{label:<44} {seconds:7.2f} s  {summary}  (server counted {served})", flush=True)
        if done.returncode:
            print(done.stderr[-2000:], file=sys.stderr)

    run("first sync (import only)")
    if args.drafting:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        print(f"{'background drafting (db_worker --batch)':<44} {time.perf_counter() - started:7.2f} s")
    run("re-run, nothing changed")

    for record in records[: args.status_changes]:
        record["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
    texts = records[args.status_changes : args.status_changes + args.text_changes]
    for record in texts:
        module = record["protocolSection"]["eligibilityModule"]
        module["eligibilityCriteria"] = module["eligibilityCriteria"].replace(OLD_CLAUSE, NEW_CLAUSE, 1)
    registry.put(*records[: args.status_changes], *texts)
    run(f"{args.status_changes} stopped recruiting, {args.text_changes} texts changed")

    if args.changed:
        changed = records[args.status_changes : args.status_changes + args.changed]
        for record in changed:
            record["protocolSection"]["identificationModule"]["briefTitle"] += " (updated)"
        registry.put(*changed)
        run(f"{len(changed)} studies changed")

    registry.stop()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
