"""Load test: many concurrent patients through the whole flow, referral included, against gunicorn.

    .venv/bin/python -m bench.load_test [--patients 200] [--concurrency 20] [--seconds 180] [--databases sqlite postgres]

Loopback only and bounded: at most --patients complete flows and --seconds of wall time per database.
For each database it makes a throwaway one (a temporary SQLite file, or a new PostgreSQL database on
127.0.0.1:5432 that is dropped afterwards), migrates, loads the seed trials, collects static files,
starts gunicorn on a free local port, and drives patients with plain HTTP (cookies, CSRF tokens, forms).
Every fourth patient double-clicks "Send": the two submissions go out at the same moment. It prints
throughput and p50/p95 per step, and checks: zero server errors, zero "database is locked", and every
referral that was confirmed to a patient is in the database exactly once.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.screener.questionnaire.flow import screen_data, screen_keys  # noqa: E402
from tests.trials.profiles import MATCHES_COPD  # noqa: E402

CONTACT = {
    "name": "Load Test Patient",
    "phone": "+86 579 8997 9999",
    "email": "",
    "contact_by": "phone",
    "contact_time": "any",
    "message": "",
    "consent": "on",
}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Patient:
    def __init__(self, base: str, record, double_click: bool = False):
        self.base, self.record, self.double_click = base, record, double_click
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, step: str, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = None
        headers = {"User-Agent": "load-test"}
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.csrf()}
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, text, location = response.status, response.read().decode(), ""
        except urllib.error.HTTPError as error:
            status, text, location = (
                error.code,
                error.read().decode(errors="replace"),
                error.headers.get("Location", ""),
            )
        self.record(step, (time.perf_counter() - started) * 1000, status)
        return status, text, location

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def run(self) -> str | None:
        """One whole flow; returns the reference code the patient was shown, if any."""
        self.request("start page (GET)", "/")
        status, _, location = self.request("start (POST)", "/", {})
        status, _, location = self.request("resume (GET)", location)
        while "/questions/" in location or "/screens/" in location:
            _status, page, _ = self.request("question page (GET)", location)
            if "/screens/" in location:  # related questions on one page, each field named by its question
                key = location.split("/screens/")[1].strip("/")
                data = screen_data(page, {k: MATCHES_COPD.get(k) for k in screen_keys(page)})
            else:
                key = location.split("/questions/")[1].strip("/")
                data = {"answer": MATCHES_COPD[key]}
            status, text, next_location = self.request("answer (POST)", location, data)
            if status != 302:
                raise RuntimeError(f"answer {key} got {status}")
            location = next_location
        self.request("check answers (GET)", location)
        status, text, _ = self.request("results (GET)", location.replace("/check/", "/results/"))
        refer = re.search(r'href="(/screening/[^"]+/contact/[^"]+/)"', text)
        if not refer:
            raise RuntimeError("no referral link on the results page")
        self.request("referral form (GET)", refer.group(1))
        if self.double_click:
            # Two submissions of the same form at the same moment: one referral, both see it.
            with ThreadPoolExecutor(2) as pair:
                outcomes = list(pair.map(lambda _: self.request("referral (POST)", refer.group(1), CONTACT), range(2)))
            if {o[0] for o in outcomes} != {302} or outcomes[0][2] != outcomes[1][2]:
                raise RuntimeError(f"double submit got {[o[:1] + o[2:] for o in outcomes]}")
            status, _, location = outcomes[0]
        else:
            status, _, location = self.request("referral (POST)", refer.group(1), CONTACT)
        if status != 302:
            raise RuntimeError(f"referral got {status}")
        status, text, _ = self.request("confirmation (GET)", location)
        found = re.search(r"data-reference>([A-Z0-9]{4}-[A-Z0-9]{4})<", text)
        return found.group(1).replace("-", "") if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_against(database: str, patients: int, concurrency: int, seconds: float) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="load-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        RATELIMIT_ENABLE="0",
        STATIC_ROOT=str(folder / "static"),
        LOG_LEVEL="WARNING",
        AXES_FAILURE_LIMIT="1000",
    )
    pg_name = None
    if database == "postgres":
        pg_name = f"load_test_{os.getpid()}"
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc", f"CREATE DATABASE {pg_name}"], check=True
        )
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_name}"
    else:
        env["SQLITE_PATH"] = str(folder / "load.sqlite3")
    python = sys.executable
    for command in (["migrate", "-v0"], ["load_seed_trials", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    log = open(folder / "gunicorn.log", "w+")
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "screener.wsgi:application",
            "-c",
            "python:screener.gunicorn_conf",  # make serve's settings (the escaping access log among them)
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)

    timings: dict[str, list[float]] = defaultdict(list)
    statuses: dict[int, int] = defaultdict(int)
    lock = threading.Lock()
    confirmed: list[str] = []
    failures: list[str] = []
    deadline = time.monotonic() + seconds

    def record(step, ms, status):
        with lock:
            timings[step].append(ms)
            statuses[status] += 1

    def one(number):
        if time.monotonic() > deadline:
            return
        try:
            reference = Patient(base, record, double_click=number % 4 == 0).run()
        except Exception as error:  # a failed flow is counted, not fatal
            with lock:
                failures.append(str(error))
            return
        with lock:
            if reference:
                confirmed.append(reference)
            else:
                failures.append("no reference shown")

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(one, range(patients)))
        elapsed = time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    check = (
        "from screener.referrals.models import Referral; import json; "
        "print(json.dumps(list(Referral.objects.values_list('reference', flat=True))))"
    )
    stored = (
        subprocess.run(
            [python, "manage.py", "shell", "-c", check], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    import json

    stored = json.loads(stored)
    log.seek(0)
    server_log = log.read()
    if pg_name:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc", f"DROP DATABASE {pg_name}"], check=True
        )

    requests = sum(len(v) for v in timings.values())
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    locked = server_log.count("database is locked")
    exactly_once = sorted(confirmed) == sorted(stored) and len(set(stored)) == len(stored)
    print(
        f"\n== {database}: {len(confirmed)} patients referred in {elapsed:.1f} s with {concurrency} at a time "
        f"({requests / elapsed:.1f} requests/s, {len(confirmed) / elapsed * 60:.0f} complete flows/min)"
    )
    print(f"{'step':<22} {'n':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for step, values in timings.items():
        ordered = sorted(values)
        print(
            f"{step:<22} {len(values):>6} {statistics.median(ordered):>8.1f} {ordered[int(0.95 * (len(ordered) - 1))]:>8.1f}"
        )
    print(f"statuses: {dict(sorted(statuses.items()))}")
    print(
        f"server errors: {server_errors}; 'database is locked': {locked}; failed flows: {len(failures)}"
        + (f" (first: {failures[0]})" if failures else "")
    )
    print(f"confirmed referrals: {len(confirmed)}; in the database: {len(stored)}; each exactly once: {exactly_once}")
    return server_errors == 0 and locked == 0 and not failures and exactly_once


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--patients", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    args = parser.parse_args()
    results = [run_against(db, args.patients, args.concurrency, args.seconds) for db in args.databases]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
