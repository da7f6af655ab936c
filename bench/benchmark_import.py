"""Benchmark: bulk import of N registry studies from a zip, the background drafting of their criteria, then the
same zip again (all unchanged).

    nice .venv/bin/python -m bench.benchmark_import [--studies 10000]

A throwaway SQLite database; the zip holds N copies of the seed COPD record (trials/registry/seed), each
with its own NCT number and, like the registry's, one study per file. Prints wall time and the peak
resident memory of each run (targets: 10,000 studies under 2 minutes; a re-run under 20 s). The drafting
is what the background worker does after the import (`db_worker --batch` runs the task the import queued);
`--draft-now` also times an import that drafts each study as it goes, into a second database.
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
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--studies", type=int, default=10000)
    parser.add_argument("--draft-now", action="store_true", help="also time an import that drafts as it goes")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="import-"))
    record = json.loads((ROOT / "trials" / "registry" / "seed" / "NCT07355868.json").read_text(encoding="utf-8"))
    archive_path = folder / "ctg-studies.json.zip"
    with zipfile.ZipFile(archive_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(args.studies):
            nct_id = f"NCT{80000000 + number:08d}"
            record["protocolSection"]["identificationModule"]["nctId"] = nct_id
            record["protocolSection"]["identificationModule"]["briefTitle"] = f"Study {number} of COPD"
            archive.writestr(f"{nct_id}.json", json.dumps(record))
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL", "TASKS_BACKEND")}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), SQLITE_PATH=str(folder / "db.sqlite3"), LOG_LEVEL="WARNING")
    env.update(CATALOGUE_SNAPSHOT_DIR=str(folder / "snapshots"))
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    print(f"zip of {args.studies} studies: {archive_path.stat().st_size / 1e6:.1f} MB")
    runs = [
        ("first import", [str(archive_path)]),
        ("background drafting", None),
        ("re-run, nothing changed", [str(archive_path)]),
    ]
    for label, arguments in runs:
        print(f"{label:<26} {_timed(env, arguments)}", flush=True)
    if args.draft_now:
        env.update(SQLITE_PATH=str(folder / "inline.sqlite3"))
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        print(f"{'import with --draft-now':<26} {_timed(env, [str(archive_path), '--draft-now'])}")
    shutil.rmtree(folder, ignore_errors=True)


def _timed(env: dict, arguments: list[str] | None) -> str:
    """Runs import_ctgov with `arguments` (or, for None, the worker over what is queued) in a fresh process."""
    script = MEASURED if arguments is not None else WORKER
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, *(arguments or [])], cwd=ROOT, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - began
    wanted = "created," if arguments is not None else "drafted,"
    summary = [line for line in done.stdout.splitlines() if wanted in line]
    peak = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
    return f"{seconds:6.1f} s  peak {peak}  {summary[-1] if summary else done.stderr[-500:]}"


MEASURED = """
import os, resource, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "screener.settings")
django.setup()
from django.core.management import call_command
call_command("import_ctgov", *sys.argv[1:], verbosity=1)
print(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB", file=sys.stderr)
"""

WORKER = """
import os, resource, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "screener.settings")
django.setup()
from django.core.management import call_command
from trials.models import Trial
pending = Trial.objects.filter(needs_drafting=True).count()
call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
left = Trial.objects.filter(needs_drafting=True).count()
print(f"{pending - left} studies drafted, {left} left")
print(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB", file=sys.stderr)
"""

if __name__ == "__main__":
    main()
