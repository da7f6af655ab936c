"""Measure the criteria extractor against the hand-annotated evaluation set.

Run from the repository root:

    python -m tests.trials.registry.evaluate_extraction [--verbose] [--cases DIR]

    python -m tests.trials.registry.evaluate_extraction --split test   # the held-out split, aggregate only

It runs ``trials.registry.extraction.extract`` on every case of one split of
``tests/trials/registry/evaluation/`` (``dev/``, tuned on freely, by default;
``test/``, never read while tuning) and prints, per variable (and for time
windows and durations separately), how many thresholds were expected, proposed
and matched, with precision and recall, per language, then the overall figures
for the named variables (everything but windows and durations) against the
targets. ``--verbose`` also lists every miss and every false proposal, and is
refused on ``test/``: its misses are looked at once, when a piece of work is done.

A proposal matches an expected item when kind and variable are the same, the
lower and upper bounds are equal as Decimals (None only equals None), the
inclusivity of each bound that is present is the same, and, for windows, the
unit is the same ("4 weeks" and "28 days" differ), and, where the expected
item states ``bronchodilator`` ("post" or "pre"; null when the text does not
say), the proposal's is the same. The event text is not compared. Each expected item matches at most one proposal, greedily in the
order the case lists them. Proposals for variables the guideline does not
annotate (``sex``, ``diagnoses``, any variable outside ``NAMED_VARIABLES`` and
windows and durations) are left out; a proposal for an annotated variable that
the case does not expect counts against precision.

The extractor is imported inside ``main()`` only, so that ``score`` and the
case loader can be used (and tested) without it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

EVALUATION_DIR = Path(__file__).resolve().parent / "evaluation"
SPLITS = ("dev", "test")
CASES_DIR = EVALUATION_DIR / "dev"

NAMED_VARIABLES = (
    "age",
    "sixmwd_m",
    "fev1_pct_pred",
    "fvc_pct_pred",
    "fev1_fvc_ratio",
    "dlco_pct_pred",
    "tlc_pct_pred",
    "spo2_pct",
    "bmi",
    "pack_years",
    "oxygen_hours_per_day",
    "respiratory_hospitalisations_12m",
    "exacerbations_12m",
    "alt_x_uln",
    "ast_x_uln",
    "bilirubin_x_uln",
    "creatinine_x_uln",
    "egfr",
)
WINDOW = "window"
DURATION = "duration"
TIMED = (WINDOW, DURATION)
IGNORED_VARIABLES = frozenset({"sex", "diagnoses"})
# what the guideline annotates: a proposal for anything else (sex, diagnoses, a variable added to the extractor's
# tables later) is left out rather than counted against precision
ANNOTATED_VARIABLES = frozenset(NAMED_VARIABLES) | frozenset(TIMED)

TARGET_NAMED_PRECISION = Decimal("0.95")
TARGET_NAMED_RECALL = Decimal("0.90")
TARGET_WINDOW_RECALL = Decimal("0.85")


def load_cases(directory: Path | str = CASES_DIR) -> list[dict[str, Any]]:
    """Every case file in ``directory``, in file-name order."""
    cases = []
    for path in sorted(Path(directory).glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        case["_file"] = path.name
        cases.append(case)
    return cases


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _bound_matches(expected: dict, proposal: Any, side: str) -> bool:
    want = _decimal(expected.get(side))
    got = _decimal(_get(proposal, side))
    if want != got:
        return False
    if want is None:
        return True
    return bool(expected.get(f"{side}_inclusive")) == bool(_get(proposal, f"{side}_inclusive"))


def matches(expected: dict, proposal: Any) -> bool:
    """Whether ``proposal`` is the threshold ``expected`` describes."""
    if expected["kind"] != _get(proposal, "kind") or expected["variable"] != _get(proposal, "variable"):
        return False
    if not (_bound_matches(expected, proposal, "lower") and _bound_matches(expected, proposal, "upper")):
        return False
    if expected["variable"] in TIMED and expected.get("unit") != _get(proposal, "unit"):
        return False
    if "bronchodilator" in expected and expected["bronchodilator"] != _get(proposal, "bronchodilator"):
        return False
    return True


@dataclass
class Counts:
    expected: int = 0
    proposed: int = 0
    matched: int = 0

    @property
    def precision(self) -> Decimal | None:
        return Decimal(self.matched) / Decimal(self.proposed) if self.proposed else None

    @property
    def recall(self) -> Decimal | None:
        return Decimal(self.matched) / Decimal(self.expected) if self.expected else None

    def add(self, other: Counts) -> None:
        self.expected += other.expected
        self.proposed += other.proposed
        self.matched += other.matched


@dataclass
class Report:
    per_variable: dict[str, Counts] = field(default_factory=dict)
    named: Counts = field(default_factory=Counts)
    window: Counts = field(default_factory=Counts)
    per_language: dict[str, dict[str, Counts]] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_proposals: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    wrong_list: int = 0  # expected bounds proposed exactly, but in the other list (inclusion for exclusion)

    def targets(self) -> list[tuple[str, Decimal, Decimal | None, bool]]:
        """(description, target, achieved, met) for each target."""
        rows = []
        for label, target, achieved in (
            ("named variables precision", TARGET_NAMED_PRECISION, self.named.precision),
            ("named variables recall", TARGET_NAMED_RECALL, self.named.recall),
            ("windows and durations recall", TARGET_WINDOW_RECALL, self.window.recall),
        ):
            rows.append((label, target, achieved, achieved is not None and achieved >= target))
        rows.append(("bounds in the wrong list", Decimal(0), Decimal(self.wrong_list), self.wrong_list == 0))
        return rows

    @property
    def all_targets_met(self) -> bool:
        return all(met for *_, met in self.targets())


def _describe(item: Any) -> str:
    def bound(side: str) -> str:
        value = _get(item, side)
        if value is None:
            return "-"
        inclusive = _get(item, f"{side}_inclusive")
        return f"{value}{'' if inclusive else ' (excl.)'}"

    text = f"{_get(item, 'kind')} {_get(item, 'variable')} [{bound('lower')} .. {bound('upper')}] {_get(item, 'unit') or ''}".rstrip()
    return text


def score(cases: Iterable[dict[str, Any]], extract_fn: Callable[..., Iterable[Any]]) -> Report:
    """Run ``extract_fn`` on every case and compare its proposals with the annotations."""
    report = Report()
    for variable in (*NAMED_VARIABLES, *TIMED):
        report.per_variable[variable] = Counts()

    for case in cases:
        case_id = case["id"]
        language = report.per_language.setdefault(case.get("language", "?"), {"named": Counts(), "timed": Counts()})
        try:
            proposals = list(
                extract_fn(case["text"], minimum_age=case.get("minimum_age"), maximum_age=case.get("maximum_age"))
            )
        except Exception as error:  # one broken case must not hide the others
            report.errors.append({"case": case_id, "error": repr(error)})
            proposals = []
        proposals = [p for p in proposals if _get(p, "variable") in ANNOTATED_VARIABLES]

        def group(variable: str) -> Counts:
            return language["timed" if variable in TIMED else "named"]

        for proposal in proposals:
            report.per_variable.setdefault(_get(proposal, "variable"), Counts()).proposed += 1
            group(_get(proposal, "variable")).proposed += 1
        for item in case["expected"]:
            report.per_variable.setdefault(item["variable"], Counts()).expected += 1
            group(item["variable"]).expected += 1

        unmatched = list(range(len(proposals)))
        for item in case["expected"]:
            found = next((i for i in unmatched if matches(item, proposals[i])), None)
            if found is None:
                report.misses.append({"case": case_id, "quote": item.get("quote", ""), "expected": _describe(item)})
                continue
            unmatched.remove(found)
            report.per_variable[item["variable"]].matched += 1
            group(item["variable"]).matched += 1
        for item in case["expected"]:
            other = {**item, "kind": "exclusion" if item["kind"] == "inclusion" else "inclusion"}
            flipped = next((i for i in unmatched if matches(other, proposals[i])), None)
            if flipped is not None and not any(matches(item, p) for p in proposals):
                report.wrong_list += 1
        for i in unmatched:
            proposal = proposals[i]
            report.false_proposals.append(
                {"case": case_id, "quote": _get(proposal, "quote") or "", "proposed": _describe(proposal)}
            )

    for variable, counts in report.per_variable.items():
        (report.window if variable in TIMED else report.named).add(counts)
    return report


def _fmt(value: Decimal | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def render(report: Report, verbose: bool = False) -> str:
    lines = [f"{'variable':<34}{'expected':>9}{'proposed':>9}{'matched':>8}{'precision':>10}{'recall':>8}"]
    rows = [(v, c) for v, c in report.per_variable.items() if v not in TIMED and (c.expected or c.proposed)]
    for variable, counts in rows:
        lines.append(
            f"{variable:<34}{counts.expected:>9}{counts.proposed:>9}{counts.matched:>8}"
            f"{_fmt(counts.precision):>10}{_fmt(counts.recall):>8}"
        )
    lines.append("-" * 78)
    timed = [(v, report.per_variable[v]) for v in TIMED]
    per_language = [
        (f"{part} ({lang})", counts)
        for lang, groups in sorted(report.per_language.items())
        for part, counts in (("named", groups["named"]), ("windows+durations", groups["timed"]))
    ]
    for label, counts in (
        *timed,
        ("all named variables", report.named),
        ("windows and durations", report.window),
        *per_language,
    ):
        lines.append(
            f"{label:<34}{counts.expected:>9}{counts.proposed:>9}{counts.matched:>8}"
            f"{_fmt(counts.precision):>10}{_fmt(counts.recall):>8}"
        )
    lines.append("")
    lines.append("Targets (exact bounds and inclusivity):")
    for label, target, achieved, met in report.targets():
        if label == "bounds in the wrong list":
            lines.append(f"  {label:<28} == 0     found {report.wrong_list}      {'MET' if met else 'NOT MET'}")
            continue
        lines.append(f"  {label:<28} >= {target}  achieved {_fmt(achieved)}  {'MET' if met else 'NOT MET'}")
    if report.errors:
        lines.append("")
        lines.append(f"Extractor errors ({len(report.errors)}):")
        lines.extend(f"  {e['case']}: {e['error']}" for e in report.errors)
    if verbose:
        lines.append("")
        lines.append(f"Misses ({len(report.misses)}):")
        lines.extend(f'  {m["case"]}: expected {m["expected"]}  quote: "{m["quote"]}"' for m in report.misses)
        lines.append("")
        lines.append(f"False proposals ({len(report.false_proposals)}):")
        lines.extend(f'  {f["case"]}: proposed {f["proposed"]}  quote: "{f["quote"]}"' for f in report.false_proposals)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and false proposal")
    parser.add_argument("--split", choices=SPLITS, default="dev", help="which split to score (default: dev)")
    parser.add_argument("--cases", help="a directory of case files instead of a split")
    args = parser.parse_args(argv)
    if args.verbose and args.split == "test" and not args.cases:
        parser.error("the test split is printed in aggregate only: its misses are not read while tuning")

    from trials.registry.extraction import extract  # imported here: the set and score() do not need it

    cases = load_cases(args.cases or EVALUATION_DIR / args.split)
    report = score(cases, extract)
    print(f"{len(cases)} cases, {report.named.expected} named-variable thresholds, {report.window.expected} windows\n")
    print(render(report, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
