"""Time the criteria extractor: per record over the evaluation set's dev cases, on 1 MB pathological lines, and on
the hostile inputs the tests read.

    python bench/bench_extraction.py [--repeat 5] [--only-tests]

Prints the median and worst milliseconds per record (each record timed `repeat` times, its best kept), then the
time for each 1 MB input, then for each input of the tests (`from_the_tests`: the tests check what is read from them,
never how long it takes); wall-clock and CPU time (on a shared machine the CPU time is the steadier figure). A script,
not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trials.registry.concepts import matching  # noqa: E402
from trials.registry.extraction import extract, split_clauses  # noqa: E402

DEV = ROOT / "tests" / "trials" / "registry" / "evaluation" / "dev"
MEGABYTE = 1_000_000


def pathological() -> dict[str, str]:
    words = "patients with FEV1 between 30 and 80 percent of predicted, age 40 to 75 years, within 4 weeks "
    return {
        '"1. " repeated': ("1. " * (MEGABYTE // 3 + 1))[:MEGABYTE],
        # a range at every number ("1-1", "1-1", …): each number's filters were the cost (perf11)
        '"1-" repeated': "1-" * (MEGABYTE // 2),
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


def from_the_tests() -> list[tuple[str, str, Callable[[str], list], str]]:
    """The hostile inputs the tests read, exactly: (the test, the input's name, what reads it, the text). The tests
    check the output; the time is measured here."""
    tests = "tests/trials/registry/"
    items = "Inclusion Criteria:\n* "
    concepts = lambda words: matching.proposals(words, "exclusion")  # noqa: E731
    found = [
        (
            f"{tests}test_extraction.py::test_a_huge_clause_with_no_breaks_is_read",
            "clause without breaks",
            extract,
            "Pneumonia within 4 weeks before screening; FEV1 < 50% predicted; " * 2000,
        ),
        (
            f"{tests}test_extraction_held_out_round4.py::test_a_huge_page_of_one_token_a_line_is_read_and_never_raises",
            "one token a line",
            extract,
            "入选标准\n" + "ALT\n≤\n5\n×\nULN\n" * 8000,
        ),
        (
            f"{tests}test_extraction_held_out_round4.py::test_a_huge_page_of_one_token_a_line_is_read_and_never_raises",
            "one number a line",
            split_clauses,
            "入选标准\n" + "1\n" * 50_000,
        ),
    ]
    for name, body in (
        ("weights", "weight ≥ " + "40 kg, " * 10_000),
        ("grades", "mMRC " + "0, " * 20_000 + "or 1"),
        ("cigarettes", "cigarettes " + "10 cigarettes a day or " * 5_000),
        ("zh-eosinophils", "嗜酸性粒细胞" + "≥150个/μL;" * 10_000),
    ):
        test = "test_extraction_patient_measures.py::test_long_runs_of_the_new_wordings_never_raise_and_quote_exactly"
        found.append((f"{tests}{test}", name, extract, items + body))
    for name, body in (
        ("thousands", "platelets ≥ " + "100,000," * 10_000),
        ("pairs", "BP > " + "160/100 " * 10_000),
        ("scores", "ECOG " + "0, " * 20_000 + "or 1"),
        ("zh-labs", "血红蛋白" + "≥90g/L;" * 10_000),
    ):
        test = "test_extraction_lab_values.py::test_long_runs_of_the_new_wordings_never_raise_and_quote_exactly"
        found.append((f"{tests}{test}", name, extract, items + body))
    for name, text in (
        ("interval", "The interval from operation to adjuvant treatment is no more than " * 16_000),
        ("interval-no-number", "the time from a to b to c until d " * 30_000),
        ("older", "the diagnosis is not older than older than " * 24_000),
        (
            "washout-rows",
            "Washout by not using the drugs below for the times prior to Day 1:\n\n"
            + "Oral steroids for 4 weeks;\n\n" * 35_000,
        ),
        ("washout-lead-ins", "not using x prior to:\n" * 45_000),
        ("zh-interval", "手术与随机化之间不能超过" * 80_000),
        ("menopause", "childbearing postmenopausal for at least 1 year " * 20_000),
        ("short-of", "Acute ankle sprain less than " * 35_000),
    ):
        test = "test_extraction_time_round10.py::test_the_tenth_rounds_time_readings_never_raise_on_a_megabyte"
        found.append((f"{tests}{test}", name, extract, text[:MEGABYTE]))
    for name, text in (
        ("bars", "|" * 1_000_000),
        ("bars and digits", "|1" * 500_000),
        ("numbered rows", "".join(f"| {i % 99 + 1} | 年龄≥18岁 " for i in range(80_000))),
        ("row numbers", "；1年龄" * 200_000),
        ("three-column rows", "Criterion | Inclusion criteria | Exclusion criteria\n" + "| a " * 250_000),
    ):
        test = "test_extraction_layouts_round8.py::"
        test += "test_hostile_lines_of_bars_digits_and_row_numbers_are_cut_into_few_clauses"
        found.append((f"{tests}{test}", name, split_clauses, text))
    found += [
        (
            f"{tests}test_extraction_layouts_round8.py::test_a_long_line_of_glued_rows_is_cut_in_order",
            "glued rows",
            split_clauses,
            "Inclusion criteriaExclusion criteria\n" + "Age >40 yrsKnown deficiencyAge >40 yrs" * 20_000,
        ),
        (
            f"{tests}test_extraction_layouts_round9.py::test_reading_numbers_by_sequence_on_a_long_line_never_raises",
            "numbers by sequence",
            split_clauses,
            "1签署知情同意书" + "".join(f"{n}年龄≥1{n % 10}岁且无感染" for n in range(2, 100)) + "前3周内" * 20_000,
        ),
    ]
    for name, words in (
        ("spaces", "cardiac" + " " * 10_000),
        ("commas", "cardiac, " * 20_000),
        ("chinese", "心、" * 20_000),
        ("negated lists", "无心、肝、肾疾病，" * 5_000),
        ("or", "renal or " * 20_000),
    ):
        test = "test_concepts_round5.py::test_organ_lists_on_hostile_text_never_raise"
        found.append((f"{tests}{test}", name, concepts, words))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only-tests", action="store_true", help="only the inputs the tests read")
    args = parser.parse_args()
    if not args.only_tests:
        dev_and_megabytes(args.repeat)
    extract("Inclusion Criteria:\n* FEV1 < 50%")  # the tables and the lexicon are read once, before any timing
    matching.proposals("asthma", "exclusion")
    for test, name, read, text in from_the_tests():
        start, start_cpu = time.perf_counter(), time.process_time()
        found = read(text)
        print(
            f"{test} [{name}]: wall {time.perf_counter() - start:.2f} s, CPU {time.process_time() - start_cpu:.2f} s "
            f"({len(text):,} chars, {len(found)} read)"
        )


def dev_and_megabytes(repeat: int) -> None:
    cases = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(DEV.glob("*.json"))]
    times, cpu = [], []
    for case in cases:
        best = best_cpu = float("inf")
        for _ in range(repeat):
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
