"""Time the criteria extractor: per record over the evaluation set's dev cases, and on 1 MB pathological lines.

    python bench/bench_extraction.py [--repeat 5]

Prints the median and worst milliseconds per record (each record timed `repeat` times, its best kept), then the
time for each 1 MB input; wall-clock and CPU time (on a shared machine the CPU time is the steadier figure). A script, not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trials.registry.extraction import extract  # noqa: E402

DEV = ROOT / "tests" / "trials" / "registry" / "evaluation" / "dev"
MEGABYTE = 1_000_000


def pathological() -> dict[str, str]:
    words = "patients with FEV1 between 30 and 80 percent of predicted, age 40 to 75 years, within 4 weeks "
    return {
        '"1. " repeated': ("1. " * (MEGABYTE // 3 + 1))[:MEGABYTE],
        "one line of ordinary words": (words * (MEGABYTE // len(words) + 1))[:MEGABYTE],
        '"1. a 2. b" counting up': "".join(f"{i % 99 + 1}. item " for i in range(MEGABYTE // 8))[:MEGABYTE],
        "digits only": ("1234567890" * (MEGABYTE // 10))[:MEGABYTE],
        "Chinese list in one line": ("1、年龄18~75岁；2、FEV1≥30%；" * (MEGABYTE // 20))[:MEGABYTE],
        "one million lines": "* FEV1 < 50%\n" * (MEGABYTE // 13),
        '"a 2-year history of" and one long word': ("a 2-year history of " + "a" * MEGABYTE)[:MEGABYTE],
        "Chinese washout windows in one line": ("试验前3个月曾有下列:药:8周" * (MEGABYTE // 15 + 1))[:MEGABYTE],
        # the layouts of decision 0089: bars, table rows, glued cells, glued Chinese item numbers, record sections
        'one line of "|"': "|" * MEGABYTE,
        '"| 1 | a | 2 | b |" rows in one line': "".join(
            f"| {i % 99 + 1} | 年龄≥18岁 " for i in range(MEGABYTE // 12 + 1)
        )[:MEGABYTE],
        "three-column table rows": (
            "Criterion | Inclusion criteria | Exclusion criteria\n"
            + "| Age | 40-75 years | < 40 |\n" * (MEGABYTE // 28 + 1)
        )[:MEGABYTE],
        "glued two-column rows": (
            "Inclusion criteriaExclusion criteria\n" + "Age >40 yrsKnown deficiency\n" * (MEGABYTE // 28 + 1)
        )[:MEGABYTE],
        "Chinese items glued to their numbers": "入选标准："
        + "".join(f"{i % 99 + 1}年龄≥40周岁；" for i in range(MEGABYTE // 10))[: MEGABYTE - 5],
        "record sections in one line": (
            "PATIENT CHARACTERISTICS: Age: 18 and over Hepatic: Bilirubin < 2 mg/dL " * (MEGABYTE // 70 + 1)
        )[:MEGABYTE],
        # the layouts of decision 0096: item numbers glued with no mark (each a candidate found far ahead), tab rows
        "Chinese item numbers glued with no mark": (
            "1签署知情同意书" + "".join(f"{n}{n + 1}个月内无感染" for n in range(2, 99)) + "23个月内" * (MEGABYTE // 6)
        )[:MEGABYTE],
        # a list of labs whose joining words are also short words ("or" is both): each gap one way only (review10)
        'labs joined by "or or or …"': (("AST" + " or" * 12 + " 1 ALT > 2 x ULN; ") * (MEGABYTE // 57 + 1))[:MEGABYTE],
        "tab rows under items ending in a colon": ("前接受过以下治疗：\n药物\t＜2周\n" * (MEGABYTE // 15 + 1))[
            :MEGABYTE
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(DEV.glob("*.json"))]
    times, cpu = [], []
    for case in cases:
        best = best_cpu = float("inf")
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            extract(case["text"], minimum_age=case.get("minimum_age"), maximum_age=case.get("maximum_age"))
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - start_cpu)
        times.append(best * 1000)
        cpu.append(best_cpu * 1000)
    print(
        f"dev records: {len(times)}; wall median {statistics.median(times):.2f} ms, worst {max(times):.2f} ms; "
        f"CPU median {statistics.median(cpu):.2f} ms, worst {max(cpu):.2f} ms"
    )
    for name, text in pathological().items():
        start, start_cpu = time.perf_counter(), time.process_time()
        found = extract(text)
        print(
            f"1 MB {name}: wall {time.perf_counter() - start:.2f} s, CPU {time.process_time() - start_cpu:.2f} s "
            f"({len(text):,} chars, {len(found)} proposals)"
        )


if __name__ == "__main__":
    main()
