"""Benchmark: how long a patient's answer waits while the worker drafts a study with one pathological line
(issue 24, H1). Target: the answer waits under 1 s.

    nice .venv/bin/python bench/bench_hostile_drafting.py [--chars 100000] [--old]

A throwaway SQLite database (the production settings: WAL, IMMEDIATE transactions, a 20 s busy timeout).
One study is imported, then its eligibility text is set to one line of "1." repeated to `--chars` characters
(above the import's cap of 100,000 the import itself would refuse it: the text is written directly, as if it had
been stored before the cap). One process drafts it as the background worker does (`draft_pending`); another
writes a patient's answer every 50 ms, each in its own transaction as a request does, and times each write.
Prints the drafting time and the longest, median and count of the answer writes. `--old` drafts as the code
before issue 24 did, the extractor inside the transaction that locks the trial, for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SETUP = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "screener.settings")
django.setup()
from django.core.management import call_command
from trials.models import Trial
call_command("import_ctgov", sys.argv[1], verbosity=0)
Trial.objects.update(eligibility_text="1." * (int(sys.argv[2]) // 2), needs_drafting=True)
"""

DRAFT = """
import os, sys, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "screener.settings")
django.setup()
from django.db import transaction
from trials.models import Trial
from trials.registry import ctgov, drafting
from trials.registry.importing import IMPORT_QUESTION_KEYS, draft_pending, ensure_questions
questions = ensure_questions(IMPORT_QUESTION_KEYS)
open(sys.argv[2], "w").close()  # ready: the writer starts timing now
began = time.perf_counter()
if sys.argv[1] == "old":  # as before issue 24: the extractor runs inside the transaction that locks the trial
    with transaction.atomic():
        trial = Trial.objects.select_for_update().get(needs_drafting=True)
        [record] = ctgov.read_studies(trial.source_record)
        drafting.draft_criteria(trial, record, questions)
        Trial.objects.filter(pk=trial.pk).update(needs_drafting=False)
    drafted = 1
else:
    drafted = draft_pending(questions=questions)
print(f"{drafted} {time.perf_counter() - began:.2f}")
"""

WRITE = """
import os, sys, time, statistics, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "screener.settings")
django.setup()
from django.db import transaction
from screener.questionnaire.models import Screening
screening = Screening.start(language="en")
waits, failures = [], 0
while not os.path.exists(sys.argv[1]):
    time.sleep(0.01)
while not os.path.exists(sys.argv[2]):
    began = time.perf_counter()
    try:
        with transaction.atomic():
            screening.answers = {**screening.answers, "age": len(waits) % 90 + 1}
            screening.save(update_fields=["answers", "updated_at"])
    except Exception:
        failures += 1
    waits.append(time.perf_counter() - began)
    time.sleep(0.05)
print(f"{max(waits):.3f} {statistics.median(waits):.4f} {len(waits)} {failures}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--old", action="store_true", help="draft as before issue 24, for comparison")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hostile-drafting-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL", "TASKS_BACKEND")}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), SQLITE_PATH=str(folder / "db.sqlite3"), LOG_LEVEL="WARNING")
    env.update(
        CATALOGUE_SNAPSHOT_DIR=str(folder / "snapshots"), TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend"
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    record = json.loads((ROOT / "trials" / "registry" / "seed" / "NCT07355868.json").read_text(encoding="utf-8"))
    (folder / "study.json").write_text(json.dumps(record), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-c", SETUP, str(folder / "study.json"), str(args.chars)], cwd=ROOT, env=env, check=True
    )
    ready, done = folder / "ready", folder / "done"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITE, str(ready), str(done)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    drafted = subprocess.run(
        [sys.executable, "-c", DRAFT, "old" if args.old else "new", str(ready)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    done.touch()
    longest, median, count, failures = writer.communicate(timeout=120)[0].split()
    studies, seconds = (drafted.stdout.split() or ["?", "?"])[-2:]
    print(
        f"{'old: extractor inside the transaction' if args.old else 'extractor outside any transaction'}; "
        f'one line of "1." × {args.chars // 2:,} ({args.chars:,} characters)'
    )
    print(f"  drafting: {studies} study in {seconds} s {drafted.stderr.strip()[-300:]}")
    print(f"  a patient's answer written every 50 ms meanwhile: {count} writes, {failures} failed, ")
    print(f"  longest wait {float(longest) * 1000:,.0f} ms, median {float(median) * 1000:.1f} ms")
    time.sleep(0.1)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
