"""Benchmark at registry scale: memory, first request, pauses, start page, steps, results, an edit under load.

    nice .venv/bin/python -m bench.benchmark_scale [--sizes 10000 30000 80000] [--patients 10]
        [--concurrency 20] [--seconds 40] [--workers 4]

Loopback only and bounded. With --keep a run keeps its database folder (printed), and --reuse FOLDER
measures that database again without filling it (one size only). For each size: a throwaway SQLite database filled with N synthetic trials
(tests/synthetic.py: 10–20 criteria each, one site), then
1. a fresh process builds the catalogue (and stores its snapshot); another fresh process loads it:
   seconds and resident memory of each;
2. gunicorn (--workers, the keeper thread in each) starts: seconds until every worker has answered,
   and each worker's resident memory once warm;
3. --patients patients one after another (no contention): p50/p95/max of the start page (plain, a
   search, a place, a far page; with its size in bytes), question pages, answers and results;
4. --concurrency patients at once for --seconds, and an admin edits one criterion a third of the way
   in: p95 and the longest request before and after the edit, and how long after the edit any worker
   still answered with the old catalogue (every question page names its catalogue version).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.environment import dont_know

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def p(values, percentile):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percentile / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def latencies(values) -> str:
    """The p95 and the longest of some request times, or a plain line when none finished (a loaded machine)."""
    if not values:
        return "no request finished in this part of the run"
    return f"p95 {p(values, 95):.0f} ms, longest {max(values):.0f} ms"


class Patient:
    def __init__(self, base, record, seed):
        self.base, self.record, self.answers = base, record, synthetic_patient(seed)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, step, path, data=None):
        body, headers = None, {"User-Agent": "benchmark"}
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": next((c.value for c in self.jar if c.name == "csrftoken"), "")}
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started, wall = time.perf_counter(), time.time()
        try:
            with self.opener.open(
                urllib.request.Request(self.base + path, data=body, headers=headers), timeout=60
            ) as r:
                status, text, location, version = r.status, r.read(), "", r.headers.get("X-Catalogue-Version")
        except urllib.error.HTTPError as error:
            status, text, location = error.code, error.read(), error.headers.get("Location", "")
            version = error.headers.get("X-Catalogue-Version")
        self.record(step, started, time.perf_counter(), status, len(text), version, wall)
        return status, text.decode(errors="replace"), location

    def run(self):
        self.request("start page (GET)", "/")
        _, _, location = self.request("start (POST)", "/", {})
        _, _, location = self.request("resume (GET)", location)
        while "/questions/" in location:
            key = location.split("/questions/")[1].strip("/")
            _, page, _ = self.request("question (GET)", location)
            value = self.answers[key]
            status, _, following = self.request(
                "answer (POST)", location, {"answer": value} if value is not None else dont_know(page)
            )
            if status != 302:
                raise RuntimeError(f"answer {key}: {status}")
            location = following
        self.request("check answers (GET)", location)
        self.request("results (GET)", location.replace("/check/", "/results/"))


def synthetic_patient(seed: int) -> dict:
    """tests.synthetic.patient(), without Django (this process only speaks HTTP)."""
    import random

    rng = random.Random(seed)
    answers = {
        "dx": [rng.choice([f"cond{i:02d}" for i in range(1, 21)])],
        "age": str(rng.randint(30, 85)),
        "sex": rng.choice(["female", "male"]),
    }
    for key in [f"lab{i:02d}" for i in range(1, 18)]:
        answers[key] = None if rng.random() < 0.1 else str(rng.randint(20, 120))
    for key in [f"hx{i:02d}" for i in range(1, 11)]:
        answers[key] = None if rng.random() < 0.1 else rng.choice(["no", "no", "no", "yes"])
    return answers


def rss_mb(pid) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def django(env, code):
    prelude = (
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'screener.settings'); django.setup()\n"
    )
    out = subprocess.run([PYTHON, "-c", prelude + code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return out.stdout.strip()


def measure(size, args):
    reuse = Path(args.reuse) if args.reuse and len(args.sizes) == 1 else None
    folder = reuse or Path(tempfile.mkdtemp(prefix=f"scale-{size}-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        RATELIMIT_ENABLE="0",
        STATIC_ROOT=str(folder / "static"),
        LOG_LEVEL="WARNING",
        SQLITE_PATH=str(folder / "db.sqlite3"),
        CATALOGUE_SNAPSHOT_DIR=str(folder / "snapshots"),
        CATALOGUE_KEEPER="0",
    )
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    began = time.perf_counter()
    if reuse is None:
        django(env, f"from tests.synthetic import make_trials; make_trials({size})")
        rows = [("fill the database", f"{time.perf_counter() - began:.1f} s")]
    else:
        shutil.rmtree(folder / "snapshots", ignore_errors=True)
        rows = [("database reused from", str(folder))]
    probe = (
        "import time, gc, resource\nfrom trials import catalogue\nfrom trials.models import Criterion\n"
        "t = time.perf_counter(); c = catalogue.refresh(); t = time.perf_counter() - t\n"
        "g = time.perf_counter(); gc.collect(); g = (time.perf_counter() - g) * 1000\n"
        'print(f\'{t:.2f} {open("/proc/self/status").read().split("VmRSS:")[1].split()[0]} '
        "{len(c.engine.index)} {Criterion.objects.count()} {len(c.engine.index.rules)} {g:.0f}')"
    )
    seconds, kb, trials, criteria, rules, pause = django(env, probe).split()
    rows.append(("catalogue build in a fresh process", f"{float(seconds):.1f} s, {int(kb) / 1024:.0f} MB resident"))
    rows.append(("  of which", f"{trials} trials, {criteria} criteria, {rules} distinct rules"))
    seconds, kb, *_, pause = django(env, probe).split()
    rows.append(("snapshot load in a fresh process", f"{float(seconds):.1f} s, {int(kb) / 1024:.0f} MB resident"))
    rows.append(("a full garbage collection after the load", f"{pause} ms"))

    env["CATALOGUE_KEEPER"] = "1"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(folder / "gunicorn.log", "w+")
    started = time.perf_counter()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "screener.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--timeout", "30"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        first, answered = None, 0
        while answered < 4 * args.workers and time.perf_counter() - started < 120:
            try:
                urllib.request.urlopen(base + "/", timeout=60).read()
                first = first or time.perf_counter() - started
                answered += 1
            except OSError:
                time.sleep(0.05)
        everyone = time.perf_counter() - started
        rows.append(
            ("first request after gunicorn starts", f"{first:.1f} s (then {4 * args.workers} more by {everyone:.1f} s)")
        )
        workers = [
            int(x)
            for x in subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        ]

        records = defaultdict(list)
        lock = threading.Lock()

        def record(step, begin, end, status, size_bytes, version, wall=0.0):
            with lock:
                records[step].append(((end - begin) * 1000, status, size_bytes, wall, version))

        probe_patient = Patient(base, record, 0)
        for path in ["/", "/?q=Condition+07", "/?place=Lyon", "/?q=study+1&place=Leeds", f"/?page={size // 40}"]:
            for _ in range(5):
                probe_patient.request(f"start page {path[:22]}", path)
        for number in range(args.patients):
            Patient(base, record, number).run()
        worker_rss = [rss_mb(pid) for pid in workers]
        rows.append(("worker memory once warm", ", ".join(f"{m:.0f}" for m in worker_rss) + " MB"))
        for step in sorted(records):
            values = [r[0] for r in records[step]]
            extra = f", {max(r[2] for r in records[step]) / 1024:.0f} KB" if step.startswith("start page") else ""
            bad = sum(1 for r in records[step] if r[1] >= 500)
            rows.append(
                (f"{step} (one patient at a time)", f"n={len(values)} p50 {p(values, 50):.1f} p95 {p(values, 95):.1f} "
                 f"max {max(values):.1f} ms{extra}" + (f", {bad} errors" if bad else ""))
            )  # fmt: skip
        steps = [r[0] for k in ("question (GET)", "answer (POST)") for r in records[k]]
        rows.append(("every step (one at a time)", f"p95 {p(steps, 95):.1f} ms"))

        records.clear()
        deadline = time.monotonic() + args.seconds
        edit = {}

        def admin_edit():
            time.sleep(args.seconds / 3)
            change = (
                "c = Criterion.objects.filter(question__key='age').order_by('pk').first()\nc.min_value = 19\n"
                if args.edit == "criterion"
                else "c = Question.objects.get(key='lab01')\nc.help_text += ' '\n"  # every worker reloads all
            )
            code = (
                "from trials.models import Criterion, CatalogueVersion, Question\n"
                + change
                + "import time\nc.save(); print(CatalogueVersion.current(), time.time())"
            )
            edit["before"] = time.time()
            version, at = django({**env, "CATALOGUE_KEEPER": "0"}, code).split()
            edit["version"], edit["at"] = int(version), float(at)  # the moment the edit was committed

        def patient_loop(number):
            while time.monotonic() < deadline:
                try:
                    Patient(base, record, 1000 + number).run()
                except Exception as error:
                    record(f"failed flow: {type(error).__name__}", 0, 0, 599, 0, None)
                number += args.concurrency

        editor = threading.Thread(target=admin_edit)
        editor.start()
        with ThreadPoolExecutor(args.concurrency) as pool:
            list(pool.map(patient_loop, range(args.concurrency)))
        editor.join()
        everything = [r for rs in records.values() for r in rs]
        before = [r[0] for r in everything if r[3] < edit["at"]]
        after = [r[0] for r in everything if r[3] >= edit["at"]]
        stale = [
            r[3] - edit["at"]
            for r in records["question (GET)"]
            if r[3] > edit["at"] and r[4] and int(r[4]) < edit["version"]
        ]
        errors = sum(1 for r in everything if r[1] >= 500)
        flows = len(records["results (GET)"])
        rows.append(
            (
                f"{args.concurrency} patients at once, {args.seconds} s",
                f"{len(everything)} requests, {flows} flows, {errors} errors",
            )
        )
        rows.append(("  before the edit", latencies(before)))
        rows.append(("  from the edit on", latencies(after)))
        new = [r for r in records["question (GET)"] if r[3] > edit["at"] and r[4] and int(r[4]) >= edit["version"]]
        rows.append((
            "  old rule still served after the edit",
            (f"until {max(stale):.2f} s after it ({len(stale)} pages)" if stale else "never (0 stale pages)")
            + f"; {len(new)} question pages with the new one",
        ))  # fmt: skip
        for kind in ("question (GET)", "answer (POST)", "results (GET)", "start page (GET)"):
            values = [r[0] for r in records[kind]]
            rows.append((f"  {kind} under load", latencies(values)))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        if args.keep or reuse is not None:
            rows.append(("kept for --reuse", str(folder)))
        else:
            shutil.rmtree(folder, ignore_errors=True)
    for name, value in rows:
        print(f"{size:>7}  {name:<52} {value}")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10000, 30000, 80000])
    parser.add_argument("--patients", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--edit", choices=["criterion", "question"], default="criterion", help="what the admin edits under load"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database folder for --reuse")
    parser.add_argument("--reuse", help="a folder that --keep kept (its database is measured again)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    for size in args.sizes:
        measure(size, args)


if __name__ == "__main__":
    main()
