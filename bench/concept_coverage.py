"""Measure: how many screening clauses of real records get a draft a patient can answer, a sample of concept
drafts to judge by hand, and the screens a typical COPD patient sees with every draft approved.

    .venv/bin/python -m bench.concept_coverage [--sample 100] [--seed 21] [--show-walk]
    .venv/bin/python -m bench.concept_coverage --split test   # the held-out split: the coordinator's, once
    .venv/bin/python -m bench.concept_coverage --split test --judge-sample 100   # once, when the work is done

Reads the dev evaluation texts (tests/trials/registry/evaluation/dev/, never test/) and the seed records
(trials/registry/seed/NCT*.json); drafts each clause as an import does (`drafting.drafts_for`), once without the
concept hook and once with it, in a throwaway SQLite database that holds only the questions. Prints:

- per set: screening clauses, procedural clauses, and those with at least one draft on a question, before and
  after the concepts (procedural clauses are not screening clauses and are not counted);
- a random sample of the concept (yes/no and choice) drafts, with list, rule, concepts, polarity and words;
- the questionnaire walk of the issue's COPD patient (68, woman, ex-smoker of 30 pack-years, FEV1 45 %
  predicted, two flare-ups last year) against every record as a trial, every draft with a question approved,
  the registry's age limits and conditions as the import drafts them: the number of question screens (related
  questions share one: trials/data/screens.json), and with --show-walk each screen's questions and items.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import secrets
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVALUATION = ROOT / "tests" / "trials" / "registry" / "evaluation"
DEV = EVALUATION / "dev"
SEED = ROOT / "trials" / "registry" / "seed"
RESPIRATORY = re.compile(
    r"copd|asthma|pulmonary|lung|ild|ipf|cystic fibrosis|bronchiect|sarcoid|respirat|ards|mycobacter|aspergill|"
    r"spirometry|慢阻肺|哮喘|肺",
    re.IGNORECASE,
)

# The typical COPD patient; questions not here are answered "I don't know".
COPD_PATIENT = {
    "age": 68,
    "sex": "female",
    "diagnoses": ["copd"],
    "pregnant_or_breastfeeding": "no",
    "planning_pregnancy_12m": "no",
    "smoking_status": "former",
    "pack_years": 30,
    "fev1_pct_pred": 45,
    "fev1_fvc_ratio": "0.55",
    "exacerbations_12m": 2,
    "days_since_exacerbation": 120,
    "days_since_systemic_steroids": 120,
    "days_since_antibiotics": 120,
    "respiratory_hospitalisations_12m": 0,
    "days_since_hospitalisation": 3650,
    "days_since_respiratory_infection": 120,
    "days_since_pneumonia": 3650,
    "days_since_covid": 3650,
    "days_since_heart_attack": 3650,
    "days_since_stroke": 3650,
    "days_since_surgery": 3650,
    "days_since_other_trial": 3650,
    "other_trial_recent": "no",
    "other_conditions": ["none"],
    "medicines_now": ["inhaled_steroid"],
    "lung_procedures": ["none"],
    "infection_now": "no",
    "cancer_history": "never",
    "mechanical_ventilation": "never",
    "oxygen_hours_per_day": 0,
    "bmi": 27,
    "spo2_pct": 94,
    "stem_cell_therapy_ever": "no",
    "allergy_albumin_or_anaesthetic": "no",
    "legal_protection": "no",
    "health_insurance": "yes",
    "planned_surgery": "no",
    "medicine_allergy": "no",
    "can_walk": "yes",
    "can_do_spirometry": "yes",
}


def setup() -> None:
    folder = tempfile.mkdtemp(prefix="concepts-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="screener.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        SQLITE_PATH=str(Path(folder) / "db.sqlite3"),
        LOG_LEVEL="WARNING",
        CATALOGUE_SNAPSHOT_DIR=str(Path(folder) / "snapshots"),
    )
    for name in ("DEBUG", "DATABASE_URL", "TASKS_BACKEND"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def records(split: str = "dev") -> list[dict]:
    """{id, set, language, text, conditions, min_age, max_age} of a split's texts (and, for dev, the seed
    records)."""
    found = []
    for path in sorted((EVALUATION / split).glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        found.append(
            {
                "id": path.stem,
                "set": f"{split}-{case.get('language', 'en')}",
                "text": case["text"],
                "conditions": [case.get("condition") or ""],
                "min_age": case.get("minimum_age"),
                "max_age": case.get("maximum_age"),
            }
        )
    from trials.registry import ctgov

    for path in sorted(SEED.glob("NCT*.json")) if split == "dev" else ():
        [record] = ctgov.read_studies(json.loads(path.read_text(encoding="utf-8")))
        found.append(
            {
                "id": record.nct_id,
                "set": "seed",
                "text": record.eligibility_text,
                "conditions": record.conditions,
                "min_age": record.minimum_age.text if record.minimum_age else None,
                "max_age": record.maximum_age.text if record.maximum_age else None,
            }
        )
    return found


def years(text) -> int | None:
    match = re.match(r"\s*(\d+)\s*(?:Years?|岁)", text or "")
    return int(match.group(1)) if match else None


def measure(found: list[dict], questions: dict, respiratory_only: bool = False):
    """Draft every clause of the records as an import does, with and without the concept hook: per set (and
    "resp"/"non-resp") a Counter of records, procedural and screening clauses and those answerable before and
    after; the concept drafts (record, criterion); per record its drafts with a question, after and before; and
    the words of screening clauses left without one. A clause is procedural when every draft it gets is
    (`Criterion.is_procedural`, the rule of `Trial.coverage`): procedural clauses are not screening clauses."""
    from trials.registry import drafting, extraction
    from trials.registry.concepts.matching import concepts_named

    counts: dict[str, Counter] = {}
    concept_drafts, trials, uncovered = [], [], []
    hook = drafting.concept_drafts
    for record in found:
        text = record["text"]
        respiratory = bool(RESPIRATORY.search(" ".join(record["conditions"])))
        tally = counts.setdefault(record["set"], Counter())
        subset = counts.setdefault("resp" if respiratory else "non-resp", Counter())
        tally["records"] += 1
        subset["records"] += 1
        criteria, criteria_before = [], []
        own = concepts_named(record["conditions"])
        for clause in extraction.split_clauses(text):
            words = text[clause.start : clause.end]
            after = drafting.drafts_for(clause, text, questions, own_concepts=own)
            if all(c.is_procedural for c in after):  # the coverage meter's rule (Criterion.clause_state)
                tally["procedural"] += 1
                subset["procedural"] += 1
                continue
            tally["screening"] += 1
            subset["screening"] += 1
            drafting.concept_drafts = lambda *a, **k: []
            try:
                before = drafting.drafts_for(clause, text, questions)
            finally:
                drafting.concept_drafts = hook
            for counter in (tally, subset):
                counter["answerable before"] += any(c.question_id for c in before)
                counter["answerable after"] += any(c.question_id for c in after)
            if not any(c.question_id for c in after) and (respiratory or not respiratory_only):
                uncovered.append(" ".join(words.split())[:200])
            criteria_before.extend(c for c in before if c.question_id)
            for criterion in after:
                if criterion.question_id:
                    criteria.append(criterion)
                    if (criterion.proposal or {}).get("source") == "concepts":
                        concept_drafts.append((record, criterion))
        trials.append((record, criteria, criteria_before))
    return counts, concept_drafts, trials, uncovered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--show-walk", action="store_true")
    parser.add_argument("--uncovered", type=int, default=0, help="print this many uncovered screening clauses")
    parser.add_argument("--respiratory-only", action="store_true", help="uncovered clauses of respiratory records")
    parser.add_argument(
        "--split",
        choices=("dev", "test"),
        default="dev",
        help="test: the held-out split, aggregate table and the walk's screen counts only (no sample, no clause text)",
    )
    parser.add_argument(
        "--judge-sample",
        type=int,
        default=0,
        help="with --split test: also print this many concept drafts to judge by hand (once, when the work is done)",
    )
    args = parser.parse_args()
    held_out = args.split == "test"
    if held_out:
        args.sample, args.uncovered, args.show_walk = args.judge_sample, 0, False
    setup()
    from trials import eligibility
    from trials.models import Criterion
    from trials.registry.importing import IMPORT_QUESTION_KEYS, ensure_questions

    questions = ensure_questions(IMPORT_QUESTION_KEYS + list(COPD_PATIENT))
    all_questions = ensure_questions()
    counts, concept_drafts, trials, uncovered = measure(records(args.split), questions, args.respiratory_only)

    print("Screening clauses with a draft a patient can answer (a draft on a question)")
    print(f"{'set':<8} {'records':>7} {'procedural':>10} {'screening':>9} {'before':>14} {'after':>14}")
    total = Counter()
    for name in (f"{args.split}-en", f"{args.split}-zh", *(() if held_out else ("seed",))):
        total.update(counts.get(name, Counter()))
        _row(name, counts.get(name, Counter()))
    _row("all", total)
    for name in ("resp", "non-resp"):
        _row(name, counts.get(name, Counter()))
    if held_out and not args.sample:  # the held-out split's figures only: nothing of its text, no sample
        _walk(trials, all_questions, eligibility, Criterion, False)  # the screen counts, no screen listed
        return
    print(f"\nconcept drafts: {len(concept_drafts)}")
    by_question = Counter(c.question.key for _r, c in concept_drafts)
    print("  by question: " + ", ".join(f"{k} {n}" for k, n in by_question.most_common()))

    # A draft's place in the sample depends only on its record, clause and question (a hash with the seed), so
    # a change that drops a draft replaces it and leaves the rest of the sample as it was.
    def rank(item):
        record, criterion = item
        key = f"{args.seed}|{record['id']}|{criterion.clause_start}|{criterion.question.key}|{criterion.kind}"
        return hashlib.sha256(key.encode()).hexdigest()

    sample = sorted(concept_drafts, key=rank)[: args.sample]
    print(f"\nRandom sample of {len(sample)} concept drafts (seed {args.seed}, by hash)")
    for number, (record, criterion) in enumerate(sample, 1):
        proposal = criterion.proposal
        rule = (
            "|".join([*criterion.values, *(f"?{code}" for code in criterion.uncertain_values)])
            if criterion.values or criterion.uncertain_values
            else f"{criterion.min_value or ''}..{criterion.max_value or ''} days"
        )
        clause = " ".join(criterion.clause_text.split())
        print(
            f"{number:>3}. {record['id']} [{proposal['kind']}→{criterion.kind}] {criterion.question.key}={rule} "
            f"{proposal['polarity']} {proposal['concepts']} «{clause[:160]}»"
        )

    if held_out:  # the sample to judge, and nothing else of the held-out split
        return
    for words in random.Random(args.seed).sample(uncovered, min(args.uncovered, len(uncovered))):
        print(f"  uncovered: {words}")
    _walk(trials, all_questions, eligibility, Criterion, args.show_walk)


def _row(name, tally) -> None:
    screening = max(tally["screening"], 1)
    before, after = tally["answerable before"], tally["answerable after"]
    print(
        f"{name:<8} {tally['records']:>7} {tally['procedural']:>10} {tally['screening']:>9} "
        f"{before:>6} {100 * before / screening:5.1f} % {after:>6} {100 * after / screening:5.1f} %"
    )


def _walk(trials, questions, eligibility, Criterion, show: bool) -> None:
    from trials.registry import extraction

    infos = {key: q.to_info() for key, q in questions.items()}
    respiratory = [t for t in trials if RESPIRATORY.search(" ".join(t[0]["conditions"]))]
    for label, chosen, which in (
        ("every record, numeric drafts only (no concepts)", trials, 2),
        ("every record", trials, 1),
        ("respiratory records, numeric drafts only (no concepts)", respiratory, 2),
        ("respiratory records", respiratory, 1),
    ):
        rules, number = [], 0
        for entry in chosen:
            record, criteria = entry[0], entry[which]
            parts = []
            for criterion in criteria:
                number += 1
                criterion.pk = criterion.id = number
                criterion.status = Criterion.Status.APPROVED
                parts.append(criterion.to_rule())
            low, high = years(record["min_age"]), years(record["max_age"])
            if low is not None or high is not None:
                number += 1
                rule = eligibility.NumberRule(low, True, high, True)
                parts.append(eligibility.CriterionRule(number, eligibility.Polarity.INCLUSION, "age", rule, "age"))
            codes = extraction.diagnosis_codes(record["conditions"], [])
            if codes:
                number += 1
                rule = eligibility.ChoiceRule(frozenset(codes))
                parts.append(eligibility.CriterionRule(number, eligibility.Polarity.INCLUSION, "diagnoses", rule, "dx"))
            rules.append(eligibility.TrialRules(id=record["id"], criteria=tuple(parts)))
        catalogue = eligibility.Catalogue(rules, infos)
        answers = walk_as_patient(catalogue, COPD_PATIENT, eligibility)
        walk = catalogue.walk(answers)
        results = eligibility.evaluate(rules, answers, infos)
        verdicts = Counter(str(r.verdict) for r in results)
        print(
            f"\nCOPD patient against {len(rules)} {label}, every draft approved: {len(walk.screens)} question screens "
            f"({len(walk.path)} questions); verdicts {dict(verdicts)}"
        )
        if show:
            for number, screen in enumerate(walk.screens, 1):
                items = "; ".join(f"{key}: {', '.join(sorted(walk.items[key]))}" for key in screen if key in walk.items)
                print(f"  {number:>2}. {' + '.join(screen)}" + (f"  [items {items}]" if items else ""))


def walk_as_patient(catalogue, patient: dict, eligibility) -> dict:
    """The patient's answers, a screen at a time, as the questionnaire stores them: each question of a screen
    answered from `patient` ("I don't know" when it is not there); a question shown item by item answered
    for the items the screen shows ("none" ticks none of them)."""
    answers: dict = {}
    walk = catalogue.walk(answers)
    while walk.next_screen:
        for key in walk.next_screen:
            value = patient.get(key, eligibility.DONT_KNOW)
            if key in walk.items and isinstance(value, list):
                shown = walk.items[key]
                value = eligibility.ItemsAnswer(frozenset(value) & shown, shown)
            answers[key] = value
        walk = catalogue.walk(answers)
    return answers


if __name__ == "__main__":
    main()
