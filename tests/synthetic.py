"""Realistic synthetic trials for query-count tests and the benchmark: about 20 conditions, 10–20
criteria each over a vocabulary of 30 questions. Deterministic for a given seed."""

from __future__ import annotations

import random
from decimal import Decimal

from trials.models import CatalogueVersion, Criterion, Question, Site, Trial

CONDITIONS = [f"cond{i:02d}" for i in range(1, 21)]
LABS = [f"lab{i:02d}" for i in range(1, 18)]
HISTORY = [f"hx{i:02d}" for i in range(1, 11)]


def make_questions() -> dict[str, Question]:
    questions = [
        Question(
            key="dx",
            kind="multiple",
            prompt="Which conditions do you have?",
            short_label="conditions",
            choices=[{"code": c, "label": f"Condition {c[-2:]}"} for c in CONDITIONS]
            + [{"code": "none", "label": "None of these"}],
            allow_dont_know=False,
            priority=1,
        ),
        Question(
            key="age",
            kind="number",
            unit="years",
            prompt="How old are you?",
            short_label="age",
            min_value=18,
            max_value=120,
            whole_number=True,
            allow_dont_know=False,
            priority=10,
        ),
        Question(
            key="sex",
            kind="single",
            prompt="What is your sex?",
            short_label="sex",
            choices=[{"code": "female", "label": "Female"}, {"code": "male", "label": "Male"}],
            allow_dont_know=False,
            priority=20,
        ),
    ]
    questions += [
        Question(
            key=key,
            kind="number",
            unit="%",
            prompt=f"What was your {key}?",
            short_label=key,
            min_value=0,
            max_value=200,
            priority=40 + i,
        )
        for i, key in enumerate(LABS)
    ]
    questions += [
        Question(key=key, kind="yes_no", prompt=f"Have you had {key}?", short_label=key, priority=70 + i)
        for i, key in enumerate(HISTORY)
    ]
    Question.objects.bulk_create(questions)
    return {q.key: q for q in Question.objects.all()}


PLACES = [
    ("Beijing", "China"),
    ("Shanghai", "China"),
    ("Guangzhou", "China"),
    ("Lyon", "France"),
    ("Leeds", "United Kingdom"),
    ("Boston", "United States"),
    ("Denver", "United States"),
    ("Toronto", "Canada"),
]
CHUNK = 2000  # trials per round trip: memory stays flat at any size, and no statement nears a limit


def make_trials(count: int, seed: int = 1, first_number: int = 90000000) -> None:
    """`count` published trials, each with one site and its criteria, written in chunks (no large IN lists,
    and each trial's criteria numbered from 0 so `Criterion.order`, a small integer, never overflows)."""
    rng = random.Random(seed)
    questions = {q.key: q for q in Question.objects.all()} or make_questions()
    for begin in range(0, count, CHUNK):
        trials = [
            Trial(
                nct_id=f"NCT{first_number + i:08d}",
                brief_title=f"Synthetic study {i} of {CONDITIONS[i % 20]}",
                plain_summary="A synthetic study for tests and benchmarks.",
                conditions=[f"Condition {CONDITIONS[i % 20][-2:]}"],
                overall_status="RECRUITING",
                is_published=True,
            )
            for i in range(begin, min(count, begin + CHUNK))
        ]
        for trial in trials:
            trial.index_search()  # bulk_create skips save(): the search index is written here
        trials = Trial.objects.bulk_create(trials)
        sites, criteria = [], []
        for i, trial in enumerate(trials, start=begin):
            city, country = PLACES[i % len(PLACES)]
            sites.append(Site(trial=trial, facility=f"Synthetic hospital {i % 97}", city=city, country=country))
            criteria += _criteria(trial, i, rng, questions)
        Site.objects.bulk_create(sites, batch_size=CHUNK)
        Criterion.objects.bulk_create(criteria, batch_size=CHUNK)
    CatalogueVersion.bump()


def _criteria(trial: Trial, i: int, rng: random.Random, questions: dict) -> list[Criterion]:
    criteria = []

    def add(kind, question=None, **rule):
        criteria.append(
            Criterion(
                trial=trial,
                kind=kind,
                question=question,
                source_text="Synthetic clause.",
                status="approved",
                order=len(criteria),
                **rule,
            )
        )

    add("inclusion", questions["dx"], values=[CONDITIONS[i % 20]])
    add("inclusion", questions["age"], min_value=rng.choice([18, 40, 50]), max_value=rng.choice([65, 75, 80]))
    for key in rng.sample(LABS, rng.randint(4, 9)):
        low = Decimal(rng.randint(10, 60))
        add(
            "inclusion",
            questions[key],
            min_value=low,
            min_inclusive=rng.random() < 0.5,
            max_value=low + rng.randint(20, 80),
            max_inclusive=rng.random() < 0.5,
        )
    for key in rng.sample(HISTORY, rng.randint(2, 5)):
        add("exclusion", questions[key], values=["yes"])
    for _ in range(rng.randint(2, 3)):
        add(rng.choice(["inclusion", "exclusion"]))
    return criteria


def patient(seed: int) -> dict:
    """A synthetic patient's answers (None: "I don't know") to every synthetic question."""
    rng = random.Random(seed)
    answers = {"dx": [rng.choice(CONDITIONS)], "age": str(rng.randint(30, 85)), "sex": rng.choice(["female", "male"])}
    for key in LABS:
        answers[key] = None if rng.random() < 0.1 else str(rng.randint(20, 120))
    for key in HISTORY:
        answers[key] = None if rng.random() < 0.1 else rng.choice(["no", "no", "no", "yes"])
    return answers
