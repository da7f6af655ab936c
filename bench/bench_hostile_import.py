"""Benchmark: peak memory of `import_ctgov` on hostile input (issue 24, M1). Target: under 300 MB for any input.

    nice .venv/bin/python -m bench.bench_hostile_import [--bomb-gb 1] [--big-mb 200] [--studies-in-one-file N]

Each input is imported by a fresh process into a throwaway SQLite database; the process prints its peak
resident memory (VmHWM, which includes loading Django), its resident memory just before the command,
and the peak of Python's own allocations during the command (tracemalloc). Inputs, all made here:
- zip bombs: one member of zeros, bzip2 (`--bomb-gb` GB unpacked: about 1.3 KB per GB), LZMA and deflate
  (a quarter of that: they compress zeros less well and slowly); the central directory claims 100 bytes;
- a 200 MB JSON file (a list of copies of the seed COPD study);
- `[{},{},...]` just under the value limit, and a document of real studies just under the size limit: the
  most memory a document that is read can take.
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
MB = 1024 * 1024

# The process's own peak resident memory. Not ru_maxrss: Linux keeps it across exec, so a child would report
# this script's own peak (building the bombs) when that is higher.
HIGH_WATER_MARK = """
def high_water_mark():
    line = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024
"""

MEASURED = (
    HIGH_WATER_MARK
    + """
import os, sys, tracemalloc, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "screener.settings")
django.setup()
from django.core.management import call_command
from django.core.management.base import CommandError
from trials.registry.management.commands import import_ctgov
before = int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
tracemalloc.start()
try:
    call_command("import_ctgov", *sys.argv[1:], verbosity=0)
except CommandError as error:
    print(error)
traced = tracemalloc.get_traced_memory()[1] / 2**20
peak = high_water_mark()
print(f"{peak:.0f} MB (resident before the command {before:.0f} MB; Python's own peak during it {traced:.1f} MB)", file=sys.stderr)
"""
)

BASELINE = (
    HIGH_WATER_MARK
    + """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "screener.settings")
django.setup()
from trials.registry.management.commands import import_ctgov
print(f"{high_water_mark():.0f} MB", file=sys.stderr)
"""
)


def bomb(path: Path, compression: int, unpacked: int) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        with archive.open("bomb.json", "w", force_zip64=True) as member:
            zeros = b"\0" * (16 * MB)
            for _ in range(unpacked // len(zeros)):
                member.write(zeros)
        archive.infolist()[-1].file_size = 100  # the central directory lies
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bomb-gb", type=float, default=1.0)
    parser.add_argument("--big-mb", type=int, default=200, help="the size of the big JSON file")
    parser.add_argument(
        "--studies-in-one-file", type=int, default=0, help="real studies in one file (default: all that fit)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hostile-import-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL", "TASKS_BACKEND")}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), SQLITE_PATH=str(folder / "db.sqlite3"), LOG_LEVEL="WARNING")
    env.update(CATALOGUE_SNAPSHOT_DIR=str(folder / "snapshots"))
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    record = json.loads((ROOT / "trials" / "registry" / "seed" / "NCT07355868.json").read_text(encoding="utf-8"))

    def study(number: int) -> dict:
        record["protocolSection"]["identificationModule"]["nctId"] = f"NCT{80000000 + number:08d}"
        return record

    inputs = []
    unpacked = int(args.bomb_gb * 1024 * MB)
    inputs.append(("bzip2 zip bomb", bomb(folder / "bzip2.zip", zipfile.ZIP_BZIP2, unpacked), unpacked))
    inputs.append(("LZMA zip bomb", bomb(folder / "lzma.zip", zipfile.ZIP_LZMA, unpacked // 4), unpacked // 4))
    inputs.append(
        ("deflate zip bomb", bomb(folder / "deflate.zip", zipfile.ZIP_DEFLATED, unpacked // 4), unpacked // 4)
    )
    big = folder / "big.json"
    with big.open("w", encoding="utf-8") as out:
        out.write("[")
        number = 0
        while out.tell() < args.big_mb * MB:
            out.write(("," if number else "") + json.dumps(study(number)))
            number += 1
        out.write("]")
    inputs.append((f"{args.big_mb} MB JSON file", big, big.stat().st_size))
    tiny = folder / "tiny.json"
    tiny.write_text("[" + ",".join(["{}"] * 499_990) + "]", encoding="utf-8")
    inputs.append(("[{},{},...] under the value limit", tiny, tiny.stat().st_size))
    many = folder / "many.json"
    many.write_text(json.dumps({"studies": [{"protocolSection": {}}] * 9_999}), encoding="utf-8")
    inputs.append(("9,999 studies each refused, in one file", many, many.stat().st_size))
    full = folder / "full.json"
    with full.open("w", encoding="utf-8") as out:
        out.write("[")
        number = 0
        while out.tell() < 16 * MB - 20 * 1024 and number != args.studies_in_one_file or not number:
            out.write(("," if number else "") + json.dumps(study(number)))
            number += 1
        out.write("]")
    inputs.append((f"{number} real studies in one file", full, full.stat().st_size))

    baseline = subprocess.run([sys.executable, "-c", BASELINE], cwd=ROOT, env=env, capture_output=True, text=True)
    print(f"{'Django and the command loaded, nothing read':<44} peak {baseline.stderr.strip().splitlines()[-1]}")
    for label, path, size in inputs:
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", MEASURED, str(path)], cwd=ROOT, env=env, capture_output=True, text=True
        )
        seconds = time.perf_counter() - began
        peak = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
        lines = done.stderr.strip().splitlines()
        said = lines[-2:-1] or done.stdout.strip().splitlines()[-1:] or ["?"]
        print(
            f"{label:<44} file {path.stat().st_size / 1024:>10,.1f} KB, unpacked {size / MB:>7,.0f} MB: "
            f"{seconds:5.1f} s, peak {peak}\n    {said[0][-150:]}",
            flush=True,
        )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
