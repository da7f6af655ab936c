"""Benchmark: complete screenings through the real request path with N synthetic trials.

    .venv/bin/python -m bench.benchmark_questionnaire [--sizes 100 1000 10000] [--screenings 20]

Each size gets a throwaway SQLite database (a temporary file), filled with N realistic synthetic trials
(20 conditions, 10–20 criteria each over 30 questions). Synthetic patients start a screening and answer
every question the service asks, then open "check your answers" and the results, all through Django's
full handler (middleware, views, templates, the database) with the test client. Half step as a browser
with JavaScript does (htmx requests: each page is the question panel), half as one without (whole
pages); answers are posted form-encoded, as browsers post them. Right after every request, a minimal
view rendering a tiny template is timed through the same middleware, so both meet the same conditions.
It prints p50/p95 and queries per kind of request, and each path's step-to-minimal-view ratios.
Targets (2-core machine): step p95 ≤ 25 ms at 1,000 trials, ≤ 100 ms at 10,000; a step ≤ 3× the
minimal view at 1,000 trials.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from bench.environment import dont_know, measure_in_fresh_process

ROOT = Path(__file__).resolve().parents[1]
FORM = "application/x-www-form-urlencoded"
_tiny = None


def minimal_view(request):
    """The yardstick: a Django view rendering a tiny template, through the same middleware."""
    global _tiny
    from django.http import HttpResponse
    from django.template import engines

    _tiny = _tiny or engines["django"].from_string("<p>Hello, {{ name }}.</p>")
    return HttpResponse(_tiny.render({"name": "world"}, request))


def _urlpatterns():
    from django.urls import include, path

    return [path("__minimal__/", minimal_view), path("", include("screener.urls"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[100, 1000, 10000])
    parser.add_argument("--screenings", type=int, default=20)
    args = parser.parse_args()
    print(f"{'trials':>7} {'request':<26} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            run(size, args.screenings, Path(folder))


def run(size: int, screenings: int, folder: Path) -> None:
    # Each size in its own process: a fresh database and a fresh in-process catalogue.
    measure_in_fresh_process("bench.benchmark_questionnaire", f"{size}, {screenings}", folder, RATELIMIT_ENABLE="0")


def measure(size: int, screenings: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "screener.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.benchmark_questionnaire"
    global urlpatterns
    urlpatterns = _urlpatterns()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    from tests.synthetic import make_trials, patient

    started = time.perf_counter()
    make_trials(size)
    fill_seconds = time.perf_counter() - started

    timings: dict[str, list[float]] = defaultdict(list)
    queries: dict[str, list[int]] = defaultdict(list)
    counted = [0]

    def count(execute, sql, params, many, context):
        counted[0] += 1
        return execute(sql, params, many, context)

    minimal = Client()

    def timed(kind: str, call):
        """Time one request; then time the minimal view right after it, under the same conditions."""
        counted[0] = 0
        begin = time.perf_counter()
        response = call()
        timings[kind].append((time.perf_counter() - begin) * 1000)
        queries[kind].append(counted[0])
        assert response.status_code in (200, 302), (kind, response.status_code)
        counted[0] = 0
        begin = time.perf_counter()
        minimal.get("/__minimal__/")
        timings["minimal view"].append((time.perf_counter() - begin) * 1000)
        queries["minimal view"].append(counted[0])
        return response

    for _ in range(50):  # warm up the minimal view's own code paths
        minimal.get("/__minimal__/")
    with connection.execute_wrapper(count):
        for number in range(screenings):
            # Half the patients step with htmx (a browser with JavaScript: each page is the question panel),
            # half without JavaScript (whole pages); both post the answer and follow the redirect.
            htmx = number % 2 == 0
            mode = "htmx" if htmx else "no JS"
            headers = {"HX-Request": "true"} if htmx else {}
            client, profile = Client(headers=headers), patient(seed=number)
            response = timed("start (POST)", lambda: client.post("/", "", content_type=FORM))
            response = client.get(response["Location"])
            while "/questions/" in response["Location"]:
                url = response["Location"]
                key = url.split("/questions/")[1].strip("/")
                page = timed(f"question ({mode}, GET)", lambda: client.get(url)).content.decode()
                value = profile[key]
                data = {"answer": value} if value is not None else dont_know(page)
                # Encoded as a browser sends a form without files (the test client's default is multipart).
                body = urlencode(data, doseq=True)
                response = timed(f"answer ({mode}, POST)", lambda: client.post(url, body, content_type=FORM))
            check = response["Location"]
            timed("check answers (GET)", lambda: client.get(check))
            timed("results (GET)", lambda: client.get(check.replace("/check/", "/results/")))

    steps = {mode: timings[f"question ({mode}, GET)"] + timings[f"answer ({mode}, POST)"] for mode in ("htmx", "no JS")}
    rows = [(kind, values, queries[kind]) for kind, values in sorted(timings.items())]
    rows += [
        (f"every step ({mode})", values, queries[f"question ({mode}, GET)"] + queries[f"answer ({mode}, POST)"])
        for mode, values in steps.items()
    ]
    for kind, values, counts in rows:
        print(
            f"{size:>7} {kind:<26} {len(values):>5} {p(values, 50):>8.2f} {p(values, 95):>8.2f} "
            f"{statistics.mean(counts):>8.1f}"
        )
    minimal_p50, minimal_p95 = p(timings["minimal view"], 50), p(timings["minimal view"], 95)
    for mode, values in steps.items():
        print(
            f"{size:>7} step / minimal view ({mode}): p50 {p(values, 50) / minimal_p50:.1f}x, "
            f"p95 {p(values, 95) / minimal_p95:.1f}x"
        )
    print(f"{size:>7} (filled {size} trials in {fill_seconds:.1f} s)")
    sys.stdout.flush()


def p(values: list[float], percentile: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percentile / 100 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
